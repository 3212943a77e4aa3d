"""Privacy mode without JavaScript: a form flips a flag kept for the session, and every
page then renders with the privacy class and the sensitive parts marked."""

import re

from tests import factories
from tests.conftest import csrf_token


def _toggle(client, next_url: str):
    token = csrf_token(client, "/")
    return client.post("/customers/privacy", data={"csrf_token": token, "next": next_url})


def _body_class(html: str) -> str:
    match = re.search(r'<body class="([^"]*)"', html)
    return match.group(1) if match else ""


def test_privacy_mode_is_a_server_side_toggle_kept_for_the_session(login_as, client, app):
    login_as("frontline")
    c = factories.customer(email="ana@example.test", phone="612 34 56 78")
    from portal.extensions import db

    db.session.commit()
    card = f"/customers/{c.id}"
    assert "privacy" not in _body_class(client.get(card).get_data(as_text=True))
    response = _toggle(client, card)
    assert response.status_code == 302 and response.headers["Location"] == card
    html = client.get(card).get_data(as_text=True)
    assert "privacy" in _body_class(html)
    assert 'aria-pressed="true"' in html
    # Phone and e-mail are marked to be hidden, not only the value figures.
    assert re.search(r'class="sensitive"[^>]*>\s*612 34 56 78', html)
    assert re.search(r'class="sensitive"[^>]*>\s*ana@example.test', html)
    assert "privacy" in _body_class(client.get("/").get_data(as_text=True))  # every page
    _toggle(client, card)
    assert "privacy" not in _body_class(client.get(card).get_data(as_text=True))


def test_privacy_toggle_never_redirects_off_site_and_needs_its_token(login_as, client):
    login_as("frontline")
    response = _toggle(client, "https://evil.example/")
    assert response.headers["Location"] == "/"
    assert client.post("/customers/privacy", data={"next": "/"}).status_code == 400
