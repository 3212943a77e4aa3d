"""Reads for training content: newest versions, and a lesson by its stable id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from portal.auth.models import User
from portal.clock import today
from portal.content_sync import newest_versions
from portal.extensions import db
from portal.service_scripts.models import ContentStatus
from portal.training.content import Lesson as LessonDoc
from portal.training.content import ModuleDoc
from portal.training.models import Assignment, Attempt, Completion, Lesson, LessonProgress, Module
from portal.training.quiz_data import question_from_data


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
    stmt = newest_versions(Module, published_only=published_only)
    return list(db.session.scalars(stmt.order_by(Module.slug, Module.language)))


def _lesson_statement(*columns) -> sa.Select:
    language = sa.bindparam("language")
    return (
        sa.select(*(columns or (Lesson,)))
        .join(Module, Module.id == Lesson.module_id)
        .where(Lesson.slug == sa.bindparam("slug"), Module.status == ContentStatus.PUBLISHED)
        .order_by((Module.language == language).desc(), Module.version.desc())
        .limit(1)
    )


LESSON_PUBLISHED = _lesson_statement()
LESSON_TITLE_PUBLISHED = _lesson_statement(Lesson.title)  # built once: the card asks each time


def lesson_published(slug: str, language: str) -> Lesson | None:
    """The lesson `slug` in the newest published version of its module, in `language`
    (or in the other language when that one has no published version)."""
    return db.session.scalar(LESSON_PUBLISHED, {"slug": slug, "language": language})


def lesson_title_published(slug: str, language: str) -> str | None:
    """The title of what `lesson_published` finds, read as a plain row: the script panel
    shows only the title, and the ORM's loading of a whole lesson cost more than the query."""
    params = {"slug": slug, "language": language}
    return db.session.connection().execute(LESSON_TITLE_PUBLISHED, params).scalar()


def lesson_siblings(lesson: Lesson) -> tuple[Lesson | None, Lesson | None, int, int]:
    """(previous, next, position from 1, count) of a lesson within its module version."""
    lessons = lesson.module.lessons
    index = next(i for i, other in enumerate(lessons) if other.id == lesson.id)
    before = lessons[index - 1] if index > 0 else None
    after = lessons[index + 1] if index + 1 < len(lessons) else None
    return before, after, index + 1, len(lessons)


def module_for(slug: str, language: str) -> Module | None:
    """The newest published version of a module, in `language` if it has one."""
    stmt = (
        sa.select(Module)
        .where(Module.slug == slug, Module.status == ContentStatus.PUBLISHED)
        .order_by((Module.language == language).desc(), Module.version.desc())
        .limit(1)
    )
    return db.session.scalar(stmt)


@dataclass(frozen=True)
class TrainingItem:
    """One module on a learner's list, with where they stand."""

    module: Module
    status: str  # done | overdue | due | available
    due_on: date | None
    completion: Completion | None
    open_attempt: Attempt | None
    attempts_left: int
    resume_at: str | None  # lesson slug


def my_training(user: User, language: str) -> list[TrainingItem]:
    """Modules assigned to the user's roles or team, and those written for their roles;
    overdue first, then due soonest, then the rest by title."""
    from portal.training.learning import standings

    roles = sorted(user.role_names)
    targets = [Assignment.role.in_(roles)]
    if user.team_id is not None:
        targets.append(Assignment.team_id == user.team_id)
    due: dict[str, date] = {}
    for slug, due_on in db.session.execute(
        sa.select(Assignment.module_slug, Assignment.due_on).where(sa.or_(*targets))
    ):
        due[slug] = min(due_on, due.get(slug, due_on))
    progress = {
        p.module_slug: p.lesson_slug
        for p in db.session.scalars(
            sa.select(LessonProgress).where(LessonProgress.user_id == user.id)
        )
    }
    where = standings(user.id)
    items = []
    for row in _newest_published(language):
        if row.slug not in due and not set(row.audience) & set(roles):
            continue
        now = where.get(row.slug)
        completion = now.completion if now else None
        due_on = due.get(row.slug)
        if completion is not None:
            status = "done"
        elif due_on is not None:
            status = "overdue" if due_on < today() else "due"
        else:
            status = "available"
        items.append(
            TrainingItem(
                module=row,
                status=status,
                due_on=due_on,
                completion=completion,
                open_attempt=now.open_attempt if now else None,
                attempts_left=max(row.attempts - (now.used if now else 0), 0),
                resume_at=progress.get(row.slug),
            )
        )
    order = {"overdue": 0, "due": 1, "available": 2, "done": 3}
    return sorted(items, key=lambda i: (order[i.status], i.due_on or date.max, i.module.title))


def _newest_published(language: str) -> list[Module]:
    """One row per module: the newest published version, in `language` when it exists."""
    best: dict[str, Module] = {}
    for row in modules_newest(published_only=True):
        current = best.get(row.slug)
        if current is None or (row.language == language and current.language != language):
            best[row.slug] = row
    return list(best.values())


def modules_published_titles(language: str) -> list[tuple[str, str]]:
    """(slug, title) of every published module, titled in `language` where possible."""
    return sorted(((m.slug, m.title) for m in _newest_published(language)), key=lambda x: x[1])
