"""Language choice, the marker for messages translated later, and cached translation.

A catalogue does not change while the process runs, so a message translated once per
language is kept: templates and labels translate a hundred strings per card, and
Flask-Babel's own lookup walks the request context each time.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from flask import current_app, request, session
from flask.globals import _cv_app
from flask_babel import get_locale, get_timezone, get_translations
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup

_translated: dict[tuple[object, str], str] = {}


def _babel_cached(name: str):
    """What Flask-Babel (4.x) remembered for this request on `g._flask_babel`, read
    without its three trips through the `g` proxy (about 1.7 µs a call, and a card asks
    a few hundred times); None when it has not been worked out yet, or after refresh()."""
    app_ctx = _cv_app.get(None)
    if app_ctx is None:
        return None
    return getattr(getattr(app_ctx.g, "_flask_babel", None), name, None)


def current_locale() -> Locale | None:
    """flask_babel.get_locale(), cheaper once it is known for the request."""
    return _babel_cached("babel_locale") or get_locale()


def current_timezone():
    """flask_babel.get_timezone(), cheaper once it is known for the request."""
    return _babel_cached("babel_tzinfo") or get_timezone()


def N_(message: str) -> str:
    """Mark a message for extraction; the view translates it with gettext when shown."""
    return message


def select_locale() -> Locale:
    """The request's language, as one shared Locale per language: Flask-Babel keeps a
    Locale it is given, and the caches keyed by it then match by identity instead of
    comparing locales field by field (a hundred times a card)."""
    return _shared_locale(_language_code())


@lru_cache(maxsize=16)
def _shared_locale(code: str) -> Locale:
    return Locale.parse(code)


def _language_code() -> str:
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
    key = (current_locale(), message)
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
    # `_` too: Jinja's own `_` takes the template context, and a function that does is
    # handed a copy of the whole context on every call inside a block or a loop.
    app.jinja_env.globals["gettext"] = app.jinja_env.globals["_"] = _template_gettext


@pass_eval_context
def _template_gettext(eval_ctx, message: str, /, **variables) -> str:
    """Jinja's newstyle `_()`: translated, escaped, variables filled in; without its
    formatting pass when there is nothing to fill (`text % {}` only turns "%%" into "%",
    so texts with a "%" still get it). A card calls this about fifty times."""
    text = translate(message)
    if eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704  (the catalogue's text, as Jinja's own gettext)
    return text % variables if variables or "%" in text else text
