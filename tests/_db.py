"""Which database the tests use: PostgreSQL when PORTAL_TEST_DATABASE_URL is set,
otherwise a fresh SQLite file. CI runs the whole suite once on each; engine-specific
checks branch on `on_postgres()`, and tests that only make sense on PostgreSQL are
marked `postgres` and call `require_postgres()`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from tests._ci import unavailable

ENV = "PORTAL_TEST_DATABASE_URL"


def database_url(tmp: Path | pytest.TempPathFactory) -> str:
    """PORTAL_TEST_DATABASE_URL if set, else a new SQLite file in `tmp` (a path or the
    session's tmp_path_factory). Always absolute: Flask-SQLAlchemy would put a relative
    SQLite path in the instance folder."""
    url = os.environ.get(ENV)
    if url:
        return url
    if isinstance(tmp, pytest.TempPathFactory):
        tmp = tmp.mktemp("db")
    return f"sqlite:///{Path(tmp).resolve() / 'portal.db'}"


def on_postgres() -> bool:
    return os.environ.get(ENV, "").startswith("postgresql")


def require_postgres() -> None:
    """For tests marked `postgres`: skip locally without a server, fail under CI."""
    if on_postgres():
        return
    unavailable(f"needs PostgreSQL: set {ENV}=postgresql+psycopg://USER@HOST:PORT/DB")


def reset_database(app) -> None:
    """Start a test session on an empty PostgreSQL schema (SQLite files are new anyway).
    Call inside `app.app_context()`."""
    if db.engine.dialect.name != "postgresql":
        return
    db.session.remove()  # an open read transaction ("idle in transaction") makes DROP hang
    with db.engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
