"""The short forms on the card (shape only; rules needing the database are services)."""

from functools import lru_cache

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.customers.models import Channel, Department, InteractionType, Outcome, PromiseKind
from portal.forms import PortalForm
from portal.i18n import current_locale
from portal.labels import label

NOTES_MAX_LENGTH = 2000


def _choices(enum_cls) -> list[SelectChoice]:
    return list(_labelled(enum_cls, current_locale()))


@lru_cache(maxsize=64)
def _labelled(enum_cls, locale) -> tuple[SelectChoice, ...]:
    """Labelled once per language: the card builds its forms on every opening."""
    return tuple(SelectChoice(m.value, label(m.value)) for m in enum_cls)


def _optional_int(value):
    return int(value) if value not in (None, "") else None


class CardForm(PortalForm):
    """The card's forms: their choices are fixed, so their empty controls are cached."""

    class Meta(PortalForm.Meta):
        cache_controls = True


class InteractionForm(CardForm):
    channel = SelectField(_l("Channel"), validators=[DataRequired()])
    type = SelectField(_l("Type"), validators=[DataRequired()])
    department = SelectField(_l("Department"), validators=[DataRequired()])
    outcome = SelectField(_l("Outcome"), validators=[DataRequired()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=NOTES_MAX_LENGTH)])
    csat = RadioField(
        _l("Satisfaction (1–5)"),
        coerce=_optional_int,
        validators=[Optional()],
        choices=[SelectChoice("", _l("not asked"))]
        + [SelectChoice(str(n), str(n)) for n in range(1, 6)],
        default="",
    )
    nps = IntegerField(_l("Would recommend (0–10)"), validators=[Optional(), NumberRange(0, 10)])
    effort = IntegerField(_l("Effort (1–7)"), validators=[Optional(), NumberRange(1, 7)])
    # The script panel beside the card fills script_id (a hidden input tied to this form).
    script_id = IntegerField(validators=[Optional()])
    script_followed = RadioField(
        _l("The suggested script"),
        choices=[
            SelectChoice("", _l("not used")),
            SelectChoice("followed", _l("followed")),
            SelectChoice("skipped", _l("skipped")),
        ],
        validators=[Optional()],
        default="",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel.choices = _choices(Channel)
        self.type.choices = _choices(InteractionType)
        self.department.choices = _choices(Department)
        self.outcome.choices = _choices(Outcome)


class PromiseForm(CardForm):
    kind = SelectField(_l("Kind"), validators=[DataRequired()])
    description = StringField(_l("What you promised"), validators=[DataRequired(), Length(max=300)])
    due_on = DateField(_l("Due on"), validators=[InputRequired(_l("Enter a date."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices(PromiseKind)


class PointsForm(CardForm):
    action = SelectField(
        _l("Action"),
        choices=[SelectChoice("award", _l("Award")), SelectChoice("redeem", _l("Redeem"))],
        validators=[DataRequired()],
    )
    points = IntegerField(
        _l("Points"),
        validators=[InputRequired(_l("Enter a whole number.")), NumberRange(1, 1_000_000)],
    )
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=200)])
