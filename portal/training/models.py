"""Training modules as stored content: one row per module, language and version, with
its lessons and questions. A stored version never changes; a change is a new version."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import utcnow
from portal.dbtypes import enum_column
from portal.extensions import db
from portal.service_scripts.models import ContentStatus


class Module(db.Model):
    __tablename__ = "training_modules"
    __table_args__ = (
        sa.UniqueConstraint("slug", "language", "version", name="uq_training_modules_version"),
        sa.Index("ix_training_modules_status_language", "status", "language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80))
    language: Mapped[str] = mapped_column(sa.String(5))
    version: Mapped[int]
    status: Mapped[ContentStatus] = mapped_column(enum_column(ContentStatus))
    title: Mapped[str] = mapped_column(sa.String(200))
    estimated_minutes: Mapped[int]
    audience: Mapped[list] = mapped_column(sa.JSON, default=list)
    due_within_days: Mapped[int]
    recertify_after_days: Mapped[int]
    pass_mark: Mapped[int] = mapped_column(sa.SmallInteger)
    attempts: Mapped[int] = mapped_column(sa.SmallInteger)
    doctrine: Mapped[list] = mapped_column(sa.JSON, default=list)
    change: Mapped[str] = mapped_column(sa.String(10))
    intro: Mapped[str] = mapped_column(sa.Text, default="")
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    lessons: Mapped[list[Lesson]] = relationship(
        order_by="Lesson.position", cascade="all, delete-orphan", back_populates="module"
    )
    questions: Mapped[list[Question]] = relationship(
        order_by="Question.position", cascade="all, delete-orphan"
    )


class Lesson(db.Model):
    __tablename__ = "training_lessons"
    __table_args__ = (
        sa.UniqueConstraint("module_id", "slug", name="uq_training_lessons_slug"),
        sa.Index("ix_training_lessons_slug", "slug"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(sa.ForeignKey("training_modules.id", ondelete="CASCADE"))
    position: Mapped[int]
    slug: Mapped[str] = mapped_column(sa.String(120))
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)

    module: Mapped[Module] = relationship(back_populates="lessons")


class Question(db.Model):
    """One quiz question; `data` is the question as written (prompt, choices or nodes,
    feedback), so an answer can always be read against the version it was given on."""

    __tablename__ = "training_questions"
    __table_args__ = (sa.UniqueConstraint("module_id", "qid", name="uq_training_questions_qid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(sa.ForeignKey("training_modules.id", ondelete="CASCADE"))
    position: Mapped[int]
    qid: Mapped[str] = mapped_column(sa.String(40))
    type: Mapped[str] = mapped_column(sa.String(12))
    data: Mapped[dict] = mapped_column(sa.JSON)


class Assignment(db.Model):
    """A module assigned to everyone holding a role, or to a team, due on a date."""

    __tablename__ = "training_assignments"
    __table_args__ = (
        sa.CheckConstraint("(role IS NULL) <> (team_id IS NULL)", name="one_target"),
        sa.Index("ix_training_assignments_module", "module_slug"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    module_slug: Mapped[str] = mapped_column(sa.String(80))
    role: Mapped[str | None] = mapped_column(sa.String(20))
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id", ondelete="CASCADE"))
    due_on: Mapped[date]
    assigned_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LessonProgress(db.Model):
    """Where a learner is in a module (any version): the lesson to resume at."""

    __tablename__ = "training_progress"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    module_slug: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    lesson_slug: Mapped[str] = mapped_column(sa.String(120))
    lessons_seen: Mapped[list] = mapped_column(sa.JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Attempt(db.Model):
    """One try at a module's quiz, on the exact version (and language) it was taken on."""

    __tablename__ = "training_attempts"
    __table_args__ = (sa.Index("ix_training_attempts_user_module", "user_id", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    module_id: Mapped[int] = mapped_column(sa.ForeignKey("training_modules.id", ondelete="CASCADE"))
    seed: Mapped[int]  # shuffles the options, the same way on every page of this attempt
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    score: Mapped[int | None]
    max_score: Mapped[int | None]
    passed: Mapped[bool | None]
    voided_at: Mapped[datetime | None]  # a trainer reset the learner's attempts

    module: Mapped[Module] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        order_by="Answer.id", cascade="all, delete-orphan", back_populates="attempt"
    )


class Answer(db.Model):
    """One answer as given: a question's chosen options, or one step of a scenario."""

    __tablename__ = "training_answers"
    __table_args__ = (
        sa.UniqueConstraint("attempt_id", "qid", "node", name="uq_training_answers_step"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_attempts.id", ondelete="CASCADE")
    )
    qid: Mapped[str] = mapped_column(sa.String(40))
    node: Mapped[str] = mapped_column(sa.String(40), default="")  # "" outside scenarios
    choices: Mapped[list] = mapped_column(sa.JSON)
    correct: Mapped[bool]
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)

    attempt: Mapped[Attempt] = relationship(back_populates="answers")


class Completion(db.Model):
    """A passed quiz: the exact version, the score, and when it stops counting."""

    __tablename__ = "training_completions"
    __table_args__ = (sa.Index("ix_training_completions_user_module", "user_id", "module_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    module_slug: Mapped[str] = mapped_column(sa.String(80))
    module_id: Mapped[int] = mapped_column(sa.ForeignKey("training_modules.id", ondelete="CASCADE"))
    version: Mapped[int]
    attempt_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_attempts.id", ondelete="CASCADE")
    )
    score_percent: Mapped[int] = mapped_column(sa.SmallInteger)
    completed_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_on: Mapped[date | None]  # None: never (no recertification)
    reopened_at: Mapped[datetime | None]  # a major change re-opened it


class ContentDraft(db.Model):
    """A module being written in the browser: its four files as text, until published
    as a new immutable version. `revision` rises with every save, so a save based on an
    older revision is a conflict, not a silent overwrite."""

    __tablename__ = "content_drafts"
    __table_args__ = (sa.UniqueConstraint("kind", "slug", name="uq_content_drafts_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(10), default="module")
    slug: Mapped[str] = mapped_column(sa.String(80))
    texts: Mapped[dict] = mapped_column(sa.JSON)  # file name -> text
    status: Mapped[ContentStatus] = mapped_column(enum_column(ContentStatus))
    revision: Mapped[int] = mapped_column(default=1)
    editors: Mapped[list] = mapped_column(sa.JSON, default=list)  # user ids who changed it
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    # What the reviewer said when sending it back to draft, until it is sent for review again.
    review_comment: Mapped[str | None] = mapped_column(sa.Text)
    review_comment_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    review_comment_at: Mapped[datetime | None]
