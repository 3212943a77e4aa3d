"""Logging in and out through the real form; throttling; CSRF; session cookies."""

from datetime import timedelta

import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.auth.models import LoginAttempt
from portal.extensions import db
from tests import factories
from tests.conftest import csrf_token

GENERIC = "That e-mail and password do not match an active account."


def test_login_lands_on_home_and_logout_returns_to_login(app, auth, client):
    factories.user(["frontline"], email="ana@example.test", name="Ana Ruiz")
    db.session.commit()
    response = auth.login("ana@example.test", follow=True)
    assert response.request.path == "/"
    assert "Hello, Ana" in response.get_data(as_text=True)
    response = auth.logout()
    assert response.headers["Location"] == "/login"
    assert client.get("/").status_code == 302


def test_login_is_case_insensitive_on_email(app, auth):
    factories.user(email="ana@example.test")
    db.session.commit()
    assert auth.login("  ANA@Example.test ").status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_message(app, auth):
    factories.user(email="ana@example.test")
    db.session.commit()
    wrong = auth.login("ana@example.test", "nope-nope").get_data(as_text=True)
    unknown = auth.login("nobody@example.test", "nope-nope").get_data(as_text=True)
    assert GENERIC in wrong and GENERIC in unknown
    assert 'value="ana@example.test"' in wrong  # what was typed stays


def test_deactivated_user_cannot_log_in(app, auth):
    user = factories.user(email="gone@example.test")
    user.active = False
    db.session.commit()
    assert GENERIC in auth.login("gone@example.test").get_data(as_text=True)


def test_login_is_throttled_after_repeated_failures(app, auth):
    factories.user(email="ana@example.test")
    db.session.commit()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert GENERIC in auth.login("ana@example.test", "wrong-password").get_data(as_text=True)
    # Even the right password is refused while throttled, with a clear message.
    page = auth.login("ana@example.test").get_data(as_text=True)
    assert "Too many failed attempts. Try again in 15 minutes." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginAttempt)) == 5


def test_throttle_lifts_when_the_window_has_passed(app, auth):
    factories.user(email="ana@example.test")
    db.session.commit()
    for _ in range(5):
        auth.login("ana@example.test", "wrong-password")
    window = timedelta(minutes=app.config["LOGIN_WINDOW_MINUTES"] + 1)
    db.session.execute(sa.update(LoginAttempt).values(at=LoginAttempt.at - window))
    db.session.commit()
    assert auth.login("ana@example.test").status_code == 302


def test_post_without_csrf_token_is_refused_and_changes_nothing(app, client):
    factories.user(email="ana@example.test")
    db.session.commit()
    before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
    response = client.post("/login", data={"email": "ana@example.test", "password": "x" * 11})
    assert response.status_code == 400
    assert "nothing was changed" in response.get_data(as_text=True)
    after = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
    assert before == after


def test_session_cookie_is_httponly_and_samesite(app, auth):
    factories.user(email="ana@example.test")
    db.session.commit()
    response = auth.login("ana@example.test")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "portal_session" in c)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_next_parameter_only_follows_local_paths(app, auth, client):
    factories.user(email="ana@example.test")
    db.session.commit()
    token = csrf_token(client, "/login")
    data = {"email": "ana@example.test", "password": factories.PASSWORD, "csrf_token": token}
    response = client.post("/login", data={**data, "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    auth.logout()
    token = csrf_token(client, "/login")
    response = client.post("/login", data={**data, "csrf_token": token, "next": "/profile"})
    assert response.headers["Location"] == "/profile"


def test_login_and_failure_are_audited(app, auth):
    factories.user(email="ana@example.test")
    db.session.commit()
    auth.login("ana@example.test", "wrong-password")
    auth.login("ana@example.test")
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["login.failed", "login.succeeded"]


def test_passwords_are_hashed_with_scrypt(app):
    user = factories.user(email="ana@example.test")
    assert user.password_hash.startswith("scrypt:")
