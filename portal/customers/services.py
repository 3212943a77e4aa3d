"""Writes from the card: interactions, satisfaction answers, promises, points.

Services flush and never commit; the view commits once. Each write is audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError

from portal.audit.services import audit_record
from portal.auth.models import User
from portal.clock import today, utcnow
from portal.customers.models import (
    Customer,
    Interaction,
    PointsEntry,
    PointsKind,
    Promise,
    SurveyAnswer,
)
from portal.extensions import db
from portal.i18n import N_
from portal.service_scripts.models import ServiceScript

POINTS_VALID_DAYS = 365
PROMISE_MAX_DAYS = 365
FOLLOWED = {"followed": True, "skipped": False}


class CardError(ValueError):
    """A rule the input broke; `field` names the form field, `message` is shown."""

    def __init__(self, field: str, message: str, **params):
        super().__init__(message)
        self.field, self.message, self.params = field, message, params


def interaction_log(
    *,
    actor: User,
    customer: Customer,
    channel: str,
    type: str,
    department: str,
    outcome: str,
    notes: str | None,
    csat: int | None = None,
    nps: int | None = None,
    effort: int | None = None,
    script_id: int | None = None,
    script_followed: str | None = None,
) -> Interaction:
    """`script_followed` is 'followed', 'skipped' or empty for the script `script_id`."""
    if script_id is not None and db.session.get(ServiceScript, script_id) is None:
        raise CardError(
            "script_followed", N_("That script is no longer available. Reload the card.")
        )
    now = utcnow()
    interaction = Interaction(
        customer_id=customer.id,
        employee_id=actor.id,
        occurred_at=now,
        channel=channel,
        type=type,
        department=department,
        outcome=outcome,
        notes=(notes or "").strip() or None,
        script_id=script_id,
        script_followed=FOLLOWED.get(script_followed or "") if script_id else None,
    )
    db.session.add(interaction)
    db.session.flush()
    if _scored(csat, nps, effort):
        survey_answer_add(
            customer=customer,
            interaction=interaction,
            department=department,
            answered_at=now,
            scores={"csat": csat, "nps": nps, "effort": effort},
        )
    customer.last_activity_at = now
    db.session.flush()
    audit_record(
        actor=actor,
        action="interaction.logged",
        target=customer,
        detail={"interaction_id": interaction.id, "channel": channel, "script_id": script_id},
    )
    return interaction


def _scored(*scores: int | None) -> bool:
    return any(score is not None for score in scores)


def survey_answer_add(
    *,
    customer: Customer,
    department: str,
    answered_at: datetime,
    scores: dict[str, int | None],
    interaction: Interaction | None = None,
    comment: str | None = None,
) -> SurveyAnswer:
    """Add an answer (csat, nps, effort in `scores`) without auditing it: the caller's
    own event covers it. It counts for the employee of the interaction it answers,
    since incentives credit that employee, not whoever passes the answer on."""
    answer = SurveyAnswer(
        customer_id=customer.id,
        interaction_id=interaction.id if interaction else None,
        employee_id=interaction.employee_id if interaction else None,
        department=department,
        answered_at=answered_at,
        comment=(comment or "").strip() or None,
        **scores,
    )
    db.session.add(answer)
    return answer


def survey_answer_record(
    *,
    actor: User,
    customer: Customer,
    department: str,
    scores: dict[str, int | None],
    interaction_id: int | None = None,
    comment: str | None = None,
) -> SurveyAnswer:
    """An answer arriving on its own (from a survey tool), audited as `survey.answered`.
    Its messages are English only: no portal page shows them."""
    if not _scored(*scores.values()):
        raise CardError("csat", "Give at least one score: csat, nps or effort.")
    interaction = None
    if interaction_id is not None:
        interaction = db.session.get(Interaction, interaction_id)
        if interaction is None or interaction.customer_id != customer.id:
            raise CardError("interaction_id", "This customer has no interaction with that id.")
    answer = survey_answer_add(
        customer=customer,
        department=department,
        answered_at=utcnow(),
        scores=scores,
        interaction=interaction,
        comment=comment,
    )
    db.session.flush()
    audit_record(
        actor=actor,
        action="survey.answered",
        target=customer,
        detail={"answer_id": answer.id, "interaction_id": interaction_id},
    )
    return answer


def promise_create(
    *, actor: User, customer: Customer, kind: str, description: str, due_on: date
) -> Promise:
    if due_on < today():
        raise CardError("due_on", N_("A promise cannot be due in the past."))
    latest = today() + timedelta(days=PROMISE_MAX_DAYS)
    if due_on > latest:
        # A date years ahead is a typo (2999 for 2026), and no customer waits that long.
        raise CardError(
            "due_on", N_("A promise must be due within a year, by %(date)s."), date=latest
        )
    promise = Promise(
        customer_id=customer.id,
        employee_id=actor.id,
        kind=kind,
        description=description.strip(),
        due_on=due_on,
    )
    db.session.add(promise)
    db.session.flush()
    audit_record(
        actor=actor,
        action="promise.made",
        target=customer,
        detail={"promise_id": promise.id, "due_on": due_on.isoformat()},
    )
    return promise


def promise_keep(*, actor: User, promise: Promise) -> Promise:
    if promise.kept_at is None:
        promise.kept_at = utcnow()
        db.session.flush()
        audit_record(
            actor=actor,
            action="promise.kept",
            target_type="customer",
            target_id=promise.customer_id,
            detail={"promise_id": promise.id},
        )
    return promise


def points_limit(roles: Iterable[str], action: str, limits: Mapping) -> int:
    """The most points these roles may `action` ('award' or 'redeem') in one entry: the
    highest of their roles' limits, 0 for roles the limits do not list."""
    return max((limits.get(role, {}).get(action, 0) for role in roles), default=0)


def points_change(
    *,
    actor: User,
    customer: Customer,
    points: int,
    redeem: bool,
    reason: str,
    limits: Mapping[str, Mapping[str, int]],
) -> PointsEntry:
    """Append to the ledger, within the actor's limit per entry (`limits`: role → action
    → points, from the POINTS_LIMITS setting). The (customer, seq) uniqueness and the
    non-negative balance check make a concurrent writer fail instead of spending the same
    points twice."""
    if points <= 0:
        raise CardError("points", N_("Enter a whole number of points above zero."))
    limit = points_limit(actor.role_names, "redeem" if redeem else "award", limits)
    if points > limit:
        if redeem:
            message = N_("You can redeem up to %(limit)s points at once; more needs a manager.")
        else:
            message = N_("You can award up to %(limit)s points at once; more needs a manager.")
        raise CardError("points", message, limit=limit)
    last = db.session.execute(
        sa.select(PointsEntry.seq, PointsEntry.balance_after)
        .where(PointsEntry.customer_id == customer.id)
        .order_by(PointsEntry.seq.desc())
        .limit(1)
    ).first()
    seq, balance = (last.seq, last.balance_after) if last else (0, 0)
    delta = -points if redeem else points
    if balance + delta < 0:
        raise CardError(
            "points", N_("Not enough points: the balance is %(balance)s."), balance=balance
        )
    entry = PointsEntry(
        customer_id=customer.id,
        seq=seq + 1,
        delta=delta,
        balance_after=balance + delta,
        kind=PointsKind.REDEEM if redeem else PointsKind.AWARD,
        reason=reason.strip(),
        employee_id=actor.id,
        expires_on=None if redeem else date.fromordinal(today().toordinal() + POINTS_VALID_DAYS),
    )
    db.session.add(entry)
    try:
        db.session.flush()
    except (IntegrityError, OperationalError) as exc:  # the caller rolls back
        raise CardError(
            "points", N_("The points changed at the same moment. Check the balance and retry.")
        ) from exc
    audit_record(
        actor=actor,
        action="points.redeemed" if redeem else "points.awarded",
        target=customer,
        detail={"delta": delta, "balance": balance + delta},
    )
    return entry
