"""Language choice, the marker for messages translated later, and cached translation.

A catalogue does not change while the process runs, so a message translated once per
language is kept: templates and labels translate a hundred strings per card, and
Flask-Babel's own lookup walks the request context each time.
"""

from __future__ import annotations

from flask import current_app, request, session
from flask_babel import get_locale, get_translations
from flask_login import current_user

_translated: dict[tuple[object, str], str] = {}


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


def current_language() -> str:
    """The language this request is shown in ('es' or 'en')."""
    return str(get_locale())


def translate(message: str) -> str:
    """gettext without variables, cached per (language, message)."""
    key = (get_locale(), message)
    try:
        return _translated[key]
    except KeyError:
        text = _translated[key] = get_translations().ugettext(message)
        return text


def install_cached_gettext(app) -> None:
    """Templates' `_()` through the cache (Jinja's newstyle wrapper still escapes and
    formats the variables); plural forms keep Flask-Babel's own lookup."""
    app.jinja_env.install_gettext_callables(
        gettext=translate,
        ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
        newstyle=True,
    )
