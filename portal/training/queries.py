"""Reads for training content: newest versions, and a lesson by its stable id."""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.service_scripts.models import ContentStatus
from portal.training.content import Lesson as LessonDoc
from portal.training.content import ModuleDoc
from portal.training.models import Lesson, Module
from portal.training.quiz import question_from_data


def module_doc(row: Module) -> ModuleDoc:
    """A stored version as the files would say it (for export and comparison)."""
    return ModuleDoc(
        id=row.slug,
        title=row.title,
        version=row.version,
        status=ContentStatus(row.status).value,
        language=row.language,
        estimated_minutes=row.estimated_minutes,
        audience=tuple(row.audience),
        due_within_days=row.due_within_days,
        recertify_after_days=row.recertify_after_days,
        pass_mark=row.pass_mark,
        attempts=row.attempts,
        doctrine=tuple(row.doctrine),
        change=row.change,
        intro=row.intro,
        lessons=tuple(LessonDoc(x.slug, x.title, x.body) for x in row.lessons),
        questions=tuple(question_from_data(q.data) for q in row.questions),
    )


def modules_newest(*, published_only: bool = False) -> list[Module]:
    """The newest version of every module in every language."""
    m = Module
    newest = sa.select(m.slug, m.language, sa.func.max(m.version).label("version"))
    if published_only:
        newest = newest.where(m.status == ContentStatus.PUBLISHED)
    newest = newest.group_by(m.slug, m.language).subquery()
    stmt = (
        sa.select(m)
        .join(
            newest,
            sa.and_(
                m.slug == newest.c.slug,
                m.language == newest.c.language,
                m.version == newest.c.version,
            ),
        )
        .order_by(m.slug, m.language)
    )
    return list(db.session.scalars(stmt))


def _lesson_statement() -> sa.Select:
    language = sa.bindparam("language")
    return (
        sa.select(Lesson)
        .join(Module, Module.id == Lesson.module_id)
        .where(Lesson.slug == sa.bindparam("slug"), Module.status == ContentStatus.PUBLISHED)
        .order_by((Module.language == language).desc(), Module.version.desc())
        .limit(1)
    )


LESSON_PUBLISHED = _lesson_statement()  # built once: the card asks on every opening


def lesson_published(slug: str, language: str) -> Lesson | None:
    """The lesson `slug` in the newest published version of its module, in `language`
    (or in the other language when that one has no published version)."""
    return db.session.scalar(LESSON_PUBLISHED, {"slug": slug, "language": language})


def lesson_siblings(lesson: Lesson) -> tuple[Lesson | None, Lesson | None, int, int]:
    """(previous, next, position from 1, count) of a lesson within its module version."""
    lessons = lesson.module.lessons
    index = next(i for i, other in enumerate(lessons) if other.id == lesson.id)
    before = lessons[index - 1] if index > 0 else None
    after = lessons[index + 1] if index + 1 < len(lessons) else None
    return before, after, index + 1, len(lessons)
