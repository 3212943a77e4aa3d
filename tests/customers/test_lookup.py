"""Customer lookup through the app: names, phones, e-mails, numbers; page and fragment."""

from datetime import datetime

import pytest
import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.customers.models import CustomerNameTerm
from portal.customers.normalise import name_terms, phone_display
from portal.extensions import db
from tests import factories


def customer(first, last, **fields):
    c = factories.customer(first, last, **fields)
    for term in name_terms(first, last):
        db.session.add(CustomerNameTerm(term=term, customer_id=c.id))
    return c


def _names(response):
    return response.get_data(as_text=True)


def test_name_search_ignores_accents_and_case_and_matches_any_word(login_as, client):
    login_as("frontline")
    customer("José", "García Núñez")
    customer("Josefa", "López")
    customer("Ana", "Pérez")
    db.session.commit()
    page = _names(client.get("/customers/search?q=jose"))
    assert "José García Núñez" in page and "Josefa López" in page and "Ana Pérez" not in page
    assert "José García Núñez" in _names(client.get("/customers/search?q=NUNEZ"))
    page = _names(client.get("/customers/search?q=jos gar"))
    assert "José García Núñez" in page and "Josefa" not in page


def test_exact_word_first_then_most_recently_active(login_as, client):
    login_as("frontline")
    customer("Josefa", "Ruiz", last_activity_at=datetime(2026, 11, 1))
    customer("José", "Vidal", last_activity_at=datetime(2026, 1, 1))
    customer("José", "Mora", last_activity_at=datetime(2026, 6, 1))
    db.session.commit()
    page = _names(client.get("/customers/search?q=jose"))
    order = [page.index(n) for n in ("José Mora", "José Vidal", "Josefa Ruiz")]
    assert order == sorted(order)


def test_phone_in_any_format_finds_the_customer(login_as, client):
    login_as("frontline")
    customer("Marta", "Gil", phone="+34 612 34 56 78")
    db.session.commit()
    for typed in ("612345678", "0034612345678", "612 34", "+34 612 34 56 78"):
        assert "Marta Gil" in _names(client.get("/customers/search", query_string={"q": typed}))


def test_email_and_numbers(login_as, client):
    login_as("frontline")
    customer(
        "Marta", "Gil", email="Marta.Gil@Example.com", number="C0012345", loyalty_id="L00098765"
    )
    db.session.commit()
    for typed in ("marta.gil@", "MARTA.GIL@EXAMPLE.COM", "C0012345", "12345", "L00098765"):
        assert "Marta Gil" in _names(client.get("/customers/search", query_string={"q": typed}))


def test_short_query_gives_a_hint_and_no_results(login_as, client):
    login_as("frontline")
    customer("Ana", "Pérez")
    db.session.commit()
    page = _names(client.get("/customers/search?q=a"))
    assert "Type at least two characters." in page and "Ana Pérez" not in page


def test_sql_and_html_in_the_query_are_harmless_and_escaped(login_as, client):
    login_as("frontline")
    customer("Ana", "Pérez")
    db.session.commit()
    page = _names(client.get("/customers/search", query_string={"q": "<b>x</b>' OR 1=1 --"}))
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page and "Ana Pérez" not in page


def test_htmx_request_gets_only_the_result_list(login_as, client, htmx_headers):
    login_as("frontline")
    customer("Ana", "Pérez")
    db.session.commit()
    response = client.get("/customers/search?q=ana", headers=htmx_headers)
    text = response.get_data(as_text=True)
    assert text.lstrip().startswith('<div id="lookup-list"') and "<html" not in text
    assert "Ana Pérez" in text


def test_screen_pop_opens_the_card_when_one_customer_matches(login_as, client):
    login_as("frontline")
    c = customer("Marta", "Gil", phone="612 34 56 78")
    db.session.commit()
    response = client.get("/customers/lookup?phone=%2B34612345678")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/customers/{c.id}?via=pop"
    client.get(response.headers["Location"])
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "customer.card_opened")
    )
    assert event.target_id == c.id and event.detail == {"via": "pop"}


def test_screen_pop_offers_a_chooser_when_a_number_is_shared(login_as, client):
    login_as("frontline")
    customer("Marta", "Gil", phone="612345678")
    customer("Pablo", "Gil", phone="+34 612 345 678")
    db.session.commit()
    page = _names(client.get("/customers/lookup?phone=0034612345678"))
    assert "Several customers share this number" in page
    assert "Marta Gil" in page and "Pablo Gil" in page
    assert "Incoming call from +34 612 34 56 78" in page  # not the raw 0034612345678


def test_screen_pop_with_an_unknown_number(login_as, client):
    login_as("frontline")
    db.session.commit()
    page = _names(client.get("/customers/lookup?phone=34699000000"))
    assert "No customer with this number." in page
    main = page[page.index('<main id="main"') :]
    # the page ends with a search box to go on with, not only a prompt
    assert 'action="/customers/search"' in main and 'name="q"' in main
    assert "Incoming call from +34 699 00 00 00" in page


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("34600703215", "+34 600 70 32 15"),
        ("600703215", "+34 600 70 32 15"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("", ""),
        ("ext.", "ext."),
    ],
)
def test_a_phone_number_is_shown_grouped_as_people_read_it(raw, shown):
    assert phone_display(raw) == shown


def test_team_scope_limits_every_kind_of_lookup(app, login_as, client):
    app.config["CUSTOMER_SCOPE"] = "team"
    mine, managed, other = factories.team("Mine"), factories.team("Managed"), factories.team("X")
    user = login_as("manager", team_id=mine.id)
    managed.manager_id = user.id
    customer("Ana", "Dentro", team_id=mine.id, phone="611 00 00 01", email="ana.d@example.test")
    customer("Anabel", "Gestionada", team_id=managed.id, phone="611 00 00 02")
    customer(
        "Anastasia", "Fuera", team_id=other.id, phone="611 00 00 03", email="ana.f@example.test"
    )
    db.session.commit()
    for query, expected in (("ana", 2), ("611 00", 2), ("ana.d@", 1), ("ana.f@", 0)):
        page = _names(client.get(f"/customers/search?q={query}"))
        assert "Fuera" not in page, query
        assert page.count("via=search") == expected, query
