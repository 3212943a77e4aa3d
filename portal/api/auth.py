"""Who is calling the API: the user of the bearer token, never a session cookie.

Ignoring the cookie means a page on another site cannot use a signed-in employee's
browser to call the API, so the API needs no CSRF token.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import Response, g, request

from portal.api.errors import api_error
from portal.api.models import ApiToken
from portal.api.services import TokenError, token_verify
from portal.auth.models import User
from portal.clock import utcnow
from portal.extensions import db

# Last use is recorded at most once a minute per token: a screen pop per call would
# otherwise turn every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="portal"'}


def authenticate(capability: str | None) -> Response | None:
    """401 without a live token, 403 when its user's roles lack `capability`; else
    None, with the token in `g.api_token` for the view."""
    scheme, _, text = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not text.strip():
        return _unauthorized(None)
    try:
        token = token_verify(text.strip())
    except TokenError as exc:
        return _unauthorized(str(exc))
    _touch(token)
    if capability is None or not token.user.can(capability):
        return api_error(403)
    g.api_token = token
    return None


def api_actor() -> User:
    return g.api_token.user


def _unauthorized(message: str | None) -> Response:
    response = api_error(401, message)
    response.headers.update(CHALLENGE)
    return response


def _touch(token: ApiToken) -> None:
    """Record the use in its own transaction: it stands even when the request fails,
    and it does not expire the token and user this request has loaded."""
    now = utcnow()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now)
        )
