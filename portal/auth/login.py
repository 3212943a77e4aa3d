"""Flask-Login wiring: loading the user, and where unauthenticated requests go."""

from functools import lru_cache

import sqlalchemy as sa
from flask import redirect, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from portal.extensions import db


@lru_cache(maxsize=1)
def _user_statement():
    """The user with their roles in one statement (every request checks a capability),
    built once: it runs on every request."""
    from portal.auth.models import User

    return sa.select(User).options(joinedload(User.roles)).where(User.id == sa.bindparam("id"))


def configure_login(manager) -> None:
    manager.login_message = _l("Please sign in to continue.")
    manager.login_message_category = "info"

    @manager.user_loader
    def load_user(user_id: str):

        if not user_id.isdigit():
            return None
        user = db.session.scalars(_user_statement(), {"id": int(user_id)}).unique().first()
        return user if user is not None and user.active else None

    @manager.unauthorized_handler
    def unauthorized():
        target = url_for("auth.login", next=request.full_path.rstrip("?"))
        if request.headers.get("HX-Request") == "true":
            # An htmx request must not swap a login page into a div: send the browser there.
            return "", 401, {"HX-Redirect": target}
        return redirect(target)
