"""Shared fixtures: an app on a fresh database per test, clients, logins by role.

The schema is built once per session through the real migrations; each test then
gets a copy (SQLite) or emptied tables (PostgreSQL, via PORTAL_TEST_DATABASE_URL).
"""

from __future__ import annotations

import re
import shutil

import pytest
import sqlalchemy as sa
from flask.globals import _cv_app
from flask.testing import FlaskClient
from flask_migrate import upgrade

from portal import create_app
from portal.extensions import db
from tests import factories
from tests._db import database_url, reset_database

TOKEN = re.compile(r'name="(?:[\w-]+-)?csrf_token"[^>]*value="([^"]+)"')


class IsolatedClient(FlaskClient):
    """Each request gets its own app context (own db session, own `g`), as in production,
    even though the test itself holds an app context for its factories and checks."""

    def open(self, *args, **kwargs):
        # Buffered: a streamed body (stream_with_context) is read inside this isolation.
        kwargs.setdefault("buffered", True)
        token = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)


def _config(url: str, tmp_path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "BABEL_DEFAULT_LOCALE": "en",
    }


@pytest.fixture(scope="session")
def schema_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("schema")
    url = database_url(base)
    app = create_app(_config(url, base))
    with app.app_context():
        reset_database(app)
        upgrade()
        db.session.remove()
        db.engine.dispose()
    return url


@pytest.fixture
def app(schema_url, tmp_path):
    if schema_url.startswith("sqlite"):
        source = sa.engine.make_url(schema_url).database
        target = tmp_path / "portal.db"
        shutil.copyfile(source, target)
        url = f"sqlite:///{target}"
    else:
        url = schema_url
    app = create_app(_config(url, tmp_path))
    app.test_client_class = IsolatedClient
    with app.app_context():
        if not url.startswith("sqlite"):
            _empty_postgres_tables()
        yield app
        db.session.remove()
        db.engine.dispose()


def _empty_postgres_tables() -> None:
    tables = ", ".join(t.name for t in db.metadata.sorted_tables)
    with db.engine.begin() as conn:
        # replica role skips the audit log's append-only triggers, for test cleanup only
        conn.execute(sa.text("SET session_replication_role = replica"))
        conn.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        conn.execute(sa.text("SET session_replication_role = origin"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(client, url: str) -> str:
    page = client.get(url)
    match = TOKEN.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {url}"
    return match.group(1)


class Auth:
    """Logs in through the real form, as a person would."""

    def __init__(self, client):
        self.client = client

    def login(self, email: str, password: str = "password123", follow: bool = False):
        token = csrf_token(self.client, "/login")
        return self.client.post(
            "/login",
            data={"email": email, "password": password, "csrf_token": token},
            follow_redirects=follow,
        )

    def logout(self):
        token = csrf_token(self.client, "/")
        return self.client.post("/logout", data={"csrf_token": token})


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def login_as(app, auth):
    """login_as("manager") creates a user with that role (or roles) and signs in."""

    def login(*roles: str, **fields):
        user = factories.user(roles=list(roles), **fields)
        db.session.commit()
        response = auth.login(user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return login


@pytest.fixture
def htmx_headers():
    return {"HX-Request": "true"}
