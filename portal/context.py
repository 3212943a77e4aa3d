"""Values every template can use: navigation for the current user, languages."""

from flask import current_app
from flask_login import current_user

from portal.i18n import N_, current_locale, translate

# (endpoint, label, capability): shown when the user's roles grant the capability. Labels
# go through the cached translation: lazy strings asked Flask-Babel on every page.
NAVIGATION = [
    ("home.index", N_("Home"), "home.view"),
    ("customers.search", N_("Customers"), "customers.search"),
    ("training.index", N_("Training"), "training.learn"),
    ("training.assignments", N_("Assignments"), "training.assign"),
    ("training.reports", N_("Training reports"), "training.report"),
    ("training.authoring_list", N_("Authoring"), "content.approve"),
    ("admin.users", N_("Users"), "users.manage"),
    ("admin.teams", N_("Teams"), "teams.manage"),
    ("audit.index", N_("Audit log"), "audit.read"),
]


def inject_globals() -> dict:
    items = []
    if current_user.is_authenticated:
        items = [(ep, translate(label)) for ep, label, cap in NAVIGATION if current_user.can(cap)]
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
