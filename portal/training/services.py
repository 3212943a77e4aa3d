"""Writes for training content: loading module versions from files into the database.

As with service scripts, a stored version is immutable (its hash covers everything
but the status), and a sync is all-or-nothing and idempotent.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Iterable

import sqlalchemy as sa

from portal.audit.services import audit_record
from portal.auth.models import User
from portal.content_errors import ContentError, Problem
from portal.extensions import db
from portal.service_scripts.models import ContentStatus
from portal.service_scripts.services import SyncReport
from portal.training.content import ModuleDoc, dump_module
from portal.training.models import Lesson, Module, Question
from portal.training.quiz import dump_quiz, question_data


def module_hash(doc: ModuleDoc) -> str:
    """The hash of the canonical files, with the status (workflow state) left out."""
    neutral = dataclasses.replace(doc, status=ContentStatus.DRAFT.value)
    text = dump_module(neutral) + "\n" + dump_quiz(doc.questions)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def modules_sync(*, actor: User | None, docs: Iterable[ModuleDoc]) -> SyncReport:
    docs = list(docs)
    stored = {
        (row.slug, row.language, row.version): row
        for row in db.session.scalars(
            sa.select(Module).where(Module.slug.in_({doc.id for doc in docs}))
        )
    }
    problems, plan = [], []
    for doc in docs:
        row = stored.get((doc.id, doc.language, doc.version))
        digest = module_hash(doc)
        if row is not None and row.content_hash != digest:
            message = (
                f"version {doc.version} of module '{doc.id}' ({doc.language}) is already "
                "stored with other content: raise 'version' to record the change"
            )
            problems.append(Problem(doc.path, 2, message))
        plan.append((doc, row, digest))
    if problems:
        raise ContentError(problems)
    counts: Counter[str] = Counter()
    for doc, row, digest in plan:
        if row is None:
            db.session.add(module_row(doc, digest, actor))
            counts["added"] += 1
        elif row.status != ContentStatus(doc.status):
            row.status = ContentStatus(doc.status)
            counts["status_changed"] += 1
        else:
            counts["unchanged"] += 1
    db.session.flush()
    report = SyncReport(counts["added"], counts["status_changed"], counts["unchanged"])
    if report.added or report.status_changed:
        audit_record(
            actor=actor,
            action="modules.synced",
            target_type="training_modules",
            target_id=None,
            detail={"added": report.added, "status_changed": report.status_changed},
        )
    return report


def module_row(doc: ModuleDoc, digest: str, actor: User | None) -> Module:
    row = Module(
        slug=doc.id,
        language=doc.language,
        version=doc.version,
        status=ContentStatus(doc.status),
        title=doc.title,
        estimated_minutes=doc.estimated_minutes,
        audience=list(doc.audience),
        due_within_days=doc.due_within_days,
        recertify_after_days=doc.recertify_after_days,
        pass_mark=doc.pass_mark,
        attempts=doc.attempts,
        doctrine=list(doc.doctrine),
        change=doc.change,
        intro=doc.intro,
        content_hash=digest,
        author_id=actor.id if actor else None,
    )
    row.lessons = [
        Lesson(position=i, slug=lesson.id, title=lesson.title, body=lesson.body)
        for i, lesson in enumerate(doc.lessons)
    ]
    row.questions = [
        Question(position=i, qid=q.id, type=q.type, data=question_data(q))
        for i, q in enumerate(doc.questions)
    ]
    return row
