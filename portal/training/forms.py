"""Learners' forms. Which answers are allowed depends on the attempt: grading checks it."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Optional

from portal.forms import PortalForm


class StartForm(PortalForm):
    """Start (or resume) a quiz: a button and its CSRF token."""


class AnswerForm(PortalForm):
    qid = HiddenField()
    node = HiddenField()
    # The options differ per step; the template writes them and grading checks them.
    choice = SelectMultipleField(validate_choice=False)


class AssignmentForm(PortalForm):
    """Shape only; who may assign what to whom is checked by the service."""

    module = SelectField(_l("Module"), validators=[DataRequired()])
    target = SelectField(_l("Assign to"), validators=[DataRequired()])
    due_on = DateField(
        _l("Due on"),
        validators=[Optional()],
        description=_l("Leave it empty for the module's usual time to complete."),
    )
