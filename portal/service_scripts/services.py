"""Writes for service scripts: loading the files' versions into the database.

A stored version is immutable: its content hash covers everything but the status,
which is workflow state. Syncing is all-or-nothing and idempotent.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from portal.audit.services import audit_record
from portal.auth.models import User
from portal.extensions import db
from portal.service_scripts.content import ContentError, Problem, ScriptDoc
from portal.service_scripts.models import ContentStatus, ServiceScript


def content_hash(doc: ScriptDoc) -> str:
    canonical = {
        "id": doc.id,
        "language": doc.language,
        "version": doc.version,
        "title": doc.title,
        "priority": doc.priority,
        "commandment": doc.commandment,
        "lesson": doc.lesson,
        "upsell": doc.upsell,
        "when": doc.conditions(),
        "body": doc.body,
    }
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SyncReport:
    added: int = 0
    status_changed: int = 0
    unchanged: int = 0


def scripts_sync(*, actor: User | None, docs: Iterable[ScriptDoc]) -> SyncReport:
    """Store every new (id, language, version); a version already stored must carry the
    same content, or the whole sync is refused with the file and what to do."""
    docs = list(docs)
    stored = {
        (row.slug, row.language, row.version): row
        for row in db.session.scalars(
            sa.select(ServiceScript).where(ServiceScript.slug.in_({d.id for d in docs}))
        )
    }
    problems, plan = [], []
    for doc in docs:
        row = stored.get((doc.id, doc.language, doc.version))
        if row is not None and row.content_hash != content_hash(doc):
            message = (
                f"version {doc.version} of '{doc.id}' ({doc.language}) is already stored "
                f"with other content: raise 'version' to record the change"
            )
            problems.append(Problem(doc.path, 1, message))
        plan.append((doc, row))
    if problems:
        raise ContentError(problems)
    counts: Counter[str] = Counter()
    for doc, row in plan:
        counts[_apply(doc, row, actor)] += 1
    db.session.flush()
    report = SyncReport(counts["added"], counts["status_changed"], counts["unchanged"])
    if report.added or report.status_changed:
        audit_record(
            actor=actor,
            action="scripts.synced",
            target_type="service_scripts",
            target_id=None,
            detail={"added": report.added, "status_changed": report.status_changed},
        )
    return report


def _apply(doc: ScriptDoc, row: ServiceScript | None, actor: User | None) -> str:
    status = ContentStatus(doc.status)
    if row is None:
        db.session.add(
            ServiceScript(
                slug=doc.id,
                language=doc.language,
                version=doc.version,
                status=status,
                title=doc.title,
                priority=doc.priority,
                commandment=doc.commandment,
                lesson=doc.lesson,
                upsell=doc.upsell,
                conditions=doc.conditions(),
                body=doc.body,
                content_hash=content_hash(doc),
                author_id=actor.id if actor else None,
            )
        )
        return "added"
    if row.status != status:
        row.status = status
        return "status_changed"
    return "unchanged"
