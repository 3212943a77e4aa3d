"""Choosing a script: matching, specificity, upsell guard, language fallback, reasons."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.service_scripts.reasons import REASONS, reasons
from portal.service_scripts.rules import CardFacts, choose, matches, ranked, specificity
from portal.service_scripts.vocabulary import CONDITIONS
from tests.service_scripts._build import TODAY, script

DEFAULT = script("default", priority=0)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.mark.parametrize(
    ("when", "facts", "expected"),
    [
        ({"tier": ["gold", "platinum"]}, CardFacts(tier="gold"), True),
        ({"tier": ["gold", "platinum"]}, CardFacts(tier="silver"), False),
        ({"tier": "gold"}, CardFacts(), False),  # an unknown fact never matches a value
        ({"segment": "at_risk"}, CardFacts(segment="at_risk"), True),
        ({"open_complaint": True}, CardFacts(open_complaint=True), True),
        ({"open_complaint": False}, CardFacts(), True),
        ({"open_complaint": True}, CardFacts(), False),
        ({"complaint_department": ["billing"]}, CardFacts(complaint_department="billing"), True),
        ({"complaint_department": ["billing"]}, CardFacts(complaint_department="sales"), False),
        ({"recent_low_satisfaction": True}, CardFacts(recent_low_satisfaction=True), True),
        (
            {"low_satisfaction_department": "delivery"},
            CardFacts(low_satisfaction_department="delivery"),
            True,
        ),
        (
            {"days_since_last_purchase": {"min": 60}},
            CardFacts(today=TODAY, last_purchase_date=days_ago(60)),
            True,
        ),
        (
            {"days_since_last_purchase": {"min": 60}},
            CardFacts(today=TODAY, last_purchase_date=days_ago(59)),
            False,
        ),
        (
            {"days_since_last_purchase": {"min": 60}},
            CardFacts(last_purchase_date=days_ago(90)),
            False,
        ),  # without today there is no span
        ({"days_since_last_purchase": {"max": 30}}, CardFacts(today=TODAY), False),
        ({"spend_trend": "falling"}, CardFacts(spend_trend="falling"), True),
        ({"points_expiring": {"min": 100}}, CardFacts(points_expiring=100), True),
        ({"points_expiring": {"min": 100}}, CardFacts(points_expiring=99), False),
        ({"occasion": ["birthday", "customer_anniversary"]}, CardFacts(occasion="birthday"), True),
        ({"purchases": {"min": 1, "max": 1}}, CardFacts(purchases=1), True),
        ({"purchases": {"min": 1, "max": 1}}, CardFacts(purchases=2), False),
        ({"purchases": {"max": 1}}, CardFacts(purchases=0), True),
        ({"churn_risk": "high"}, CardFacts(churn_risk="high"), True),
        ({"open_promise_due": True}, CardFacts(today=TODAY, promise_due=TODAY), True),
        ({"open_promise_due": True}, CardFacts(today=TODAY, promise_due=days_ago(4)), True),
        (
            {"open_promise_due": True},
            CardFacts(today=TODAY, promise_due=TODAY + timedelta(days=2)),
            True,
        ),
        (
            {"open_promise_due": True},
            CardFacts(today=TODAY, promise_due=TODAY + timedelta(days=3)),
            False,
        ),
        ({"is_advocate": True}, CardFacts(is_advocate=True), True),
        ({"preferred_channel": ["phone", "chat"]}, CardFacts(preferred_channel="chat"), True),
        ({"language": "en"}, CardFacts(language="en"), True),
        ({"language": "en"}, CardFacts(language="es"), False),
    ],
)
def test_matches_each_condition(when, facts, expected):
    assert matches(script(when=when), facts) is expected


def test_matches_needs_every_condition():
    gold_complaint = script(when={"tier": "gold", "open_complaint": True})
    assert matches(gold_complaint, CardFacts(tier="gold", open_complaint=True))
    assert not matches(gold_complaint, CardFacts(tier="gold"))
    assert not matches(gold_complaint, CardFacts(open_complaint=True))


def test_every_condition_key_has_a_reason():
    assert set(REASONS) == set(CONDITIONS)


def test_specificity_counts_conditions_then_priority():
    assert specificity(script(when={"tier": "gold", "open_complaint": True}, priority=5)) == (2, 5)
    assert specificity(DEFAULT) == (0, 0)


def test_most_specific_script_wins_over_a_higher_priority():
    broad = script("broad", {"open_complaint": True}, priority=90)
    narrow = script("narrow", {"open_complaint": True, "tier": "gold"}, priority=10)
    choice = choose([broad, narrow, DEFAULT], CardFacts(tier="gold", open_complaint=True))
    assert choice.best is narrow
    assert choice.others == [broad, DEFAULT]


def test_priority_breaks_ties_and_then_the_id():
    low = script("a-low", {"tier": "gold"}, priority=10)
    high = script("z-high", {"churn_risk": "high"}, priority=50)
    twin = script("b-twin", {"tier": "gold"}, priority=10)
    facts = CardFacts(tier="gold", churn_risk="high")
    assert choose([low, twin, high, DEFAULT], facts).best is high
    assert ranked([twin, low]) == [low, twin]


def test_the_default_script_always_matches():
    facts_cases = [
        CardFacts(),
        CardFacts(language="en", do_not_upsell=True, open_complaint=True),
        CardFacts(tier="platinum", churn_risk="high", recent_low_satisfaction=True),
    ]
    for facts in facts_cases:
        assert matches(DEFAULT, facts)
        assert choose([DEFAULT], facts).best is DEFAULT


def test_no_script_means_no_choice():
    choice = choose([script(when={"tier": "gold"})], CardFacts())
    assert (choice.best, choice.others, choice.reasons) == (None, [], [])


def test_do_not_upsell_drops_scripts_that_offer_a_product():
    offer = script("offer", {"spend_trend": "falling"}, priority=50, upsell=True)
    facts = CardFacts(spend_trend="falling")
    assert choose([offer, DEFAULT], facts).best is offer
    choice = choose([offer, DEFAULT], CardFacts(spend_trend="falling", do_not_upsell=True))
    assert choice.best is DEFAULT and offer not in choice.others


@pytest.mark.parametrize(
    "facts", [CardFacts(open_complaint=True), CardFacts(recent_low_satisfaction=True)]
)
def test_no_product_is_offered_to_a_customer_still_unhappy(facts):
    offer = script("offer", priority=50, upsell=True)
    assert choose([offer, DEFAULT], facts).best is DEFAULT


def test_drafts_stay_off_the_card_unless_previewing():
    draft = script("draft", {"tier": "gold"}, status="draft")
    archived = script("old", {"tier": "gold"}, status="archived")
    facts = CardFacts(tier="gold")
    assert choose([draft, archived, DEFAULT], facts).best is DEFAULT
    assert choose([draft, archived, DEFAULT], facts, include_drafts=True).best is draft


def test_choose_prefers_the_customers_language():
    es, en = script("greet", language="es"), script("greet", language="en")
    assert choose([es, en], CardFacts(language="en")).best is en
    assert choose([es, en], CardFacts(language="es")).best is es
    assert choose([en, es], CardFacts(language="en-GB")).best is en


def test_requested_language_overrides_the_customers():
    es, en = script("greet", language="es"), script("greet", language="en")
    assert choose([es, en], CardFacts(language="es"), "en").best is en


def test_choose_falls_back_to_the_other_language_when_a_script_lacks_one():
    only_es = script("only-es", {"tier": "gold"}, language="es", priority=10)
    both = [script("greet", language="es"), script("greet", language="en")]
    choice = choose([only_es, *both], CardFacts(tier="gold", language="en"))
    assert choice.best is only_es
    assert [(s.id, s.language) for s in choice.others] == [("greet", "en")]


def test_unknown_language_falls_back_to_spanish():
    es, en = script("greet", language="es"), script("greet", language="en")
    assert choose([es, en], CardFacts(language="fr")).best is es


RICH = CardFacts(
    today=TODAY,
    tier="gold",
    open_complaint=True,
    complaint_department="billing",
    complaint_date=days_ago(3),
    points_expiring=1200,
    expiry_date=TODAY + timedelta(days=10),
)
GOLD_COMPLAINT_POINTS = {
    "tier": ["gold", "platinum"],
    "open_complaint": True,
    "complaint_department": "billing",
    "points_expiring": {"min": 100},
}


def test_reasons_explain_the_choice_in_english():
    choice = choose([script(when=GOLD_COMPLAINT_POINTS), DEFAULT], RICH, "en")
    assert choice.reasons == [
        "Gold",
        "complaint with Billing 3 days ago",
        "1,200 points expire in 10 days",
    ]


def test_reasons_explain_the_choice_in_spanish():
    choice = choose([script(when=GOLD_COMPLAINT_POINTS), DEFAULT], RICH, "es")
    assert choice.reasons == [
        "Oro",
        "queja con Facturación hace 3 días",
        "1.200 puntos caducan en 10 días",
    ]


def test_reasons_for_the_default_script_say_nothing_more_specific_fits():
    assert reasons(DEFAULT, CardFacts(), "en") == ["no more specific script fits"]
    assert reasons(DEFAULT, CardFacts(), "es") == ["ningún guion más específico encaja"]


@pytest.mark.parametrize(
    ("when", "facts", "en", "es"),
    [
        (
            {"open_complaint": True},
            CardFacts(open_complaint=True),
            "open complaint",
            "queja abierta",
        ),
        ({"open_complaint": False}, CardFacts(), "no open complaint", "sin quejas abiertas"),
        (
            {"recent_low_satisfaction": True},
            CardFacts(
                recent_low_satisfaction=True,
                low_satisfaction_department="delivery",
                low_satisfaction_date=days_ago(1),
                today=TODAY,
            ),
            "low score with Delivery yesterday",
            "valoración baja con Entregas ayer",
        ),
        (
            {"days_since_last_purchase": {"min": 60}},
            CardFacts(today=TODAY, last_purchase_date=days_ago(75)),
            "last purchase 75 days ago",
            "última compra hace 75 días",
        ),
        (
            {"spend_trend": "falling"},
            CardFacts(spend_trend="falling"),
            "spend falling",
            "gasto en descenso",
        ),
        (
            {"occasion": "birthday"},
            CardFacts(occasion="birthday"),
            "birthday this week",
            "cumpleaños esta semana",
        ),
        (
            {"occasion": "customer_anniversary"},
            CardFacts(
                occasion="customer_anniversary", customer_since=date(2020, 3, 5), today=TODAY
            ),
            "5 years as a customer",
            "5 años como cliente",
        ),
        (
            {"purchases": {"max": 1}},
            CardFacts(purchases=1),
            "1 purchase so far",
            "1 compra hasta ahora",
        ),
        (
            {"churn_risk": "high"},
            CardFacts(churn_risk="high"),
            "high churn risk",
            "riesgo de abandono alto",
        ),
        (
            {"open_promise_due": True},
            CardFacts(today=TODAY, promise_due=TODAY),
            "promise due today",
            "promesa que vence hoy",
        ),
        (
            {"open_promise_due": True},
            CardFacts(today=TODAY, promise_due=days_ago(2)),
            "promise overdue by 2 days",
            "promesa vencida hace 2 días",
        ),
        ({"is_advocate": True}, CardFacts(is_advocate=True), "recommends us", "nos recomienda"),
        (
            {"segment": "at_risk"},
            CardFacts(segment="at_risk"),
            "At risk segment",
            "segmento En riesgo",
        ),
        (
            {"preferred_channel": "phone"},
            CardFacts(preferred_channel="phone"),
            "prefers phone",
            "prefiere teléfono",
        ),
        (
            {"points_expiring": {"min": 1}},
            CardFacts(points_expiring=1),
            "1 point expires soon",
            "1 punto caduca pronto",
        ),
    ],
)
def test_reason_phrases(when, facts, en, es):
    chosen = script(when=when)
    assert matches(chosen, facts)
    assert reasons(chosen, facts, "en") == [en]
    assert reasons(chosen, facts, "es") == [es]
