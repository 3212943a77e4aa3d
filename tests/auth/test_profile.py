"""A user's own profile: interface language and password."""

from werkzeug.security import check_password_hash

from portal.extensions import db
from tests.conftest import csrf_token


def _token(client):
    return csrf_token(client, "/profile")


def test_language_preference_switches_the_interface(login_as, client):
    user = login_as("frontline")
    token = _token(client)
    response = client.post("/profile", data={"lang-language": "es", "lang-csrf_token": token})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.language == "es"
    assert "Tu perfil" in client.get("/profile").get_data(as_text=True)


def test_browser_language_is_used_when_the_user_has_none(login_as, client):
    login_as("frontline")
    page = client.get("/profile", headers={"Accept-Language": "es-ES,es;q=0.9"})
    assert "Tu perfil" in page.get_data(as_text=True)
    page = client.get("/profile", headers={"Accept-Language": "en-GB"})
    assert "Your profile" in page.get_data(as_text=True)


def test_password_change_needs_the_current_one(login_as, client):
    user = login_as("frontline")
    data = {
        "pw-csrf_token": _token(client),
        "pw-current_password": "not-it-at-all",
        "pw-new_password": "a-new-password",
        "pw-confirm": "a-new-password",
    }
    page = client.post("/profile", data=data).get_data(as_text=True)
    assert "The current password is not right." in page
    data["pw-current_password"] = "password123"
    assert client.post("/profile", data=data).status_code == 302
    db.session.refresh(user)
    assert check_password_hash(user.password_hash, "a-new-password")


def test_password_change_rejects_short_or_mismatched(login_as, client):
    login_as("frontline")
    data = {
        "pw-csrf_token": _token(client),
        "pw-current_password": "password123",
        "pw-new_password": "short",
        "pw-confirm": "different",
    }
    page = client.post("/profile", data=data).get_data(as_text=True)
    assert "Field must be between 8 and 200 characters long." in page
    assert "The two passwords differ." in page
