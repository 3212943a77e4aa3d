"""Training modules as stored content: one row per module, language and version, with
its lessons and questions. A stored version never changes; a change is a new version."""

from __future__ import annotations

from datetime import datetime

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
