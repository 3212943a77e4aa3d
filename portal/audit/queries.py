"""Reading the audit log, newest first, with simple filters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from portal.audit.models import AuditEvent
from portal.auth.models import User
from portal.customers.models import Customer
from portal.extensions import db

PAGE_SIZE = 100
EXPORT_BATCH = 1000


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    target_type: str = ""
    target_id: int | None = None
    since: datetime | None = None  # naive UTC, included
    until: datetime | None = None  # naive UTC, excluded


_target_user = aliased(User)


def _select(filters: AuditFilters) -> sa.Select:
    """Each event with its actor's name and e-mail, and the name of the customer or user
    it concerns (so the log reads "Customer #7 · Ana García" rather than an id)."""
    customer_name = Customer.first_name + " " + Customer.last_name
    stmt = sa.select(
        AuditEvent,
        User.name.label("actor_name"),
        User.email.label("actor_email"),
        sa.func.coalesce(customer_name, _target_user.name).label("target_name"),
    )
    stmt = stmt.outerjoin(User, User.id == AuditEvent.actor_id)
    stmt = stmt.outerjoin(
        Customer, sa.and_(AuditEvent.target_type == "customer", Customer.id == AuditEvent.target_id)
    )
    stmt = stmt.outerjoin(
        _target_user,
        sa.and_(AuditEvent.target_type == "user", _target_user.id == AuditEvent.target_id),
    )
    if filters.action:
        stmt = stmt.where(AuditEvent.action.startswith(filters.action, autoescape=True))
    if filters.actor:
        stmt = stmt.where(User.email == filters.actor.strip().casefold())
    if filters.target_type:
        stmt = stmt.where(AuditEvent.target_type == filters.target_type)
    if filters.target_id is not None:
        stmt = stmt.where(AuditEvent.target_id == filters.target_id)
    if filters.since is not None:
        stmt = stmt.where(AuditEvent.at >= filters.since)
    if filters.until is not None:
        stmt = stmt.where(AuditEvent.at < filters.until)
    return stmt.order_by(AuditEvent.id.desc())


def audit_list(filters: AuditFilters, *, before_id: int | None = None) -> tuple[list, int | None]:
    """A page of events and the id to continue from (keyset paging on the id)."""
    stmt = _select(filters)
    if before_id:
        stmt = stmt.where(AuditEvent.id < before_id)
    rows = db.session.execute(stmt.limit(PAGE_SIZE + 1)).all()
    more = rows[PAGE_SIZE - 1][0].id if len(rows) > PAGE_SIZE else None
    return rows[:PAGE_SIZE], more


def audit_export(filters: AuditFilters) -> Iterator:
    """Every matching event, newest first, read in batches (an export may hold the
    whole log)."""
    result = db.session.execute(_select(filters).execution_options(yield_per=EXPORT_BATCH))
    yield from result
