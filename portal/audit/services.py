"""Writing audit events. The log is append-only; this is the only way in."""

from __future__ import annotations

from typing import Any

from portal.audit.models import AuditEvent
from portal.extensions import db


def audit_record(
    *,
    actor,
    action: str,
    target: Any = None,
    detail: dict | None = None,
    ip: str | None = None,
    target_type: str | None = None,
    target_id: int | None = None,
) -> AuditEvent:
    if target is not None:
        target_type = target_type or target.__tablename__.rstrip("s")
        target_id = target_id if target_id is not None else target.id
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=target_type,
        target_id=target_id,
        detail=detail or {},
        ip=ip,
    )
    db.session.add(event)
    return event
