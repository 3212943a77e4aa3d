"""Every interface string has a Spanish translation, and the compiled catalogue is current."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
TRANSLATIONS = ROOT / "portal" / "translations"


def test_every_string_in_the_code_is_translated_to_spanish(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "N_",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    extracted = {m.id for m in read_po(pot.open("rb")) if m.id}
    spanish = read_po((TRANSLATIONS / "es/LC_MESSAGES/messages.po").open("rb"))
    translated = {m.id for m in spanish if m.id and m.string and not m.fuzzy}
    assert sorted(extracted - translated) == []


def test_compiled_catalogue_matches_the_po_file():
    po = read_po((TRANSLATIONS / "es/LC_MESSAGES/messages.po").open("rb"))
    mo = read_mo(io.BytesIO((TRANSLATIONS / "es/LC_MESSAGES/messages.mo").read_bytes()))
    as_po = {_key(m.id): _key(m.string) for m in po if m.id and not m.fuzzy}
    as_mo = {_key(m.id): _key(m.string) for m in mo if m.id}
    assert as_po == as_mo


def _key(value):
    """Plural entries: the .mo reader gives lists where the .po reader gives tuples."""
    return tuple(value) if isinstance(value, list | tuple) else value


def test_plural_entries_have_both_spanish_forms():
    po = read_po((TRANSLATIONS / "es/LC_MESSAGES/messages.po").open("rb"))
    plurals = [m for m in po if m.pluralizable and m.id]
    assert plurals, "plural forms go through ngettext with msgid_plural entries"
    for message in plurals:
        assert len(message.string) == 2 and all(message.string), message.id


def test_spanish_interface_by_default(client):
    client.application.config["BABEL_DEFAULT_LOCALE"] = "es"
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="es">' in page and "Iniciar sesión" in page


def test_cached_translations_follow_each_request_language(login_as, client):
    from portal.extensions import db
    from tests import factories

    login_as("frontline")
    c = factories.customer(tier="gold")
    db.session.commit()
    for language, tier, heading in (("es", "Oro", "Pendientes"), ("en", "Gold", "Open items")):
        page = client.get(f"/customers/{c.id}", headers={"Accept-Language": language})
        html = page.get_data(as_text=True)
        assert f'<span class="badge tier-gold">{tier}</span>' in html  # label()
        assert f">{heading}</h2>" in html  # the templates' _()


def test_wtforms_own_messages_follow_the_request_language(login_as, client):
    from portal.extensions import db
    from tests import factories
    from tests.conftest import csrf_token

    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    for language, message in (
        ("es", "No es un valor entero válido."),
        ("en", "Not a valid integer value."),
    ):
        headers = {"Accept-Language": language}
        token = csrf_token(client, f"/customers/{c.id}")
        data = {"i-csrf_token": token, "i-channel": "phone", "i-type": "enquiry"}
        data.update({"i-department": "sales", "i-outcome": "resolved", "i-nps": "eleven"})
        page = client.post(f"/customers/{c.id}/interactions", data=data, headers=headers)
        assert message in page.get_data(as_text=True), language


def test_locale_shortcuts_agree_with_flask_babel_and_follow_a_refresh(app):
    from flask_babel import force_locale, get_locale, get_timezone

    from portal.i18n import current_locale, current_timezone

    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert str(current_locale()) == "es" and current_locale() == get_locale()
        assert current_timezone() == get_timezone()
        with force_locale("en"):
            assert str(current_locale()) == "en"
        assert str(current_locale()) == "es"
    assert current_locale() == get_locale()  # the test keeps its app context, so its `g`


@pytest.mark.parametrize("autoescape", [True, False])
def test_template_gettext_writes_what_jinjas_newstyle_gettext_writes(app, autoescape):
    from jinja2.ext import _gettext_alias, _make_new_gettext

    from portal.i18n import translate

    source = (
        '{{ _("Value") }}|{{ _("Customer since %(date)s", date=d) }}|{{ _("100%% sure") }}'
        '|{{ _("Looked after by %(name)s", name=n) }}|{{ _("Privacy mode") }}'
        '{% for x in [1] %}{% set y = 2 %}{{ _("Value") }}{% endfor %}'
        "{% trans %}Privacy mode{% endtrans %}"
    )
    values = {"d": "1 <b>dic</b> 2020", "n": 'Ana "A" & co'}
    with app.test_request_context(headers={"Accept-Language": "es"}):
        ours = app.jinja_env.overlay(autoescape=autoescape).from_string(source)
        reference_env = app.jinja_env.overlay(autoescape=autoescape)
        jinja_own = {"gettext": _make_new_gettext(translate), "_": _gettext_alias}
        reference_env.globals = {**reference_env.globals, **jinja_own}
        reference = reference_env.from_string(source)
        assert ours.render(values) == reference.render(values)
        assert "Valor|" in ours.render(values)
