"""Sessions end when they should: on logout, on a password change or reset, on deactivation.

A signed-in browser carries the session cookie and, when "keep me signed in" was ticked,
the remember cookie; both are replayed here as an attacker who copied them would.
"""

import pytest
import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.auth.models import User
from portal.extensions import db
from tests import factories
from tests.conftest import Auth, csrf_token

SESSION = "portal_session"
REMEMBER = "remember_token"


def _signed_in(client) -> bool:
    return client.get("/profile").status_code == 200


def _cookies(client) -> dict[str, str]:
    return {name: c.value for name in (SESSION, REMEMBER) if (c := client.get_cookie(name))}


def _restore(client, saved: dict[str, str]) -> None:
    for name in (SESSION, REMEMBER):
        client.delete_cookie(name)
    for name, value in saved.items():
        client.set_cookie(name, value)


def _login(client, email: str, remember: bool = False):
    data = {
        "email": email,
        "password": factories.PASSWORD,
        "csrf_token": csrf_token(client, "/login"),
    }
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def test_replayed_session_cookie_after_logout_is_signed_out(app, client, auth):
    factories.user(email="ana@example.test")
    db.session.commit()
    _login(client, "ana@example.test")
    saved = _cookies(client)
    assert _signed_in(client)
    auth.logout()
    _restore(client, saved)
    response = client.get("/profile")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_remember_cookie_alone_after_logout_does_not_sign_in(app, client, auth):
    factories.user(email="ana@example.test")
    db.session.commit()
    _login(client, "ana@example.test", remember=True)
    remember = client.get_cookie(REMEMBER)
    assert remember is not None
    auth.logout()
    _restore(client, {REMEMBER: remember.value})
    assert not _signed_in(client)


def test_remember_cookie_alone_signs_in_before_logout(app, client):
    """The control for the test above: the cookie replayed is one that works."""
    factories.user(email="ana@example.test")
    db.session.commit()
    _login(client, "ana@example.test", remember=True)
    _restore(client, {REMEMBER: client.get_cookie(REMEMBER).value})
    assert _signed_in(client)


def test_own_password_change_signs_out_other_sessions_but_not_this_one(app):
    factories.user(email="ana@example.test")
    db.session.commit()
    a, b = app.test_client(), app.test_client()
    _login(a, "ana@example.test")
    _login(b, "ana@example.test", remember=True)
    data = {
        "pw-csrf_token": csrf_token(a, "/profile"),
        "pw-current_password": factories.PASSWORD,
        "pw-new_password": "a-new-password",
        "pw-confirm": "a-new-password",
    }
    assert a.post("/profile", data=data).status_code == 302
    assert _signed_in(a)
    assert not _signed_in(b)
    _restore(b, {REMEMBER: b.get_cookie(REMEMBER).value})
    assert not _signed_in(b)
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "user.password_changed")
    ).one()
    assert event.detail == {"sessions_ended": True}


def _admin_edit(app, user: User, **changes) -> None:
    admin = factories.user(["admin"])
    db.session.commit()
    client = app.test_client()
    Auth(client).login(admin.email)
    url = f"/admin/users/{user.id}"
    fields = {
        "name": user.name,
        "email": user.email,
        "roles": sorted(user.role_names),
        "active": "y",
        **changes,
    }
    fields = {k: v for k, v in fields.items() if v is not None}
    response = client.post(url, data={"csrf_token": csrf_token(client, url), **fields})
    assert response.status_code == 302, response.get_data(as_text=True)


def test_admin_password_reset_ends_the_users_sessions(app):
    user = factories.user(email="ana@example.test")
    db.session.commit()
    browser = app.test_client()
    _login(browser, "ana@example.test", remember=True)
    remember = browser.get_cookie(REMEMBER).value
    _admin_edit(app, user, password="reset-by-admin")
    assert not _signed_in(browser)
    _restore(browser, {REMEMBER: remember})
    assert not _signed_in(browser)
    event = db.session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.action == "user.updated", AuditEvent.target_id == user.id
        )
    ).one()
    assert event.detail["password_reset"] is True and event.detail["sessions_ended"] is True


def test_deactivation_ends_the_users_sessions_for_good(app):
    user = factories.user(email="ana@example.test")
    db.session.commit()
    browser = app.test_client()
    _login(browser, "ana@example.test", remember=True)
    saved = _cookies(browser)
    _admin_edit(app, user, active=None)
    assert not _signed_in(browser)
    # Reactivating the account must not bring the old cookies back to life.
    user = db.session.get(User, user.id)
    db.session.refresh(user)
    user.active = True
    db.session.commit()
    _restore(browser, saved)
    assert not _signed_in(browser)
    _restore(browser, {REMEMBER: saved[REMEMBER]})
    assert not _signed_in(browser)


def test_an_unrelated_admin_edit_keeps_the_users_sessions(app):
    user = factories.user(email="ana@example.test", name="Ana")
    db.session.commit()
    browser = app.test_client()
    _login(browser, "ana@example.test")
    _admin_edit(app, user, name="Ana Ruiz")
    assert _signed_in(browser)


def test_every_user_gets_a_distinct_session_token(app):
    first, second = factories.user(), factories.user()
    assert first.session_token and second.session_token
    assert first.session_token != second.session_token
    assert first.get_id() == f"{first.id}:{first.session_token}"


def test_migration_gives_existing_users_their_own_token(app):
    from flask_migrate import downgrade, upgrade

    db.session.remove()
    downgrade(revision="0007")
    with db.engine.begin() as conn:
        for n in (1, 2):
            conn.execute(
                sa.text(
                    "INSERT INTO users (email, name, password_hash, active, created_at) "
                    "VALUES (:e, 'Old', 'x', :t, CURRENT_TIMESTAMP)"
                ),
                {"e": f"old{n}@example.test", "t": True},
            )
    upgrade()
    tokens = db.session.scalars(sa.select(User.session_token)).all()
    assert len(tokens) == 2 and all(tokens) and len(set(tokens)) == 2


@pytest.mark.parametrize("user_id", ["2147483648:tok", "9" * 19 + ":tok", "9" * 5000 + ":tok"])
def test_a_forged_id_beyond_the_columns_range_loads_nobody(app, client, user_id):
    with client.session_transaction() as session:
        session["_user_id"] = user_id
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
