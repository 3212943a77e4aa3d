"""Forms for managing users and teams (shape only)."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.auth.permissions import ROLES
from portal.forms import PortalForm
from portal.validators import EmailAddress

ROLE_LABELS = {
    "frontline": _l("Frontline"),
    "trainer": _l("Trainer"),
    "manager": _l("Manager"),
    "admin": _l("Administrator"),
}


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class UserForm(PortalForm):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), EmailAddress(), Length(max=254)])
    roles = CheckboxesField(
        _l("Roles"),
        choices=[SelectChoice(r, ROLE_LABELS[r]) for r in ROLES],
        validators=[DataRequired(_l("Give the user at least one role."))],
    )
    team_id = SelectField(_l("Team"), coerce=_optional_int, validators=[Optional()])
    active = BooleanField(_l("Active (may sign in)"), default=True)
    password = PasswordField(
        _l("Password"),
        description=_l("At least 8 characters. Leave empty to keep the current one."),
        validators=[Optional(), Length(min=8, max=200)],
    )


class NewUserForm(UserForm):
    """A new user has no current password to keep: the hint says what to do instead."""

    password = PasswordField(
        _l("Password"),
        description=_l(
            "At least 8 characters. Tell it to the person: they can change it under "
            "Your profile once signed in."
        ),
        validators=[InputRequired(_l("Give the new user a password.")), Length(min=8, max=200)],
    )


class TeamForm(PortalForm):
    name = StringField(_l("Team name"), validators=[DataRequired(), Length(max=80)])
    location = StringField(_l("Location"), validators=[Optional(), Length(max=80)])
    manager_id = SelectField(_l("Manager"), coerce=_optional_int, validators=[Optional()])
