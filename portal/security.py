"""Response hardening and the deny-by-default gate in front of every view."""

from __future__ import annotations

from flask import abort, current_app, request
from flask_login import current_user
from werkzeug.serving import WSGIRequestHandler

from portal.auth.permissions import PUBLIC
from portal.extensions import login_manager

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class NeutralRequestHandler(WSGIRequestHandler):
    """Werkzeug's development server without "Server: Werkzeug/x Python/y": versions
    only help someone looking for a known hole. (gunicorn sends "Server: gunicorn".)"""

    server_version = "portal"  # a class attribute in place of Werkzeug's property
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    # Pages are never stored: they carry customer data or a form's token. Deciding by
    # endpoint rather than by who is signed in spares a reload of the user after commit.
    if request.endpoint != "static":
        headers.setdefault("Cache-Control", "no-store")
    return response


def enforce_capabilities():
    """Deny unless the endpoint declares a capability the requester's roles grant.

    The requester is the signed-in user of the session, except in a blueprint that
    names its own `authenticate` (the API's bearer tokens): that one decides, and the
    session cookie counts for nothing there.
    """
    if request.endpoint is None:
        return None  # unknown URL: let routing answer 404 / 405
    if request.endpoint == "static":
        return None
    view = current_app.view_functions[request.endpoint]
    capability = getattr(view, "capability", None)
    if capability == PUBLIC:
        return None
    blueprint = current_app.blueprints.get(request.blueprint or "")
    authenticate = getattr(blueprint, "authenticate", None)
    if authenticate is not None:
        return authenticate(capability)
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if capability is None or not current_user.can(capability):
        abort(403)
    return None
