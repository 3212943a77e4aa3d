"""Writes for service scripts: loading the files' versions into the database.

A stored version is immutable: its content hash covers everything but the status,
which is workflow state. Syncing is all-or-nothing and idempotent.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from portal.auth.models import User
from portal.content_sync import SyncReport, versions_sync
from portal.service_scripts.content import ScriptDoc
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


def scripts_sync(*, actor: User | None, docs: Iterable[ScriptDoc]) -> SyncReport:
    """Store every new (id, language, version); a version already stored must carry the
    same content, or the whole sync is refused with the file and what to do."""
    return versions_sync(
        actor=actor,
        docs=list(docs),
        model=ServiceScript,
        digest=content_hash,
        new_row=lambda doc, digest: script_row(doc, digest, actor),
        what="scripts",
        line=1,
    )


def script_row(doc: ScriptDoc, digest: str, actor: User | None) -> ServiceScript:
    return ServiceScript(
        slug=doc.id,
        language=doc.language,
        version=doc.version,
        status=ContentStatus(doc.status),
        title=doc.title,
        priority=doc.priority,
        commandment=doc.commandment,
        lesson=doc.lesson,
        upsell=doc.upsell,
        conditions=doc.conditions(),
        body=doc.body,
        content_hash=digest,
        author_id=actor.id if actor else None,
    )
