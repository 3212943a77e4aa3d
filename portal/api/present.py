"""The API's answers as plain dicts: customers, their context card, stored writes.

Times are UTC in ISO 8601 with a `Z`, dates ISO 8601, money in integer cents, codes
as the portal stores them (the same words in every language; enum members are strings).
"""

from __future__ import annotations

from datetime import date, datetime

from portal.clock import today
from portal.customers.card import Card
from portal.customers.models import Customer, Interaction, SurveyAnswer

NOT_COMPUTED = (
    "Not computed yet: the analytics feature will compute these. They are null "
    "rather than estimated."
)


def moment(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    return value.isoformat()


def customer_summary(c: Customer) -> dict:
    return {"id": c.id, "number": c.number, "name": c.full_name, "tier": c.tier}


def customer_context(card: Card) -> dict:
    return {
        "customer": _identity(card.customer),
        "value": _value(card),
        "predicted": {
            "segment": None,
            "predicted_value_cents": None,
            "probability_active": None,
            "churn_risk": None,
            "note": NOT_COMPUTED,
        },
        "recovery": [_recovery(r) for r in card.recovery],
        "complaints": [_complaint(c) for c in card.complaints],
        "promises": [_promise(p) for p in card.promises],
        "points": {
            "balance": card.points.balance,
            "expiring": card.points.expiring,
            "expiring_on": moment(card.points.expiring_on),
        },
        "privileges": [
            {"name": p.name, "notes": p.notes, "expires_on": moment(p.expires_on)}
            for p in card.privileges
        ],
        "occasion": card.occasion,
        "advocate": card.advocate,
    }


def _identity(c: Customer) -> dict:
    return {
        **customer_summary(c),
        "first_name": c.first_name,
        "last_name": c.last_name,
        "loyalty_id": c.loyalty_id,
        "email": c.email,
        "phone": c.phone,
        "language": c.language,
        "customer_since": moment(c.customer_since),
        "owner": c.owner.name if c.owner else None,
        "preferred_channel": c.preferred_channel,
        "interests": c.interests,
        "do_not_contact": c.do_not_contact,
        "do_not_upsell": c.do_not_upsell,
    }


def _value(card: Card) -> dict:
    v = card.value
    return {
        "revenue_cents": v.revenue_cents,
        "purchases": v.purchases,
        "average_ticket_cents": v.average_cents,
        "last_purchase_at": moment(v.last_purchase_at),
        "last_90_days_cents": v.recent_cents,
        "usual_90_days_cents": round(v.usual_cents) if v.usual_cents is not None else None,
        "trend": v.trend,
    }


def _recovery(row) -> dict:
    return {
        "kind": row.kind,
        "department": row.department,
        "at": moment(row.at),
        "text": row.text,
    }


def _complaint(c) -> dict:
    return {
        "id": c.id,
        "department": c.department,
        "summary": c.summary,
        "status": c.status,
        "opened_at": moment(c.opened_at),
    }


def _promise(p) -> dict:
    """A row of the promise's columns and the employee's name, as the card reads it."""
    return {
        "id": p.id,
        "kind": p.kind,
        "description": p.description,
        "due_on": moment(p.due_on),
        "overdue": p.due_on < today(),
        "employee": p.employee,
    }


def interaction(i: Interaction) -> dict:
    return {
        "id": i.id,
        "customer_id": i.customer_id,
        "employee_id": i.employee_id,
        "occurred_at": moment(i.occurred_at),
        "channel": i.channel,
        "type": i.type,
        "department": i.department,
        "outcome": i.outcome,
        "notes": i.notes,
        "script_id": i.script_id,
        "script_followed": i.script_followed,
    }


def survey_answer(a: SurveyAnswer) -> dict:
    return {
        "id": a.id,
        "customer_id": a.customer_id,
        "interaction_id": a.interaction_id,
        "employee_id": a.employee_id,
        "department": a.department,
        "answered_at": moment(a.answered_at),
        "csat": a.csat,
        "nps": a.nps,
        "effort": a.effort,
        "comment": a.comment,
    }
