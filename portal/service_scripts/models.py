"""Service scripts as stored content: one row per script, language and version.

Files under content/scripts/ are the source; `flask content sync` loads them. A
published change is a new version; earlier versions stay for the record.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.clock import utcnow
from portal.dbtypes import enum_column
from portal.extensions import db


class ContentStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class ServiceScript(db.Model):
    __tablename__ = "service_scripts"
    __table_args__ = (
        sa.UniqueConstraint("slug", "language", "version", name="uq_service_scripts_version"),
        sa.Index("ix_service_scripts_status_language", "status", "language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80))
    language: Mapped[str] = mapped_column(sa.String(5))
    version: Mapped[int]
    status: Mapped[ContentStatus] = mapped_column(enum_column(ContentStatus))
    title: Mapped[str] = mapped_column(sa.String(200))
    priority: Mapped[int] = mapped_column(default=0)
    commandment: Mapped[int] = mapped_column(sa.SmallInteger)
    lesson: Mapped[str | None] = mapped_column(sa.String(120))
    upsell: Mapped[bool] = mapped_column(default=False)
    conditions: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    body: Mapped[str] = mapped_column(sa.Text)
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
