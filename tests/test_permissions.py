"""Every route is denied unless a capability grants it; walked from app.url_map."""

import pytest

from portal.auth.permissions import CAPABILITIES, PUBLIC, ROLES, all_capabilities

PUBLIC_ENDPOINTS = {"auth.login", "auth.set_language", "api.openapi", "static"}


def _endpoints(app):
    return {rule.endpoint: rule for rule in app.url_map.iter_rules()}


def test_every_endpoint_declares_a_known_capability(app):
    for endpoint in _endpoints(app):
        if endpoint == "static":
            continue
        capability = getattr(app.view_functions[endpoint], "capability", None)
        assert capability is not None, f"{endpoint} declares no capability"
        if capability == PUBLIC:
            assert endpoint in PUBLIC_ENDPOINTS, f"{endpoint} is public but not listed"
        else:
            assert capability in all_capabilities(), f"{endpoint}: unknown {capability}"


def test_an_undeclared_view_is_denied(app, login_as, client):
    """A view added without a capability fails closed (403), even for an admin."""
    app.add_url_rule("/forgotten", "forgotten", lambda: "secret")
    login_as("admin", "manager", "trainer", "frontline")
    assert client.get("/forgotten").status_code == 403


def _simple_get_routes(app):
    """Pages a signed-in session reaches; the API takes tokens only (tests/api)."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS or "<" in rule.rule or "GET" not in rule.methods:
            continue
        if rule.endpoint.startswith("api."):
            continue
        yield rule.endpoint, rule.rule


ROUTES = [
    ("home.index", "/"),
    ("auth.profile", "/profile"),
    ("customers.search", "/customers/search"),
    ("customers.lookup", "/customers/lookup"),
    ("training.index", "/training/"),
    ("training.assignments", "/training/assignments"),
    ("training.reports", "/training/reports"),
    ("training.reports_completion_csv", "/training/reports/completion.csv"),
    ("training.reports_questions_csv", "/training/reports/questions.csv"),
    ("training.authoring_list", "/training/authoring"),
    ("admin.users", "/admin/users"),
    ("admin.user_new", "/admin/users/new"),
    ("admin.teams", "/admin/teams"),
    ("admin.team_edit", "/admin/teams/new"),
    ("audit.index", "/admin/audit/"),
    ("audit.export", "/admin/audit/export.csv"),
]


def test_route_table_covers_every_simple_get_route(app):
    assert sorted(_simple_get_routes(app)) == sorted(ROUTES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("endpoint", "path"), ROUTES)
def test_role_by_endpoint(app, login_as, client, role, endpoint, path):
    login_as(role)
    capability = app.view_functions[endpoint].capability
    expected = 200 if capability in CAPABILITIES[role] else 403
    assert client.get(path).status_code == expected


@pytest.mark.parametrize(("endpoint", "path"), ROUTES)
def test_anonymous_is_sent_to_login(client, endpoint, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_anonymous_htmx_request_gets_hx_redirect(client, htmx_headers):
    response = client.get("/admin/users?q=a", headers=htmx_headers)
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/login?next=")
    assert b"Sign in" not in response.data


def test_a_frontline_employee_cannot_post_to_admin(login_as, client):
    from tests.conftest import csrf_token

    login_as("frontline")
    token = csrf_token(client, "/profile")
    data = {"name": "X", "email": "x@example.test", "roles": "admin", "csrf_token": token}
    assert client.post("/admin/users/new", data=data).status_code == 403
