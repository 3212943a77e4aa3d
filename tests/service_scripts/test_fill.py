"""Filling placeholders: the customer's facts in their language, or a fallback that reads."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.service_scripts import wording
from portal.service_scripts.rules import VALUES, CardFacts, fill, placeholder_value
from portal.service_scripts.vocabulary import LANGUAGES, PLACEHOLDERS
from tests.service_scripts._build import TODAY, script

FULL = CardFacts(
    today=TODAY,
    first_name="Lucía",
    owner_name="Marta Gil",
    tier="platinum",
    customer_since=date(2019, 6, 1),
    last_purchase_date=date(2025, 1, 20),
    points_expiring=1200,
    expiry_date=date(2025, 3, 12),
    complaint_department="billing",
    low_satisfaction_department="delivery",
    promise_description="devolver el importe del pedido 4411",
    promise_due=date(2025, 3, 4),
)


def test_every_placeholder_has_a_value_and_a_fallback_in_each_language():
    assert set(VALUES) == set(PLACEHOLDERS)
    for language in LANGUAGES:
        assert set(wording.FALLBACKS[language]) == set(PLACEHOLDERS)


@pytest.mark.parametrize(
    ("name", "es", "en"),
    [
        ("first_name", "Lucía", "Lucía"),
        ("tier", "Platino", "Platinum"),
        ("points_expiring", "1.200 puntos", "1,200 points"),
        ("expiry_date", "12 de marzo", "12 March"),
        ("complaint_department", "nuestro equipo de Facturación", "our Billing team"),
        ("low_satisfaction_department", "nuestro equipo de Entregas", "our Delivery team"),
        ("days_since_last_purchase", "41 días", "41 days"),
        ("owner_name", "Marta Gil", "Marta Gil"),
        ("last_purchase_date", "20 de enero", "20 January"),
        ("years_as_customer", "5 años", "5 years"),
        (
            "promise_description",
            "devolver el importe del pedido 4411",
            "devolver el importe del pedido 4411",
        ),
        ("promise_due", "4 de marzo", "4 March"),
    ],
)
def test_placeholder_values_follow_the_language(name, es, en):
    assert placeholder_value(name, FULL, "es") == es
    assert placeholder_value(name, FULL, "en") == en


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PLACEHOLDERS)
@pytest.mark.parametrize(
    "facts", [CardFacts(), CardFacts(first_name="  ", owner_name="", promise_description=" ")]
)
def test_missing_facts_fall_back_to_a_phrase(facts, name, language):
    value = placeholder_value(name, facts, language)
    assert value.strip() and "{" not in value and "None" not in value
    assert value == wording.FALLBACKS[language][name]


def test_fill_replaces_every_placeholder():
    body = "Hola, {first_name}. Sus {points_expiring} caducan el {expiry_date}."
    assert fill(script(body=body), FULL) == "Hola, Lucía. Sus 1.200 puntos caducan el 12 de marzo."
    english = script(language="en", body="{points_expiring} expire on {expiry_date}.")
    assert fill(english, FULL) == "1,200 points expire on 12 March."


def test_fill_uses_the_fallback_and_capitalises_it_at_a_sentence_start():
    body = "Hola, {first_name}. {owner_name} le llamará el {promise_due}."
    assert fill(script(body=body), CardFacts()) == (
        "Hola, buenas. La persona que lleva su cuenta le llamará el día acordado."
    )
    english = script(language="en", body="1. {owner_name} will call.\n2. Hello, {first_name}.")
    assert fill(english, CardFacts()) == (
        "1. The person who looks after your account will call.\n2. Hello, there."
    )


def test_fill_formats_in_the_scripts_language_unless_told_otherwise():
    body = "{points_expiring}"
    assert fill(script(language="en", body=body), FULL) == "1,200 points"
    assert fill(script(language="en", body=body), FULL, "es") == "1.200 puntos"


def test_fill_escapes_markdown_and_braces_typed_into_facts():
    facts = CardFacts(first_name="*Ana*", promise_description="[pulse](http://x) {first_name}")
    filled = fill(script(body="Hola, {first_name}: {promise_description}"), facts)
    assert filled == r"Hola, \*Ana\*: \[pulse\](http://x) (first\_name)"


def test_numbers_and_dates_per_language():
    assert wording.number(1200, "es") == "1.200"
    assert wording.number(1234567, "en") == "1,234,567"
    assert wording.number(999, "es") == "999"
    assert wording.count(1, "point", "es") == "1 punto"
    assert wording.count(2, "day", "en") == "2 days"
    assert wording.day_month(date(2025, 3, 12), "es") == "12 de marzo"
    assert wording.day_month(date(2025, 3, 12), "en") == "12 March"
    assert wording.day_month(date(2024, 12, 1), "es", TODAY) == "1 de diciembre de 2024"
    assert wording.day_month(date(2024, 12, 1), "en", TODAY) == "1 December 2024"


def test_years_as_customer_counts_the_anniversary_being_celebrated():
    since = TODAY + timedelta(days=3) - timedelta(days=365 * 4 + 1)  # 4 years in 3 days
    facts = CardFacts(today=TODAY, customer_since=since)
    assert facts.years_as_customer == 3
    celebrating = CardFacts(today=TODAY, customer_since=since, occasion="customer_anniversary")
    assert celebrating.years_as_customer == 4
    assert placeholder_value(
        "years_as_customer", CardFacts(today=TODAY, customer_since=TODAY), "es"
    ) == ("menos de un año")


@pytest.mark.parametrize("typed", ["refund the lamp.", "refund the lamp. ", "refund the lamp"])
def test_a_promise_typed_as_a_sentence_reads_once_inside_the_script(typed):
    body = "About {promise_description}. We committed to it."
    facts = CardFacts(today=TODAY, promise_description=typed)
    assert fill(script(language="en", body=body), facts) == (
        "About refund the lamp. We committed to it."
    )
