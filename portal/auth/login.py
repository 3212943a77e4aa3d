"""Flask-Login wiring: loading the user, and where unauthenticated requests go."""

from functools import lru_cache

import sqlalchemy as sa
from flask import redirect, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from portal.converters import BIGGEST_ID
from portal.extensions import db


@lru_cache(maxsize=1)
def _user_statement():
    """The user with their roles in one statement (every request checks a capability),
    built once: it runs on every request."""
    from portal.auth.models import User

    return (
        sa.select(User)
        .options(joinedload(User.roles))
        .where(
            User.id == sa.bindparam("id"),
            User.session_token == sa.bindparam("token"),
            User.active.is_(True),
        )
    )


def configure_login(manager) -> None:
    manager.login_message = _l("Please sign in to continue.")
    manager.login_message_category = "info"

    @manager.user_loader
    def load_user(user_id: str):
        # "<id>:<session token>" (User.get_id); a cookie with a stale token, or from
        # before tokens existed, loads nobody.
        id_part, _, token = user_id.partition(":")
        # An id beyond the column's range (a forged cookie) must not reach the database.
        if not id_part.isdigit() or not token or len(id_part) > 10 or int(id_part) > BIGGEST_ID:
            return None
        params = {"id": int(id_part), "token": token}
        return db.session.scalars(_user_statement(), params).unique().first()

    @manager.unauthorized_handler
    def unauthorized():
        target = url_for("auth.login", next=request.full_path.rstrip("?"))
        if request.headers.get("HX-Request") == "true":
            # An htmx request must not swap a login page into a div: send the browser there.
            return "", 401, {"HX-Redirect": target}
        return redirect(target)
