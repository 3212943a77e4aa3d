"""Language choice and the marker for messages translated later, where they are shown."""

from flask import current_app, request, session
from flask_login import current_user


def N_(message: str) -> str:
    """Mark a message for extraction; the view translates it with gettext when shown."""
    return message


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    user_language = getattr(current_user, "language", None)
    if user_language in languages:
        return user_language
    if session.get("language") in languages:
        return session["language"]
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )
