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
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
)
from wtforms.widgets import HiddenInput

from portal.auth.permissions import ROLES
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


class AssignmentEditForm(PortalForm):
    due_on = DateField(_l("Due on"), validators=[InputRequired()])


MAX_FILES = 4  # a module has four files, a service script two


class DraftForm(PortalForm):
    """A draft's files, in the order its kind lists them: file_0, file_1, ..."""

    revision = IntegerField(widget=HiddenInput(), validators=[DataRequired()])
    file_0 = TextAreaField(validators=[Length(max=200_000)])
    file_1 = TextAreaField(validators=[Length(max=200_000)])
    file_2 = TextAreaField(validators=[Length(max=200_000)])
    file_3 = TextAreaField(validators=[Length(max=200_000)])

    def files(self, names: tuple[str, ...]) -> list[tuple[str, TextAreaField]]:
        """(file name, its text area) for each of the draft's files."""
        return [(name, getattr(self, f"file_{i}")) for i, name in enumerate(names)]

    def texts(self, names: tuple[str, ...]) -> dict[str, str]:
        return {name: area.data or "" for name, area in self.files(names)}

    @staticmethod
    def initial(names: tuple[str, ...], texts: dict[str, str]) -> dict[str, str]:
        """Keyword arguments that fill the text areas from a draft's texts."""
        return {f"file_{i}": texts.get(name, "") for i, name in enumerate(names)}


class ReviewForm(PortalForm):
    """Send a draft back to its author, with what to change (optional)."""

    comment = TextAreaField(
        _l("Comment for the author"),
        validators=[Optional(), Length(max=2000)],
        description=_l("What to change before it comes back for review."),
        render_kw={"rows": 4},
    )


class ArchiveForm(PortalForm):
    reason = TextAreaField(
        _l("Why archive it?"),
        validators=[DataRequired(_l("Say why it is archived.")), Length(max=500)],
        description=_l("Kept in the audit log with the archiving."),
        render_kw={"rows": 3},
    )


class QuizEditForm(PortalForm):
    """The quiz editor's CSRF token and the draft revision it started from; the
    questions' fields vary in number and are read by quiz_editor.from_form."""

    revision = IntegerField(widget=HiddenInput(), validators=[DataRequired()])


class ModuleSettingsForm(PortalForm):
    """A module's front matter, for both languages at once (inside the draft form, whose
    CSRF token covers it). Bounds as content.py checks them."""

    class Meta:
        csrf = False

    title_es = StringField(_l("Title (ES)"), validators=[DataRequired(), Length(max=200)])
    title_en = StringField(_l("Title (EN)"), validators=[DataRequired(), Length(max=200)])
    estimated_minutes = IntegerField(
        _l("Minutes to complete"), validators=[DataRequired(), NumberRange(1, 600)]
    )
    audience = SelectMultipleField(
        _l("Written for"),
        choices=[SelectChoice(role, role) for role in ROLES],
        validators=[DataRequired(message=_l("Choose at least one role."))],
    )
    due_within_days = IntegerField(
        _l("Due within (days)"), validators=[DataRequired(), NumberRange(1, 3650)]
    )
    recertify_after_days = IntegerField(
        _l("Renew after (days)"),
        validators=[InputRequired(), NumberRange(0, 3650)],
        description=_l("0: a completion never expires."),
    )
    pass_mark = IntegerField(_l("Pass mark (%)"), validators=[DataRequired(), NumberRange(1, 100)])
    attempts = IntegerField(_l("Attempts"), validators=[DataRequired(), NumberRange(1, 100)])
    doctrine = StringField(
        _l("Doctrine tags"),
        validators=[
            DataRequired(),
            Regexp(
                r"^\s*[a-z0-9]+(-[a-z0-9]+)*(\s*,\s*[a-z0-9]+(-[a-z0-9]+)*)*\s*$",
                message=_l("Tags are lowercase words with hyphens, separated by commas."),
            ),
        ],
    )
    change = SelectField(
        _l("This version is"),
        choices=[
            SelectChoice("major", _l("a major change")),
            SelectChoice("minor", _l("a minor change")),
        ],
        description=_l("A major change asks everyone who completed the module to take it again."),
    )

    def tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.strip() for t in self.doctrine.data.split(",") if t.strip()))


SLUG_RULES = [
    DataRequired(),
    Length(max=80),
    Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Use lowercase letters, digits and hyphens.")),
]


class NewModuleForm(PortalForm):
    slug = StringField(
        _l("Module id"),
        validators=SLUG_RULES,
        description=_l("Lowercase letters, digits and hyphens, such as 'complaint-handling'."),
    )


class NewScriptForm(PortalForm):
    slug = StringField(
        _l("Script id"),
        validators=SLUG_RULES,
        description=_l("Lowercase letters, digits and hyphens, such as 'late-delivery-apology'."),
    )
