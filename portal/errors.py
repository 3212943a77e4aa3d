"""Friendly error pages; htmx requests get a short fragment instead of a whole page."""

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from portal.api.errors import api_error, is_api_request
from portal.extensions import db

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Nothing was changed.")),
    403: (_l("Not allowed"), _l("Your roles do not give access to this page.")),
    404: (_l("Not found"), _l("There is nothing at this address. Check the link or search.")),
    405: (_l("Not allowed"), _l("This address does not accept that kind of request.")),
    413: (_l("Too large"), _l("The file is larger than the portal accepts.")),
    500: (_l("Something went wrong"), _l("The error was logged. Nothing was saved.")),
}


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

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return _page(500)
