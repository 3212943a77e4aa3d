"""`flask api token create | list | revoke`."""

import re

import sqlalchemy as sa

from portal.api.models import ApiToken
from portal.audit.models import AuditEvent
from portal.extensions import db
from tests import factories

TOKEN = re.compile(r"^portal_[0-9a-f]{12}_\S{40,}$", re.M)


def _create(runner, email, name="Phone system"):
    return runner.invoke(args=["api", "token", "create", "--user", email, "--name", name])


def test_create_prints_the_token_once_and_it_works(runner, client):
    user = factories.user(roles=["frontline"], email="phone@example.test")
    db.session.commit()
    result = _create(runner, "Phone@Example.test")
    assert result.exit_code == 0, result.output
    text = TOKEN.search(result.output).group(0)
    token = db.session.scalar(sa.select(ApiToken))
    assert (token.user_id, token.name) == (user.id, "Phone system")
    response = client.get(
        "/api/v1/customers/search?q=ana", headers={"Authorization": f"Bearer {text}"}
    )
    assert response.status_code == 200
    listing = runner.invoke(args=["api", "token", "list"]).output
    assert text not in listing and token.key in listing and "phone@example.test" in listing


def test_create_for_an_unknown_user_fails(runner):
    result = _create(runner, "nobody@example.test")
    assert result.exit_code != 0 and "No user" in result.output
    assert db.session.scalar(sa.select(ApiToken)) is None


def test_revoke_stops_the_token_and_is_audited(runner, client):
    factories.user(roles=["frontline"], email="till@example.test")
    db.session.commit()
    text = TOKEN.search(_create(runner, "till@example.test", "Till").output).group(0)
    token_id = db.session.scalar(sa.select(ApiToken.id))
    result = runner.invoke(args=["api", "token", "revoke", str(token_id)])
    assert result.exit_code == 0 and "revoked" in result.output
    headers = {"Authorization": f"Bearer {text}"}
    assert client.get("/api/v1/customers/search?q=ana", headers=headers).status_code == 401
    assert "revoked" in runner.invoke(args=["api", "token", "list"]).output
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["api_token.created", "api_token.revoked"]


def test_revoke_an_unknown_token_fails(runner):
    result = runner.invoke(args=["api", "token", "revoke", "42"])
    assert result.exit_code != 0 and "No token" in result.output
