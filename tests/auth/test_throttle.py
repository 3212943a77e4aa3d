"""Login throttling per account and per address, without one address locking out everyone
behind it; and the client address taken from a trusted proxy only when configured."""

import sqlalchemy as sa

from portal import create_app
from portal.auth.models import LoginAttempt
from portal.extensions import db
from tests import factories
from tests.conftest import csrf_token

THROTTLED = "Too many failed attempts."
GENERIC = "That e-mail and password do not match an active account."


def _try(client, email: str, password: str = factories.PASSWORD, **kwargs):
    data = {"email": email, "password": password, "csrf_token": csrf_token(client, "/login")}
    return client.post("/login", data=data, **kwargs)


def test_a_typo_storm_on_real_accounts_does_not_lock_out_the_office(app, client):
    """Colleagues behind one address (an office, the proxy) each mistype a few times:
    more failures in total than the address limit, yet a colleague still signs in."""
    typists = [factories.user() for _ in range(6)]
    colleague = factories.user()
    db.session.commit()
    for person in typists:
        for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
            assert GENERIC in _try(client, person.email, "wrong-password").get_data(as_text=True)
    assert _try(client, colleague.email).status_code == 302


def test_one_account_failing_twenty_times_locks_that_account_only(app):
    ana, bea = factories.user(), factories.user()
    db.session.commit()
    office = app.test_client()
    for _ in range(20):
        _try(office, ana.email, "wrong-password")
    page = _try(office, ana.email).get_data(as_text=True)
    assert THROTTLED in page  # even the right password, while locked
    assert _try(app.test_client(), bea.email).status_code == 302


def test_spraying_unknown_accounts_from_one_address_is_throttled(app):
    ana = factories.user()
    db.session.commit()
    sprayer = app.test_client()
    for n in range(app.config["LOGIN_MAX_ADDRESS_FAILURES"]):
        page = _try(sprayer, f"guess{n}@example.test", "password1").get_data(as_text=True)
        assert GENERIC in page
    assert THROTTLED in _try(sprayer, "guess-next@example.test").get_data(as_text=True)
    # Refused for a real account too, so the throttle does not tell which accounts exist.
    assert THROTTLED in _try(sprayer, ana.email, "password1").get_data(as_text=True)
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.50"
    assert _try(other, ana.email).status_code == 302


def _app_with(tmp_path, schema_url, **config):
    import shutil

    target = tmp_path / "proxy.db"
    if schema_url.startswith("sqlite"):
        shutil.copyfile(sa.engine.make_url(schema_url).database, target)
        url = f"sqlite:///{target}"
    else:
        url = schema_url
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": url,
            "INSTANCE_PATH": str(tmp_path / "proxy-instance"),
            "BABEL_DEFAULT_LOCALE": "en",
            **config,
        }
    )


def _recorded_ip(app, email: str) -> str:
    with app.app_context():
        ip = db.session.scalar(sa.select(LoginAttempt.ip).where(LoginAttempt.email == email))
        db.session.remove()
        db.engine.dispose()
    return ip


# A browser's HTTPS form post carries a same-origin Referer (Flask-WTF checks it).
FORWARDED = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "Referer": "https://localhost/login",
}


def test_forwarded_for_is_ignored_unless_configured(app, client):
    assert app.config["PROXY_FIX_X_FOR"] == 0
    _try(client, "someone@example.test", "wrong-password", headers=FORWARDED)
    assert _recorded_ip(app, "someone@example.test") == "127.0.0.1"


def test_forwarded_for_is_the_client_address_behind_a_configured_proxy(tmp_path, schema_url):
    app = _app_with(tmp_path, schema_url, PROXY_FIX_X_FOR=1, PROXY_FIX_X_PROTO=1)
    with app.app_context():
        client = app.test_client()
        page = _try(client, "behind-proxy@example.test", "wrong-password", headers=FORWARDED)
        assert GENERIC in page.get_data(as_text=True)
    assert _recorded_ip(app, "behind-proxy@example.test") == "203.0.113.7"
