"""Human, translatable labels for stored codes (channels, outcomes, roles...)."""

from portal.clock import today
from portal.formats import (
    date_medium,
    datetime_short,
    decimal,
    money,
    number,
    percent,
    percent_whole,
)
from portal.i18n import N_, translate

LABELS = {
    # roles
    "frontline": N_("Frontline"),
    "trainer": N_("Trainer"),
    "manager": N_("Manager"),
    "admin": N_("Administrator"),
    # channels
    "store": N_("Store"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "chat": N_("Chat"),
    "web": N_("Web"),
    # departments
    "sales": N_("Sales"),
    "billing": N_("Billing"),
    "support": N_("Support"),
    "delivery": N_("Delivery"),
    "returns": N_("Returns"),
    "loyalty": N_("Loyalty"),
    # interaction types
    "enquiry": N_("Enquiry"),
    "sale": N_("Sale"),
    "service": N_("Service"),
    "complaint": N_("Complaint"),
    "follow_up": N_("Follow-up"),
    "advice": N_("Advice"),
    # outcomes
    "resolved": N_("Resolved"),
    "pending": N_("Pending"),
    "escalated": N_("Escalated"),
    "no_answer": N_("No answer"),
    # complaint status
    "open": N_("Open"),
    "in_progress": N_("In progress"),
    # tiers
    "standard": N_("Standard"),
    "silver": N_("Silver"),
    "gold": N_("Gold"),
    "platinum": N_("Platinum"),
    # content workflow
    "draft": N_("Draft"),
    "in_review": N_("In review"),
    "published": N_("Published"),
    "archived": N_("Archived"),
    # a module version's change kind
    "major": N_("Major"),
    "minor": N_("Minor"),
    # promises
    "call_back": N_("Call back"),
    "refund": N_("Refund"),
    "visit": N_("Visit"),
    "other": N_("Other"),
    # points ledger
    "award": N_("Awarded"),
    "redeem": N_("Redeemed"),
    "expire": N_("Expired"),
    "adjust": N_("Adjusted"),
}


EVENTS = {
    "purchase": N_("Purchase"),
    "interaction": N_("Interaction"),
    "complaint": N_("Complaint"),
    "survey": N_("Survey answer"),
}


# "Everyone who is %(role)s" cannot be said well in Spanish for every role: one phrase each.
AUDIENCES = {
    "frontline": N_("All frontline staff"),
    "trainer": N_("All trainers"),
    "manager": N_("All managers"),
    "admin": N_("All administrators"),
}


def audience_label(role: str) -> str:
    """Who an assignment to a whole role reaches, as a phrase of its own."""
    return translate(AUDIENCES[role]) if role in AUDIENCES else role


def event_label(kind: str) -> str:
    return translate(EVENTS[kind]) if kind in EVENTS else kind


def label(code) -> str:
    if code is None:
        return ""
    value = getattr(code, "value", code)
    return translate(LABELS[value]) if value in LABELS else str(value)


def register_filters(app) -> None:
    from portal.markdown import render_markdown

    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.globals["label"] = label
    app.jinja_env.globals["event_label"] = event_label
    app.jinja_env.globals["audience_label"] = audience_label
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["decimal"] = decimal
    app.jinja_env.filters["percent"] = percent
    app.jinja_env.filters["percent_whole"] = percent_whole
    app.jinja_env.globals["today_date"] = today
    app.jinja_env.filters["datefmt"] = date_medium
    app.jinja_env.filters["datetimefmt"] = datetime_short
