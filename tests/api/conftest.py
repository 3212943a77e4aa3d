"""API fixtures: a token for a new user of the given roles, sent as a bearer header."""

from __future__ import annotations

import pytest

from portal.api.services import token_create
from portal.extensions import db
from tests import factories


class Caller:
    """A system holding a token: `get`/`post` send it; `user` and `token` for checks."""

    def __init__(self, client, user, token, text: str):
        self.client, self.user, self.token = client, user, token
        self.headers = {"Authorization": f"Bearer {text}"}

    def get(self, path: str, **kwargs):
        return self.client.get(f"/api/v1{path}", headers=self.headers, **kwargs)

    def post(self, path: str, json=None, **kwargs):
        return self.client.post(f"/api/v1{path}", json=json, headers=self.headers, **kwargs)


@pytest.fixture
def caller(client):
    """caller("frontline", team_id=...) makes a user with a token and returns a Caller."""

    def make(*roles: str, **fields) -> Caller:
        user = factories.user(roles=list(roles or ["frontline"]), **fields)
        token, text = token_create(actor=None, user=user, name="Test system")
        db.session.commit()
        return Caller(client, user, token, text)

    return make


def error_of(response) -> dict:
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    return body["error"]
