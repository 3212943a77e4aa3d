"""A script in the customer's language, not the interface's, says so on its panel."""

from portal.extensions import db
from tests import factories
from tests.customers.test_card_script import panel, scripts  # noqa: F401  (fixture)


def test_a_script_in_another_language_than_the_interface_says_whose_it_is(
    scripts,  # noqa: F811
    login_as,
    client,
):
    login_as("frontline")
    english, spanish = factories.customer(language="en"), factories.customer(language="es")
    db.session.commit()
    es = {"Accept-Language": "es"}
    page = panel(client.get(f"/customers/{english.id}", headers=es).get_data(as_text=True))
    assert '<span class="muted" lang="es">en inglés, el idioma del cliente</span>' in page
    page = panel(client.get(f"/customers/{spanish.id}", headers=es).get_data(as_text=True))
    assert "el idioma del cliente" not in page  # the same language: nothing to say
    en = {"Accept-Language": "en"}
    page = panel(client.get(f"/customers/{spanish.id}", headers=en).get_data(as_text=True))
    assert "in Spanish, the customer's language" in page.replace("&#39;", "'")
