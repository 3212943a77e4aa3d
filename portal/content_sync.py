"""Loading versioned content (modules, scripts) from files: the rule both follow.

A stored (id, language, version) never changes: a file that says the same version
with other content is refused, with its path and what to do, and nothing loads.
New versions are added; a changed status (workflow state, outside the hash) is
applied to the stored version. Flushes, never commits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from portal.audit.services import audit_record
from portal.content_errors import ContentError, Problem
from portal.extensions import db
from portal.service_scripts.models import ContentStatus


@dataclass(frozen=True)
class SyncReport:
    added: int = 0
    status_changed: int = 0
    unchanged: int = 0


def versions_sync(
    *,
    actor: Any,
    docs: Sequence[Any],
    model: Any,
    digest: Callable[[Any], str],
    new_row: Callable[[Any, str], Any],
    what: str,
    line: int,
) -> SyncReport:
    """`docs` have id, language, version, status and path; `model` rows have slug,
    language, version, status and content_hash; `new_row(doc, digest)` builds a row.
    `what` names the content in messages and in the audit action ('modules', 'scripts')."""
    stored = {
        (row.slug, row.language, row.version): row
        for row in db.session.scalars(
            sa.select(model).where(model.slug.in_({doc.id for doc in docs}))
        )
    }
    problems, plan = [], []
    for doc in docs:
        row, hashed = stored.get((doc.id, doc.language, doc.version)), digest(doc)
        if row is not None and row.content_hash != hashed:
            message = (
                f"version {doc.version} of '{doc.id}' ({doc.language}) is already stored "
                "with other content: raise 'version' to record the change"
            )
            problems.append(Problem(doc.path, line, message))
        plan.append((doc, row, hashed))
    if problems:
        raise ContentError(problems)
    counts: Counter[str] = Counter()
    for doc, row, hashed in plan:
        status = ContentStatus(doc.status)
        if row is None:
            db.session.add(new_row(doc, hashed))
            counts["added"] += 1
        elif row.status != status:
            row.status = status
            counts["status_changed"] += 1
        else:
            counts["unchanged"] += 1
    db.session.flush()
    report = SyncReport(counts["added"], counts["status_changed"], counts["unchanged"])
    if report.added or report.status_changed:
        audit_record(
            actor=actor,
            action=f"{what}.synced",
            target_type=model.__tablename__,
            target_id=None,
            detail={"added": report.added, "status_changed": report.status_changed},
        )
    return report


def newest_versions(model: Any, *columns: Any, published_only: bool = False) -> sa.Select:
    """SELECT `columns` (default: the rows) of the newest version of every (slug,
    language) of a versioned content table, optionally among published versions only."""
    newest = sa.select(model.slug, model.language, sa.func.max(model.version).label("version"))
    if published_only:
        newest = newest.where(model.status == ContentStatus.PUBLISHED)
    newest = newest.group_by(model.slug, model.language).subquery()
    return sa.select(*(columns or (model,))).join(
        newest,
        sa.and_(
            model.slug == newest.c.slug,
            model.language == newest.c.language,
            model.version == newest.c.version,
        ),
    )
