"""The JSON API for the systems around the portal, authenticated by bearer tokens."""

from flask import Blueprint

from portal.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Requests here carry a bearer token and never a usable session cookie (see auth.py),
# so a cross-site page cannot make them on someone's behalf: no CSRF token needed.
csrf.exempt(bp)

from portal.api import views  # noqa: E402,F401
from portal.api.auth import authenticate  # noqa: E402

bp.authenticate = authenticate  # read by portal.security.enforce_capabilities
