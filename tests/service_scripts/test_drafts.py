"""A script as its two files' texts, and the example customer of the author's preview."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from portal.content_errors import ContentError
from portal.service_scripts.content import load_scripts
from portal.service_scripts.drafts import (
    example_facts,
    parse_script_texts,
    script_preview,
    script_texts,
    skeleton_docs,
)
from portal.service_scripts.rules import matches
from portal.service_scripts.vocabulary import CONDITIONS, Condition, Range

SHIPPED = load_scripts(Path(__file__).resolve().parents[2] / "content" / "scripts")
TODAY = date(2026, 3, 14)


def by_id() -> dict[str, list]:
    out: dict[str, list] = {}
    for doc in SHIPPED:
        out.setdefault(doc.id, []).append(doc)
    return out


@pytest.mark.parametrize("slug", sorted(by_id()))
def test_every_shipped_script_round_trips_through_its_texts(slug):
    docs = by_id()[slug]
    texts = script_texts(docs)
    assert sorted(texts) == [f"{slug}.en.md", f"{slug}.es.md"]
    again = parse_script_texts(slug, texts)
    assert {d.language: dataclasses.replace(d, path="") for d in again} == {
        d.language: dataclasses.replace(d, path="") for d in docs
    }


@pytest.mark.parametrize("doc", SHIPPED, ids=lambda d: f"{d.id}.{d.language}")
def test_the_example_customer_meets_every_shipped_scripts_conditions(doc):
    assert matches(doc, example_facts(doc, TODAY))


@pytest.mark.parametrize("key", sorted(CONDITIONS))
def test_the_example_customer_meets_each_condition_alone(key):
    kind = CONDITIONS[key]
    values: list = [True, False] if kind == "bool" else []
    if kind == "range":
        values = [Range(5, 5), Range(None, 0), Range(40, None), Range(3, 90)]
    elif isinstance(kind, tuple):
        values = [(value,) for value in kind]
    for value in values:
        doc = dataclasses.replace(SHIPPED[0], when=(Condition(key, value),))
        assert matches(doc, example_facts(doc, TODAY)), (key, value)


def test_contradictory_conditions_give_an_example_that_does_not_fit():
    doc = dataclasses.replace(
        SHIPPED[0],
        when=(Condition("open_complaint", False), Condition("complaint_department", ("sales",))),
    )
    assert not matches(doc, example_facts(doc, TODAY))
    [preview, *_rest] = script_preview([doc], [], {doc.lesson}, TODAY, "en")
    assert not preview.fits_example and preview.shown_instead is None


def test_the_skeleton_passes_every_check_and_a_missing_language_is_named():
    texts = script_texts(skeleton_docs("fresh"))
    assert [d.language for d in parse_script_texts("fresh", texts)] == ["es", "en"]
    with pytest.raises(ContentError) as raised:
        parse_script_texts("fresh", {"fresh.es.md": texts["fresh.es.md"]})
    assert str(raised.value.problems[0]).startswith("fresh.en.md:1:")


def test_the_languages_must_agree_on_what_decides_the_choice():
    texts = script_texts(skeleton_docs("fresh"))
    texts["fresh.en.md"] = texts["fresh.en.md"].replace("priority: 0", "priority: 5")
    with pytest.raises(ContentError) as raised:
        parse_script_texts("fresh", texts)
    assert "'priority' differs from the 'es' version" in str(raised.value.problems[0])


def test_the_conditions_form_reads_every_kind_of_condition():
    from werkzeug.datastructures import MultiDict

    from portal.service_scripts.drafts import conditions_from_form

    form = MultiDict(
        [
            ("when-tier", "platinum"),
            ("when-tier", "gold"),
            ("when-open_complaint", "false"),
            ("when-is_advocate", ""),
            ("when-points_expiring-min", " 100 "),
            ("when-purchases-max", ""),
        ]
    )
    when, errors = conditions_from_form(form)
    assert errors == []
    assert when == (
        Condition("tier", ("gold", "platinum")),
        Condition("open_complaint", False),
        Condition("points_expiring", Range(100, None)),
    )
    assert conditions_from_form(MultiDict()) == ((), [])
    _when, errors = conditions_from_form(MultiDict([("when-segment", "vip")]))
    assert errors == ["RFM segment: choose values from the list."]
    contradiction = MultiDict(
        [("when-days_since_last_purchase-min", "5"), ("when-days_since_last_purchase-max", "1")]
    )
    assert conditions_from_form(contradiction, "es")[1] == [
        "Días desde la última compra: «desde» (5) es mayor que «hasta» (1); ningún cliente "
        "cumpliría la condición."
    ]
