"""Friendly error pages; htmx requests get a short fragment instead of a whole page."""

import json
import re

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError

from portal.api.errors import api_error, is_api_request
from portal.extensions import db

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Nothing was changed.")),
    403: (_l("Not allowed"), _l("Your roles do not give access to this page.")),
    404: (_l("Not found"), _l("There is nothing at this address. Check the link or search.")),
    405: (_l("Not allowed"), _l("This address does not accept that kind of request.")),
    413: (_l("Too large"), _l("The file is larger than the portal accepts.")),
    500: (_l("Something went wrong"), _l("The error was logged. Nothing was saved.")),
    503: (
        _l("The system is busy"),
        _l("Another change was being saved at the same moment. Nothing was saved; try again."),
    ),
}
RETRY_AFTER_SECONDS = 2
# What a kept form never sends back into a page: secrets typed by the user.
_SECRET_FIELD = re.compile(r"password|confirm$", re.IGNORECASE)


def is_lock_timeout(error: OperationalError) -> bool:
    """SQLite's busy timeout ran out, or PostgreSQL's lock_timeout (SQLSTATE 55P03)."""
    if getattr(error.orig, "sqlstate", None) == "55P03":
        return True
    return "database is locked" in str(error.orig) or "database table is locked" in str(error.orig)


def _busy():
    """503 that loses nothing: a plain form post comes back as the same form, filled in,
    with one button to send it again; an htmx post swaps nothing (the typed form stays)
    and triggers `portal:busy` with the message."""
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if is_api_request():
        response = api_error(503)
        response.headers.update(headers)
        return response
    title, text = MESSAGES[503]
    if request.headers.get("HX-Request") == "true":
        headers["HX-Reswap"] = "none"
        headers["HX-Trigger"] = json.dumps({"portal:busy": {"message": str(text)}})
        return str(text), 503, headers
    kept = []
    if request.method == "POST":
        kept = [(k, v) for k, v in request.form.items(multi=True) if not _SECRET_FIELD.search(k)]
    page = render_template(
        "errors/busy.html",
        title=title,
        text=text,
        kept=kept,
        retype=any(_SECRET_FIELD.search(k) for k in request.form),
        action=request.full_path.rstrip("?"),
        method=request.method,
    )
    return page, 503, headers


def _page(code: int, detail: str | None = None):
    if is_api_request():
        return api_error(code)
    title, text = MESSAGES[code]
    return render_template("errors/error.html", code=code, title=title, text=detail or text), code


def register(app: Flask) -> None:
    for code in (400, 403, 404, 405, 413):
        app.register_error_handler(code, lambda e, c=code: _page(c))

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        return _page(
            400,
            str(
                _l(
                    "The form had expired or came from elsewhere. Reload the page "
                    "and try again; nothing was changed."
                )
            ),
        )

    @app.errorhandler(OperationalError)
    def database_busy(error: OperationalError):
        db.session.rollback()
        if not is_lock_timeout(error):
            raise error  # any other database failure is a 500, logged as one
        return _busy()

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return _page(500)
