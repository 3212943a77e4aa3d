"""Reading the audit log, newest first, with simple filters."""

from __future__ import annotations

import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.auth.models import User
from portal.extensions import db

PAGE_SIZE = 100


def audit_list(
    *,
    action: str = "",
    actor: str = "",
    target_type: str = "",
    target_id: int | None = None,
    before_id: int | None = None,
) -> tuple[list, int | None]:
    """A page of events and the id to continue from (keyset paging on the id)."""
    stmt = sa.select(AuditEvent, User.name.label("actor_name"), User.email.label("actor_email"))
    stmt = stmt.outerjoin(User, User.id == AuditEvent.actor_id)
    if action:
        stmt = stmt.where(AuditEvent.action.startswith(action, autoescape=True))
    if actor:
        stmt = stmt.where(User.email == actor.strip().casefold())
    if target_type:
        stmt = stmt.where(AuditEvent.target_type == target_type)
    if target_id is not None:
        stmt = stmt.where(AuditEvent.target_id == target_id)
    if before_id:
        stmt = stmt.where(AuditEvent.id < before_id)
    rows = db.session.execute(stmt.order_by(AuditEvent.id.desc()).limit(PAGE_SIZE + 1)).all()
    more = rows[PAGE_SIZE - 1][0].id if len(rows) > PAGE_SIZE else None
    return rows[:PAGE_SIZE], more
