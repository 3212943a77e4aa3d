"""Responses name no server software version; cookies are Secure when served over HTTPS."""

import http.client
import threading

import pytest
from werkzeug.serving import make_server

from portal import create_app
from portal.extensions import db
from portal.security import NeutralRequestHandler
from tests import factories
from tests.conftest import csrf_token


def test_app_responses_carry_no_server_header(client):
    for path in ("/login", "/static/css/portal.css", "/no-such-page"):
        assert "Server" not in client.get(path).headers


def test_the_dev_server_handler_names_no_versions(app):
    server = make_server("127.0.0.1", 0, app, request_handler=NeutralRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
        conn.request("GET", "/login")
        response = conn.getresponse()
        response.read()
        server_header = response.getheader("Server")
    finally:
        server.shutdown()
    assert server_header == "portal"


def _cookies(app, base_url: str = "https://localhost") -> list[str]:
    user = factories.user()
    db.session.commit()
    client = app.test_client()
    token = csrf_token(client, f"{base_url}/login")
    response = client.post(
        f"{base_url}/login",
        data={
            "email": user.email,
            "password": factories.PASSWORD,
            "csrf_token": token,
            "remember": "y",
        },
        headers={"Referer": f"{base_url}/login"},
    )
    assert response.status_code == 302
    return response.headers.getlist("Set-Cookie")


def _named(cookies: list[str], name: str) -> str:
    return next(c for c in cookies if c.startswith(f"{name}="))


@pytest.mark.parametrize(
    "setting",
    [{"HTTPS": True}, {"PREFERRED_URL_SCHEME": "https"}, {"SESSION_COOKIE_SECURE": True}],
)
def test_session_and_remember_cookies_are_secure_over_https(app, setting):
    app.config.update(setting)
    from portal.config import apply_https

    apply_https(app.config)
    cookies = _cookies(app)
    for name in ("portal_session", "remember_token"):
        assert "Secure" in _named(cookies, name), name


def test_cookies_are_not_secure_by_default(app):
    cookies = _cookies(app, base_url="http://localhost")
    assert "Secure" not in _named(cookies, "portal_session")
    assert "Secure" not in _named(cookies, "remember_token")


def test_https_setting_reaches_the_cookie_settings_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_HTTPS", "true")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["PREFERRED_URL_SCHEME"] == "https"


def test_the_serve_command_uses_the_neutral_handler(app, runner, monkeypatch):
    seen = {}
    monkeypatch.setattr("werkzeug.serving.run_simple", lambda *a, **kw: seen.update(kw))
    result = runner.invoke(args=["serve", "--port", "5999"])
    assert result.exit_code == 0, result.output
    assert seen["request_handler"] is NeutralRequestHandler
