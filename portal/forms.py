"""The portal's base form: Flask-WTF's, with WTForms' own messages loaded once per
language instead of from disk on every request that builds a form."""

from __future__ import annotations

from functools import lru_cache

from babel import support
from flask import current_app
from flask_wtf import FlaskForm
from wtforms.i18n import messages_path

from portal.i18n import current_locale


@lru_cache(maxsize=8)
def _wtforms_catalogue(locale: str) -> support.Translations:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _CachedTranslations:
    def gettext(self, string: str) -> str:
        return _wtforms_catalogue(str(current_locale())).ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _wtforms_catalogue(str(current_locale())).ungettext(singular, plural, n)


TRANSLATIONS = _CachedTranslations()


class PortalForm(FlaskForm):
    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return TRANSLATIONS


def focus_first_error(form) -> None:
    """Give the first field with an error the focus when the form is rendered again
    (`autofocus`, which browsers honour on load and htmx after a swap)."""
    for field in form:
        if field.errors:
            field.focus = True
            return
