"""The real content/scripts folder: it loads, covers every situation, and reads well."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from portal.service_scripts.content import ScriptDoc, load_scripts
from portal.service_scripts.rules import CardFacts, choose, fill
from tests.service_scripts._build import TODAY

FOLDER = Path(__file__).resolve().parents[2] / "content" / "scripts"
SITUATIONS = {
    "recovery-after-bad-experience",
    "at-risk-retention",
    "shrinking-account",
    "champion-referral",
    "welcome-first-purchase",
    "surprise-occasion",
    "points-expiring",
    "key-customer-privileges",
    "proactive-follow-up",
    "guide-decision",
    "complaint-intake",
    "promise-follow-up",
    "default-general",
}


@pytest.fixture(scope="module")
def scripts() -> list[ScriptDoc]:
    return load_scripts(FOLDER)


def test_the_content_folder_loads_without_errors(scripts):
    assert len(scripts) >= 26
    assert {s.id for s in scripts} >= SITUATIONS
    assert {s.language for s in scripts} == {"es", "en"}


def test_the_default_script_fits_everyone_and_comes_last(scripts):
    defaults = [s for s in scripts if not s.when]
    assert {s.id for s in defaults} == {"default-general"}
    assert all(s.priority < other.priority for s in defaults for other in scripts if other.when)
    assert not any(s.upsell for s in defaults)


@pytest.mark.parametrize("language", ["es", "en"])
def test_an_empty_card_still_gets_a_script(scripts, language):
    facts = CardFacts(language=language, do_not_upsell=True)
    choice = choose(scripts, facts)
    assert choice.best is not None and choice.best.id == "default-general"
    assert choice.best.language == language


def test_every_script_is_short_speech_in_two_to_four_steps(scripts):
    for doc in scripts:
        words = len(re.findall(r"\w+", doc.body))
        steps = re.findall(r"^\d+\. ", doc.body, re.MULTILINE)
        assert 60 <= words <= 150, (doc.path, words)
        assert 2 <= len(steps) <= 4, (doc.path, len(steps))


def test_every_script_links_the_lesson_of_its_commandment(scripts):
    for doc in scripts:
        assert doc.lesson.startswith(f"commandment-{doc.commandment:02d}-"), doc.path


@pytest.mark.parametrize("facts", [CardFacts(), CardFacts(today=TODAY)])
def test_filled_scripts_never_show_a_placeholder_or_a_gap(scripts, facts):
    for doc in scripts:
        filled = fill(doc, facts)
        assert "{" not in filled and "}" not in filled and "None" not in filled, doc.path
        assert not re.search(r"\s[,.;:]|  ", filled), (doc.path, filled)


SCENARIOS = [
    (
        CardFacts(tier="gold", open_complaint=True, complaint_department="billing"),
        "key-customer-complaint",
    ),
    (CardFacts(open_complaint=True, recent_low_satisfaction=True), "recovery-after-bad-experience"),
    (CardFacts(open_complaint=True), "complaint-intake"),
    (CardFacts(today=TODAY, promise_due=TODAY), "promise-follow-up"),
    (CardFacts(occasion="birthday", tier="gold"), "surprise-occasion"),
    (CardFacts(points_expiring=800, tier="platinum"), "points-expiring"),
    (CardFacts(churn_risk="high"), "at-risk-retention"),
    (CardFacts(spend_trend="falling", purchases=12), "shrinking-account"),
    (CardFacts(spend_trend="falling", purchases=12, do_not_upsell=True), "default-general"),
    (CardFacts(purchases=1), "welcome-first-purchase"),
    (CardFacts(is_advocate=True, purchases=30), "champion-referral"),
    (CardFacts(tier="platinum"), "key-customer-privileges"),
    (
        CardFacts(today=TODAY, last_purchase_date=TODAY - timedelta(days=10), purchases=9),
        "proactive-follow-up",
    ),
    (CardFacts(purchases=3), "guide-decision"),
    (CardFacts(purchases=3, do_not_upsell=True), "default-general"),
]


@pytest.mark.parametrize(("facts", "expected"), SCENARIOS)
def test_frontline_situations_get_their_script(scripts, facts, expected):
    assert choose(scripts, facts).best.id == expected
