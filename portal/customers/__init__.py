"""Customers: lookup, the context card, and acting from the card."""

from flask import Blueprint

bp = Blueprint("customers", __name__, url_prefix="/customers")

from portal.customers import views  # noqa: E402,F401
