"""Administrators create users, assign roles and teams, and deactivate them."""

import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.auth.models import Team, User
from portal.extensions import db
from tests import factories
from tests.conftest import csrf_token


def _form(client, url, **fields):
    data = {"csrf_token": csrf_token(client, url), **fields}
    return client.post(url, data=data)


def test_admin_creates_a_user_who_can_then_log_in(login_as, client, auth):
    admin = login_as("admin")
    team = factories.team("Madrid Centro")
    db.session.commit()
    response = _form(
        client,
        "/admin/users/new",
        name="Marta Gil",
        email="Marta@Example.test",
        roles=["frontline", "trainer"],
        team_id=str(team.id),
        active="y",
        password="a-long-password",
    )
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == "marta@example.test"))
    assert user.role_names == {"frontline", "trainer"}
    assert user.team_id == team.id
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.target_id == user.id))
    assert (event.action, event.actor_id) == ("user.created", admin.id)
    auth.logout()
    assert auth.login("marta@example.test", "a-long-password").status_code == 302


def test_duplicate_email_keeps_what_was_typed(login_as, client):
    login_as("admin")
    factories.user(email="taken@example.test")
    db.session.commit()
    page = _form(
        client,
        "/admin/users/new",
        name="Someone New",
        email="taken@example.test",
        roles=["frontline"],
        password="a-long-password",
    ).get_data(as_text=True)
    assert "A user with this e-mail already exists." in page
    assert 'value="Someone New"' in page


def test_new_user_needs_a_role_and_a_password(login_as, client):
    login_as("admin")
    page = _form(client, "/admin/users/new", name="No Role", email="nr@example.test")
    text = page.get_data(as_text=True)
    assert "Give the user at least one role." in text
    text = _form(
        client, "/admin/users/new", name="No Pw", email="np@example.test", roles=["frontline"]
    ).get_data(as_text=True)
    assert "Give the new user a password." in text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_admin_deactivates_a_user_and_changes_roles(login_as, client, auth):
    login_as("admin")
    user = factories.user(["frontline"], email="leaving@example.test")
    db.session.commit()
    url = f"/admin/users/{user.id}"
    response = _form(client, url, name=user.name, email=user.email, roles=["manager"])
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.role_names == {"manager"} and user.active is False
    auth.logout()
    assert auth.login("leaving@example.test").status_code == 200  # refused, form again


def test_admin_cannot_remove_own_admin_role(login_as, client):
    admin = login_as("admin")
    url = f"/admin/users/{admin.id}"
    page = _form(client, url, name=admin.name, email=admin.email, roles=["frontline"], active="y")
    assert "You cannot remove your own admin role" in page.get_data(as_text=True)
    db.session.refresh(admin)
    assert "admin" in admin.role_names


def test_user_list_filters_and_htmx_returns_only_the_results(login_as, client, htmx_headers):
    login_as("admin", name="Zoe Admin")
    factories.user(name="Pablo Ortega")
    factories.user(name="Irene Vidal")
    db.session.commit()
    page = client.get("/admin/users?q=pablo").get_data(as_text=True)
    assert "Pablo Ortega" in page and "Irene Vidal" not in page and "<html" in page
    fragment = client.get("/admin/users?q=irene", headers=htmx_headers)
    text = fragment.get_data(as_text=True)
    assert "Irene Vidal" in text and "<html" not in text and text.lstrip().startswith("<div")
    assert "HX-Request" in fragment.headers["Vary"]


def test_unknown_user_is_404(login_as, client):
    login_as("admin")
    assert client.get("/admin/users/99999").status_code == 404


def test_admin_creates_and_renames_a_team(login_as, client):
    login_as("admin")
    manager = factories.user(["manager"], name="Elena Manager")
    db.session.commit()
    response = _form(client, "/admin/teams/new", name="Sevilla", manager_id=str(manager.id))
    assert response.status_code == 302
    team = db.session.scalar(sa.select(Team).where(Team.name == "Sevilla"))
    assert team.manager_id == manager.id
    _form(client, f"/admin/teams/{team.id}", name="Sevilla Norte", manager_id="")
    db.session.refresh(team)
    assert team.name == "Sevilla Norte" and team.manager_id is None
    page = _form(client, "/admin/teams/new", name="Sevilla Norte").get_data(as_text=True)
    assert "A team with this name already exists." in page


def test_the_new_user_form_explains_the_password_for_a_new_user(login_as, client):
    login_as("admin")
    new = client.get("/admin/users/new", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "mantener la actual" not in new and "Leave empty" not in new
    assert "Al menos 8 caracteres. Comunícasela a la persona" in new
    user = factories.user(["frontline"])
    db.session.commit()
    edit = client.get(f"/admin/users/{user.id}").get_data(as_text=True)
    assert "At least 8 characters. Leave empty to keep the current one." in edit


def test_saving_a_user_lands_on_the_users_own_page(login_as, client):
    login_as("admin")
    fields = {"name": "Marta Gil", "email": "marta@example.test", "roles": ["frontline"]}
    response = _form(client, "/admin/users/new", password="a-long-password", active="y", **fields)
    user = db.session.scalar(sa.select(User).where(User.email == "marta@example.test"))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/users/{user.id}"
    response = _form(client, f"/admin/users/{user.id}", **{**fields, "name": "Marta Gil Ruiz"})
    assert response.headers["Location"] == f"/admin/users/{user.id}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Saved Marta Gil Ruiz." in page and 'value="Marta Gil Ruiz"' in page
