"""Learners' forms. Which answers are allowed depends on the attempt: grading checks it."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp
from wtforms.widgets import HiddenInput

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


# Form field -> file name of the module's draft.
DRAFT_FILES = {
    "module_es": "module.md",
    "quiz_es": "quiz.yaml",
    "module_en": "module.en.md",
    "quiz_en": "quiz.en.yaml",
}


class DraftForm(PortalForm):
    revision = IntegerField(widget=HiddenInput(), validators=[DataRequired()])
    module_es = TextAreaField("module.md", validators=[Length(max=200_000)])
    quiz_es = TextAreaField("quiz.yaml", validators=[Length(max=200_000)])
    module_en = TextAreaField("module.en.md", validators=[Length(max=200_000)])
    quiz_en = TextAreaField("quiz.en.yaml", validators=[Length(max=200_000)])

    def texts(self) -> dict[str, str]:
        return {name: (getattr(self, field).data or "") for field, name in DRAFT_FILES.items()}


class NewModuleForm(PortalForm):
    slug = StringField(
        _l("Module id"),
        validators=[
            DataRequired(),
            Length(max=80),
            Regexp(
                r"^[a-z0-9]+(-[a-z0-9]+)*$",
                message=_l("Use lowercase letters, digits and hyphens."),
            ),
        ],
        description=_l("Lowercase letters, digits and hyphens, such as 'complaint-handling'."),
    )
