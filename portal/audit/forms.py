"""The audit log's filters (a GET form: nothing is changed, so no CSRF token)."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, IntegerField, StringField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from portal.converters import BIGGEST_ID
from portal.forms import PortalForm

# Days outside these cannot be turned into UTC times on every zone (datetime's range),
# and no audit event is that old or that far ahead.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


class DayField(DateField):
    """A date written as the browser's date input sends it, with a message saying how."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(
                _l("Write the date as year-month-day, for example 2026-12-01.")
            ) from None


def _day_in_range(form, field) -> None:
    if field.data and not FIRST_DAY <= field.data <= LAST_DAY:
        raise ValidationError(_l("Choose a day between the years 1900 and 2999."))


class AuditFilterForm(PortalForm):
    class Meta(PortalForm.Meta):
        csrf = False

    action = StringField(
        _l("Action starts with"),
        validators=[Optional(), Length(max=60)],
        render_kw={"placeholder": "login."},
    )
    actor = EmailField(_l("By (e-mail)"), validators=[Optional(), Length(max=254)])
    target_type = StringField(
        _l("Target type"),
        validators=[Optional(), Length(max=40)],
        render_kw={"placeholder": "customer"},
    )
    target_id = IntegerField(
        _l("Target id"), validators=[Optional(), NumberRange(min=1, max=BIGGEST_ID)]
    )
    date_from = DayField(_l("From"), name="from", validators=[Optional(), _day_in_range])
    date_to = DayField(_l("To"), name="to", validators=[Optional(), _day_in_range])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        start, end = self.date_from.data, self.date_to.data
        if valid and start and end and start > end:
            self.date_to.errors.append(_l("The end date comes before the start date."))
            return False
        return valid

    def query_args(self) -> dict:
        """The filters as URL arguments (for the next page and the CSV export)."""
        return {f.name: f.raw_data[0] for f in self if f.raw_data and f.raw_data[0]}
