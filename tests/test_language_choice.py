"""Which language a person reads in: the switch, <html lang>, and signing in."""

import pytest

from portal.auth.models import User
from portal.extensions import db
from tests import factories
from tests.conftest import csrf_token


def _switch(client, language: str, next_path: str = "/login"):
    token = csrf_token(client, next_path)
    data = {"csrf_token": token, "language": language, "next": next_path}
    return client.post("/language", data=data)


def _sign_in(client, email: str, headers: dict):
    token = csrf_token(client, "/login")
    data = {"email": email, "password": "password123", "csrf_token": token}
    return client.post("/login", data=data, headers=headers)


def _html_lang(client, path: str, headers: dict) -> str:
    page = client.get(path, headers=headers).get_data(as_text=True)
    return page.split('<html lang="', 1)[1].split('"', 1)[0]


def test_the_switch_reloads_the_whole_page_so_html_lang_follows(client):
    page = client.get("/login", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert '<html lang="es">' in page
    # A boosted form would swap only <body>, leaving <html lang="es"> on an English page.
    at = page.index('class="inline lang-switch"')
    switch = page[page.rindex("<form", 0, at) : page.index(">", at)]
    assert 'hx-boost="false"' in switch
    _switch(client, "en")
    assert _html_lang(client, "/login", {"Accept-Language": "es"}) == "en"


@pytest.mark.parametrize(
    "stored, browser, switched, shown, saved",
    [
        # Switched on the sign-in page: that choice stays, and the account remembers it.
        ("es", "es", "en", "en", "en"),
        (None, "es", "en", "en", "en"),
        # No switch, no language on the account: the browser's language stays.
        (None, "en", None, "en", None),
        (None, "es", None, "es", None),
        # No switch: the language the person once chose for the account applies.
        ("en", "es", None, "en", "en"),
    ],
)
def test_signing_in_keeps_the_language_the_person_was_reading_in(
    app, client, stored, browser, switched, shown, saved
):
    user = factories.user(["frontline"], language=stored)
    db.session.commit()
    headers = {"Accept-Language": browser}
    client.get("/login", headers=headers)
    if switched:
        _switch(client, switched)
    assert _sign_in(client, user.email, headers).status_code == 302
    assert _html_lang(client, "/", headers) == shown
    db.session.expire_all()
    assert db.session.get(User, user.id).language == saved
