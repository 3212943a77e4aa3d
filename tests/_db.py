"""Which database the tests use: PostgreSQL when PORTAL_TEST_DATABASE_URL is set,
otherwise a fresh SQLite file. Under CI=true a PostgreSQL test never skips."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db


def database_url(tmp_path: Path) -> str:
    url = os.environ.get("PORTAL_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{Path(tmp_path) / 'portal.db'}"


def on_postgres() -> bool:
    return os.environ.get("PORTAL_TEST_DATABASE_URL", "").startswith("postgresql")


def require_postgres() -> None:
    if on_postgres():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("PostgreSQL test would skip under CI: set PORTAL_TEST_DATABASE_URL")
    pytest.skip("set PORTAL_TEST_DATABASE_URL to a PostgreSQL database to run this test")


def reset_database(app) -> None:
    """Start a test session on an empty PostgreSQL schema (SQLite files are new anyway)."""
    if db.engine.dialect.name != "postgresql":
        return
    db.session.remove()  # an open read transaction would make DROP hang
    with db.engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
