"""A write while another process holds SQLite's write lock longer than the busy timeout:
the user is told the system is busy, keeps what was typed, and can retry."""

from __future__ import annotations

import re
import shutil
import sqlite3
from html import unescape

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from portal import create_app
from portal.auth.models import User
from portal.extensions import db
from tests import factories
from tests._db import on_postgres
from tests.conftest import Auth, IsolatedClient, csrf_token

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@pytest.fixture
def quick(schema_url, tmp_path):
    """An app on its own SQLite file with a 50 ms busy timeout: a copy of the session's
    schema, or, while the suite runs on PostgreSQL, one built by the migrations (the lock
    under test is SQLite's; PostgreSQL's lock_timeout is checked below)."""
    path = tmp_path / "busy.db"
    if not on_postgres():
        shutil.copyfile(sa.engine.make_url(schema_url).database, path)
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "BABEL_DEFAULT_LOCALE": "en",
            "SQLITE_BUSY_TIMEOUT_MS": 50,
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        if on_postgres():
            upgrade()
        yield app, path
        db.session.remove()
        db.engine.dispose()


def _signed_in(app):
    user = factories.user(email="ana@example.test")
    db.session.commit()
    client = app.test_client()
    Auth(client).login(user.email)
    return client, user


class WriteLock:
    """Another process's connection holding the write lock."""

    def __init__(self, path):
        self.conn = sqlite3.connect(path, isolation_level=None)

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *exc):
        self.conn.execute("ROLLBACK")
        self.conn.close()


def test_the_configured_busy_timeout_is_the_one_in_use(quick):
    assert db.session.scalar(sa.text("PRAGMA busy_timeout")) == 50


def test_a_locked_form_post_says_busy_keeps_the_input_and_can_be_retried(quick):
    app, path = quick
    client, user = _signed_in(app)
    data = {"lang-csrf_token": csrf_token(client, "/profile"), "lang-language": "es"}
    with WriteLock(path):
        response = client.post("/profile", data=data)
        page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert "busy" in page and "Something went wrong" not in page
    kept = {name: unescape(value) for name, value in HIDDEN.findall(page)}
    assert kept["lang-language"] == "es" and kept["lang-csrf_token"] == data["lang-csrf_token"]
    assert 'action="/profile"' in page
    # Retrying sends exactly what was kept, and this time it is saved.
    assert client.post("/profile", data=kept).status_code == 302
    assert db.session.scalar(sa.select(User.language).where(User.id == user.id)) == "es"


def test_a_kept_form_never_echoes_a_password(quick):
    app, path = quick
    client, _ = _signed_in(app)
    data = {
        "pw-csrf_token": csrf_token(client, "/profile"),
        "pw-current_password": factories.PASSWORD,
        "pw-new_password": "a-new-password",
        "pw-confirm": "a-new-password",
    }
    with WriteLock(path):
        page = client.post("/profile", data=data).get_data(as_text=True)
    assert "a-new-password" not in page and factories.PASSWORD not in page


def test_a_locked_htmx_post_leaves_the_form_alone_and_says_why(quick):
    app, path = quick
    client, _ = _signed_in(app)
    data = {"lang-csrf_token": csrf_token(client, "/profile"), "lang-language": "es"}
    with WriteLock(path):
        response = client.post("/profile", data=data, headers={"HX-Request": "true"})
    assert response.status_code == 503
    # htmx 2 swaps no error response, so the typed form stays; the event says why.
    assert response.headers["HX-Reswap"] == "none"
    assert "portal:busy" in response.headers["HX-Trigger"]


def test_other_database_errors_are_still_500(quick):
    app, _ = quick
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/broken-sql")
    def broken():  # pragma: no cover - reached through the client
        db.session.execute(sa.text("SELECT * FROM no_such_table"))

    broken.capability = "home.view"
    client, _ = _signed_in(app)
    assert client.get("/broken-sql").status_code == 500


class _Orig(Exception):
    def __init__(self, text: str, sqlstate: str | None = None):
        super().__init__(text)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("orig", "busy"),
    [
        (_Orig("database is locked"), True),
        (_Orig("canceling statement due to lock timeout", "55P03"), True),
        (_Orig("no such table: x"), False),
        (_Orig("server closed the connection", "08006"), False),
    ],
)
def test_which_database_errors_mean_busy(orig, busy):
    from sqlalchemy.exc import OperationalError

    from portal.errors import is_lock_timeout

    assert is_lock_timeout(OperationalError("stmt", {}, orig)) is busy
