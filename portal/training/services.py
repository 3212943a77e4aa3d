"""Writes for training content: loading module versions from files into the database.

As with service scripts, a stored version is immutable (its hash covers everything
but the status), and a sync is all-or-nothing and idempotent.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable

from portal.auth.models import User
from portal.content_sync import SyncReport, versions_sync
from portal.service_scripts.models import ContentStatus
from portal.training.content import ModuleDoc, dump_module
from portal.training.models import Lesson, Module, Question
from portal.training.quiz_data import dump_quiz, question_data


def module_hash(doc: ModuleDoc) -> str:
    """The hash of the canonical files, with the status (workflow state) left out."""
    neutral = dataclasses.replace(doc, status=ContentStatus.DRAFT.value)
    text = dump_module(neutral) + "\n" + dump_quiz(doc.questions)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def modules_sync(*, actor: User | None, docs: Iterable[ModuleDoc]) -> SyncReport:
    """Store every new (id, language, version) with its lessons and questions; all or
    nothing, as for service scripts."""
    return versions_sync(
        actor=actor,
        docs=list(docs),
        model=Module,
        digest=module_hash,
        new_row=lambda doc, digest: module_row(doc, digest, actor),
        what="modules",
        line=2,
    )


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
