"""Values every template can use: navigation for the current user, languages."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.i18n import current_locale

# (endpoint, label, capability): shown when the user's roles grant the capability.
NAVIGATION = [
    ("home.index", _l("Home"), "home.view"),
    ("customers.search", _l("Customers"), "customers.search"),
    ("training.index", _l("Training"), "training.learn"),
    ("training.assignments", _l("Assignments"), "training.assign"),
    ("training.reports", _l("Training reports"), "training.report"),
    ("training.authoring_list", _l("Authoring"), "content.author"),
    ("admin.users", _l("Users"), "users.manage"),
    ("admin.teams", _l("Teams"), "teams.manage"),
    ("audit.index", _l("Audit log"), "audit.read"),
]


def inject_globals() -> dict:
    items = []
    if current_user.is_authenticated:
        items = [(ep, label) for ep, label, cap in NAVIGATION if current_user.can(cap)]
    return {
        "nav_items": items,
        "current_locale": str(current_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
        "languages": current_app.config["LANGUAGES"],
        "can_search": current_user.is_authenticated and current_user.can("customers.search"),
    }


def field_attrs(field, *, autofocus: bool = False, autocomplete: str | None = None) -> dict:
    """Accessible attributes for a form field: hint and error linked, invalid flagged."""
    described = []
    if field.description:
        described.append(f"{field.id}-hint")
    attrs: dict = {}
    if field.errors:
        described.append(f"{field.id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if autofocus:
        attrs["autofocus"] = True
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    return attrs
