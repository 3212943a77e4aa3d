"""Issuing, checking and revoking API tokens. Flushes, never commits.

A token reads `portal_<key>_<secret>`: the key finds the row, the secret is compared
as a SHA-256 digest in constant time. The secret has 256 bits, so a fast digest is
enough (a slow password hash would only slow every API call down).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from portal.api.models import ApiToken
from portal.audit.services import audit_record
from portal.auth.models import User
from portal.clock import utcnow
from portal.extensions import db

PREFIX = "portal"
# Compared against when the key matches no token, so that an unknown key costs the
# same work as a wrong secret.
_NO_HASH = hashlib.sha256(b"no such token").hexdigest()


class TokenError(ValueError):
    """Why a token was refused, in words for the calling system's logs."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, actor: User | None, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; the clear text is returned here and never again."""
    key, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    token = ApiToken(key=key, secret_hash=_digest(secret), name=name.strip(), user_id=user.id)
    db.session.add(token)
    db.session.flush()
    audit_record(actor=actor, action="api_token.created", target=token, detail={"user_id": user.id})
    return token, f"{PREFIX}_{key}_{secret}"


def token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()
        audit_record(actor=actor, action="api_token.revoked", target=token)
    return token


def token_list() -> list[ApiToken]:
    stmt = sa.select(ApiToken).options(joinedload(ApiToken.user)).order_by(ApiToken.id)
    return list(db.session.scalars(stmt))


def _token_statement() -> sa.Select:
    """The token with its user and the user's roles: one statement per API request."""
    return (
        sa.select(ApiToken)
        .options(joinedload(ApiToken.user).joinedload(User.roles))
        .where(ApiToken.key == sa.bindparam("key"))
    )


TOKEN_BY_KEY = _token_statement()


def token_verify(text: str) -> ApiToken:
    """The live token `text` names, or TokenError saying why not."""
    prefix, _, rest = text.partition("_")
    key, _, secret = rest.partition("_")
    token = None
    if prefix == PREFIX and key and secret:
        token = db.session.scalars(TOKEN_BY_KEY, {"key": key}).unique().first()
    expected = token.secret_hash if token is not None else _NO_HASH
    if not hmac.compare_digest(_digest(secret), expected) or token is None:
        raise TokenError("The token is not valid. Check the Authorization header.")
    if token.revoked_at is not None:
        raise TokenError(f"The token was revoked on {token.revoked_at:%Y-%m-%d}.")
    if not token.user.active:
        raise TokenError("The token's user is deactivated.")
    return token
