"""Which database the tests use: PostgreSQL when PORTAL_TEST_DATABASE_URL is set,
otherwise a fresh SQLite file. CI runs the whole suite once on each; engine-specific
checks branch on `on_postgres()` instead of skipping."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

from portal.extensions import db


def database_url(tmp_path: Path) -> str:
    url = os.environ.get("PORTAL_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{Path(tmp_path) / 'portal.db'}"


def on_postgres() -> bool:
    return os.environ.get("PORTAL_TEST_DATABASE_URL", "").startswith("postgresql")


def reset_database(app) -> None:
    """Start a test session on an empty PostgreSQL schema (SQLite files are new anyway)."""
    if db.engine.dialect.name != "postgresql":
        return
    db.session.remove()  # an open read transaction would make DROP hang
    with db.engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
