"""Human, translatable labels for stored codes (channels, outcomes, roles...)."""

from flask_babel import format_currency, format_date, format_datetime, format_decimal
from flask_babel import lazy_gettext as _l

from portal.clock import today

LABELS = {
    # roles
    "frontline": _l("Frontline"),
    "trainer": _l("Trainer"),
    "manager": _l("Manager"),
    "admin": _l("Administrator"),
    # channels
    "store": _l("Store"),
    "phone": _l("Phone"),
    "email": _l("E-mail"),
    "chat": _l("Chat"),
    "web": _l("Web"),
    # departments
    "sales": _l("Sales"),
    "billing": _l("Billing"),
    "support": _l("Support"),
    "delivery": _l("Delivery"),
    "returns": _l("Returns"),
    "loyalty": _l("Loyalty"),
    # interaction types
    "enquiry": _l("Enquiry"),
    "sale": _l("Sale"),
    "service": _l("Service"),
    "complaint": _l("Complaint"),
    "follow_up": _l("Follow-up"),
    "advice": _l("Advice"),
    # outcomes
    "resolved": _l("Resolved"),
    "pending": _l("Pending"),
    "escalated": _l("Escalated"),
    "no_answer": _l("No answer"),
    # complaint status
    "open": _l("Open"),
    "in_progress": _l("In progress"),
    # tiers
    "standard": _l("Standard"),
    "silver": _l("Silver"),
    "gold": _l("Gold"),
    "platinum": _l("Platinum"),
    # promises
    "call_back": _l("Call back"),
    "refund": _l("Refund"),
    "visit": _l("Visit"),
    "other": _l("Other"),
}


EVENTS = {
    "purchase": _l("Purchase"),
    "interaction": _l("Interaction"),
    "complaint": _l("Complaint"),
    "survey": _l("Survey answer"),
}


def event_label(kind: str) -> str:
    return str(EVENTS.get(kind, kind))


def money(cents) -> str:
    return format_currency((cents or 0) / 100, "EUR")


def label(code) -> str:
    if code is None:
        return ""
    value = getattr(code, "value", code)
    return str(LABELS.get(value, value))


def register_filters(app) -> None:
    app.jinja_env.globals["label"] = label
    app.jinja_env.globals["event_label"] = event_label
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["number"] = lambda n: format_decimal(n or 0)
    app.jinja_env.globals["today_date"] = today
    app.jinja_env.filters["datefmt"] = lambda d: format_date(d, "medium") if d else ""
    app.jinja_env.filters["datetimefmt"] = lambda d: format_datetime(d, "short") if d else ""
