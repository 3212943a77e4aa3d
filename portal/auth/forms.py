"""Shapes of the login and profile forms; rules needing the database live in services."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from portal.forms import PortalForm
from portal.validators import EmailAddress


class LoginForm(PortalForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), EmailAddress(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = StringField(validators=[Optional(), Length(max=500)])


class LanguageForm(PortalForm):
    language = SelectField(
        _l("Interface language"),
        choices=[
            SelectChoice("", _l("As my browser says")),
            SelectChoice("es", "Español"),
            SelectChoice("en", "English"),
        ],
        validators=[Optional()],
    )


class PasswordForm(PortalForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=8, max=200)]
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password", _l("The two passwords differ."))],
    )
