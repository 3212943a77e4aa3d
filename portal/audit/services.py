"""Writing audit events. The log is append-only; this is the only way in."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.extensions import db

_INSERT = sa.insert(AuditEvent)


def audit_record(
    *,
    actor,
    action: str,
    target: Any = None,
    detail: dict | None = None,
    ip: str | None = None,
    target_type: str | None = None,
    target_id: int | None = None,
) -> None:
    """Append one event to the session's transaction: it commits or rolls back with the
    rest of the request. Written at once as one INSERT rather than as a new ORM object:
    the ORM's flush of it cost about 200 µs against 50 µs, on every card opening."""
    if target is not None:
        target_type = target_type or target.__tablename__.rstrip("s")
        target_id = target_id if target_id is not None else target.id
    row = {
        "actor_id": getattr(actor, "id", None),
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "detail": detail or {},
        "ip": ip,
    }
    db.session.connection().execute(_INSERT, row)
