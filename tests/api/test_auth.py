"""Bearer tokens: who may call, what a session cookie is worth here (nothing), 401/403."""

import pytest
import sqlalchemy as sa

from portal.api.models import ApiToken
from portal.api.services import token_revoke
from portal.auth.permissions import CAPABILITIES, ROLES
from portal.extensions import db
from tests import factories
from tests.api.conftest import error_of

ENDPOINTS = [  # (method, path, capability); {id} is a customer's id
    ("get", "/customers/lookup?phone=612345678", "customers.search"),
    ("get", "/customers/search?q=Lucía", "customers.search"),
    ("get", "/customers/{id}", "customers.view"),
    ("post", "/customers/{id}/interactions", "customers.act"),
    ("post", "/customers/{id}/survey-answers", "customers.act"),
]


def _call(client, method, path, headers=None):
    return getattr(client, method)(f"/api/v1{path}", headers=headers or {}, json={})


@pytest.mark.parametrize(("method", "path", "capability"), ENDPOINTS)
def test_no_token_is_401_json_with_a_challenge(client, method, path, capability):
    response = _call(client, method, path.format(id=1))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in error_of(response)["message"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer nonsense",
        "Bearer portal_000000000000_secret",
        "Basic dXNlcjpwYXNz",
        "Bearer ",
        "Bearer portal__",
    ],
)
def test_a_bad_token_is_401(client, caller, header):
    caller("frontline")
    response = client.get("/api/v1/customers/search?q=ana", headers={"Authorization": header})
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthorized"


def test_a_right_key_with_a_wrong_secret_is_401(client, caller):
    system = caller("frontline")
    key = system.token.key
    headers = {"Authorization": f"Bearer portal_{key}_{'x' * 43}"}
    response = client.get("/api/v1/customers/search?q=ana", headers=headers)
    assert response.status_code == 401 and "not valid" in error_of(response)["message"]


def test_a_revoked_token_is_401_and_says_so(caller):
    system = caller("frontline")
    assert system.get("/customers/search?q=ana").status_code == 200
    token_revoke(actor=None, token=system.token)
    db.session.commit()
    response = system.get("/customers/search?q=ana")
    assert response.status_code == 401 and "revoked" in error_of(response)["message"]


def test_a_deactivated_user_s_token_is_401(caller):
    system = caller("frontline")
    system.user.active = False
    db.session.commit()
    response = system.get("/customers/search?q=ana")
    assert response.status_code == 401 and "deactivated" in error_of(response)["message"]


def test_the_secret_is_never_stored_in_clear(caller):
    system = caller("frontline")
    text = system.headers["Authorization"].split()[1]
    secret = text.split("_", 2)[2]
    row = db.session.execute(sa.select(ApiToken.__table__)).one()
    assert secret not in " ".join(str(v) for v in row)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "capability"), ENDPOINTS)
def test_role_by_endpoint(caller, role, method, path, capability):
    """Granted: not 401/403 (the empty write bodies are 422). Not granted: 403 JSON."""
    system = caller(role)
    customer = factories.customer(phone="612345678")
    db.session.commit()
    response = getattr(system, method)(path.format(id=customer.id), json={})
    if capability in CAPABILITIES[role]:
        assert response.status_code in (200, 422)
    else:
        assert response.status_code == 403
        assert error_of(response)["code"] == "forbidden"


def test_a_session_cookie_does_not_authenticate_the_api(login_as, client):
    """A signed-in browser cannot be made to write through the API from another site."""
    login_as("frontline")
    customer = factories.customer()
    db.session.commit()
    assert client.get(f"/api/v1/customers/{customer.id}").status_code == 401
    body = {"channel": "phone", "type": "enquiry", "department": "sales", "outcome": "resolved"}
    response = client.post(f"/api/v1/customers/{customer.id}/interactions", json=body)
    assert response.status_code == 401
    assert db.session.scalar(sa.text("SELECT count(*) FROM interactions")) == 0


def test_a_token_request_sets_no_session_cookie(caller):
    response = caller("frontline").get("/customers/search?q=ana")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers


def test_last_use_is_recorded(caller):
    system = caller("frontline")
    assert system.token.last_used_at is None
    system.get("/customers/search?q=ana")
    db.session.expire_all()
    assert db.session.get(ApiToken, system.token.id).last_used_at is not None


def test_unknown_api_addresses_and_methods_answer_json(caller):
    system = caller("frontline")
    assert error_of(system.get("/nothing-here"))["code"] == "not_found"
    response = system.client.delete("/api/v1/customers/1", headers=system.headers)
    assert response.status_code == 405 and error_of(response)["code"] == "method_not_allowed"
