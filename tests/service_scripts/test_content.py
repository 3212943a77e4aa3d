"""Parsing script files: the happy path and every validation error, with file and line."""

from __future__ import annotations

import pytest

from portal.service_scripts import content
from portal.service_scripts.content import ContentError, load_scripts, parse_script
from portal.service_scripts.vocabulary import Condition, Range

PATH = "content/scripts/sample.es.md"
BOOL = "condition 'open_complaint' must be"
DAYS = "condition 'days_since_last_purchase'"
SAMPLE = """\
---
id: sample
language: es
title: Muestra
priority: 10
commandment: 7
lesson: commandment-07-know-me
upsell: false
version: 1
status: published
when:
  tier: [gold, platinum]
  days_since_last_purchase: {min: 30}
---
1. **Diga:** «Hola, {first_name}. Lleva {years_as_customer} con nosotros».
2. **Compruebe** la ficha antes de ofrecer nada.
"""


def edited(old: str, new: str, text: str = SAMPLE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def problems_of(text: str, path: str = PATH) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_script(text, path)
    return [str(problem) for problem in caught.value.problems]


def test_parse_script_reads_every_field():
    doc = parse_script(SAMPLE, PATH)
    assert (doc.id, doc.language, doc.title) == ("sample", "es", "Muestra")
    assert (doc.priority, doc.commandment, doc.version) == (10, 7, 1)
    assert doc.lesson == "commandment-07-know-me"
    assert doc.upsell is False and doc.status == "published"
    assert doc.when == (
        Condition("tier", ("gold", "platinum")),
        Condition("days_since_last_purchase", Range(min=30)),
    )
    assert doc.body.startswith("1. **Diga:**") and doc.body.endswith("nada.")
    assert doc.path == PATH


def test_parse_script_conditions_are_plain_data_for_the_database():
    doc = parse_script(SAMPLE, PATH)
    assert doc.conditions() == {
        "tier": ["gold", "platinum"],
        "days_since_last_purchase": {"min": 30},
    }


def test_parse_script_accepts_an_empty_when_and_a_single_word():
    doc = parse_script(
        edited("  tier: [gold, platinum]\n  days_since_last_purchase: {min: 30}\n", ""), PATH
    )
    assert doc.when == ()
    doc = parse_script(edited("tier: [gold, platinum]", "tier: gold"), PATH)
    assert doc.when[0] == Condition("tier", ("gold",))


def test_script_doc_is_frozen():
    doc = parse_script(SAMPLE, PATH)
    with pytest.raises(AttributeError):
        doc.priority = 99  # type: ignore[misc]


def test_content_error_names_file_line_and_message():
    text = edited("  tier: [gold, platinum]", "  tierz: [gold]")
    with pytest.raises(ContentError) as caught:
        parse_script(text, PATH)
    error = caught.value
    assert str(error) == "content/scripts/sample.es.md:12: unknown condition key 'tierz'"
    assert (error.path, error.line) == (PATH, 12)
    assert error.message == "unknown condition key 'tierz'"


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("  tier: [gold, platinum]", "  tierz: [gold]", 12, "unknown condition key 'tierz'"),
        ("[gold, platinum]", "[golden]", 12, "condition 'tier' has unknown value 'golden'"),
        ("[gold, platinum]", "[]", 12, "condition 'tier' must be one of"),
        ("[gold, platinum]", "{min: 1}", 12, "condition 'tier' must be one of"),
        ("  tier: [gold, platinum]", "  open_complaint: 'yes'", 12, f"{BOOL} true or false"),
        ("{min: 30}", "{min: 40, max: 10}", 13, f"{DAYS} has 'min' greater than 'max'"),
        ("{min: 30}", "{min: -1}", 13, f"{DAYS}: 'min' and 'max' must be whole numbers"),
        ("{min: 30}", "{min: 1.5}", 13, f"{DAYS}: 'min' and 'max' must be whole numbers"),
        ("{min: 30}", "{from: 3}", 13, f"{DAYS} must be a mapping with 'min' and/or 'max'"),
        ("{min: 30}", "30", 13, f"{DAYS} must be a mapping with 'min' and/or 'max'"),
        ("commandment: 7", "commandment: 11", 6, "'commandment' must be a whole number from 1"),
        ("commandment: 7", "commandment: 0", 6, "'commandment' must be a whole number from 1"),
        ("commandment: 7", "commandment: true", 6, "'commandment' must be a whole number"),
        ("priority: 10", "priority: high", 5, "'priority' must be a whole number"),
        ("version: 1", "version: 0", 9, "'version' must be a whole number of at least 1"),
        ("id: sample", "id: other", 2, "id 'other' does not match the file name ('sample')"),
        ("id: sample", "id: Not A Slug", 2, "'id' must be a slug"),
        ("language: es", "language: en", 3, "language 'en' does not match the file name"),
        ("language: es", "language: fr", 3, "'language' must be one of es, en"),
        ("status: published", "status: live", 10, "'status' must be one of draft"),
        ("upsell: false", "upsell: maybe", 8, "'upsell' must be true or false"),
        ("lesson: commandment-07-know-me", "lesson: Know me", 7, "'lesson' must be a slug"),
        ("title: Muestra", "title: ''", 4, "'title' must be a non-empty text"),
        ("title: Muestra\n", "", 1, "missing required field 'title'"),
        (
            "when:\n  tier: [gold, platinum]\n  days_since_last_purchase: {min: 30}\n",
            "",
            1,
            "missing required field 'when'",
        ),
        ("commandment: 7", "comandment: 7", 6, "unknown field 'comandment'"),
        ("version: 1", "version: 1\npriority: 3", 10, "duplicate field 'priority'"),
        ("  days_since_last_purchase: {min: 30}", "  tier: silver", 13, "duplicate condition"),
        (
            "when:\n  tier: [gold, platinum]\n  days_since_last_purchase: {min: 30}",
            "when: [tier]",
            11,
            "'when' must be a mapping of conditions",
        ),
        ("title: Muestra", "title: [unclosed", 5, "front matter is not valid YAML"),
        ("{first_name}", "{nombre}", 15, "unknown placeholder '{nombre}'"),
        ("{first_name}", "{First_Name}", 15, "unknown placeholder '{First_Name}'"),
        ("la ficha", "la ficha {first_name", 16, "unmatched brace"),
        ("la ficha", "la ficha }", 16, "unmatched brace"),
    ],
)
def test_parse_script_reports_each_problem_with_its_line(old, new, line, message):
    found = problems_of(edited(old, new))
    expected = f"{PATH}:{line}: {message}"
    assert any(problem.startswith(expected) for problem in found), found


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("id: sample\n", 1, "missing front matter"),
        ("---\nid: sample\n", 1, "front matter is not closed"),
        ("---\n- a list\n---\nbody\n", 2, "front matter must be a mapping of fields"),
        (SAMPLE.split("---\n1.")[0] + "---\n\n", 15, "the script has no body"),
    ],
)
def test_parse_script_reports_broken_structure(text, line, message):
    found = problems_of(text)
    assert any(problem.startswith(f"{PATH}:{line}: {message}") for problem in found), found


def test_parse_script_wants_slug_dot_language_file_names():
    found = problems_of(SAMPLE, "content/scripts/sample.md")
    assert found == ["content/scripts/sample.md:1: file name must be <slug>.<es|en>.md"]


def test_parse_script_reports_every_problem_of_a_file_at_once():
    text = edited("commandment: 7", "commandment: 12", edited("{first_name}", "{nombre}"))
    found = problems_of(text)
    assert [p.split(": ", 1)[0] for p in found] == [f"{PATH}:15", f"{PATH}:6"]


def write(folder, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def pair(folder, slug: str = "sample", en_edit: tuple[str, str] | None = None) -> None:
    """Both language versions of SAMPLE under `slug`; `en_edit` changes the English one."""
    text = SAMPLE.replace("id: sample", f"id: {slug}")
    write(folder, f"{slug}.es.md", text)
    text = text.replace("language: es", "language: en")
    if en_edit:
        text = edited(*en_edit, text)
    write(folder, f"{slug}.en.md", text)


def test_load_scripts_reads_both_languages(tmp_path):
    pair(tmp_path, "one")
    pair(tmp_path, "two")
    docs = load_scripts(tmp_path)
    assert sorted((d.id, d.language) for d in docs) == [
        ("one", "en"),
        ("one", "es"),
        ("two", "en"),
        ("two", "es"),
    ]


def test_load_scripts_wants_both_languages_of_each_id(tmp_path):
    write(tmp_path, "alone.es.md", SAMPLE.replace("id: sample", "id: alone"))
    with pytest.raises(ContentError) as caught:
        load_scripts(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'alone.es.md'}:1: script 'alone' has no 'en' version"


def test_load_scripts_wants_the_same_rules_in_both_languages(tmp_path):
    pair(tmp_path, "sample", ("priority: 10", "priority: 11"))
    with pytest.raises(ContentError) as caught:
        load_scripts(tmp_path)
    assert (
        str(caught.value)
        == f"{tmp_path / 'sample.es.md'}:1: 'priority' differs from the 'en' version"
    )


def test_load_scripts_accepts_conditions_in_any_order(tmp_path):
    written = "  tier: [gold, platinum]\n  days_since_last_purchase: {min: 30}"
    reordered = "  days_since_last_purchase: {min: 30}\n  tier: [platinum, gold]"
    pair(tmp_path, "sample", (written, reordered))
    assert len(load_scripts(tmp_path)) == 2


def test_load_scripts_reports_duplicate_ids(tmp_path):
    pair(tmp_path, "sample")
    write(tmp_path, "copy.es.md", SAMPLE)  # declares id 'sample' in a file named 'copy'
    with pytest.raises(ContentError) as caught:
        load_scripts(tmp_path)
    lines = str(caught.value).splitlines()
    assert (
        f"{tmp_path / 'copy.es.md'}:2: id 'sample' does not match the file name ('copy')" in lines
    )


def test_collection_check_reports_duplicate_ids(tmp_path):
    # A file only parses when its id matches its name, so within one folder a duplicate
    # is caught as a name mismatch; the collection check guards scripts from elsewhere.
    pair(tmp_path, "sample")
    docs = load_scripts(tmp_path)
    found = content.collection_problems([*docs, docs[0]])
    assert [str(p) for p in found] == [
        f"{docs[0].path}:1: duplicate script id 'sample' in '{docs[0].language}' "
        f"(also {docs[0].path})"
    ]


def test_load_scripts_lists_every_problem_of_every_file(tmp_path):
    pair(tmp_path, "one")
    two = SAMPLE.replace("id: sample", "id: two")
    write(tmp_path, "two.es.md", two.replace("tier:", "tierz:"))
    write(tmp_path, "two.en.md", two)  # still says 'language: es'
    with pytest.raises(ContentError) as caught:
        load_scripts(tmp_path)
    lines = str(caught.value).splitlines()
    assert lines == [
        f"{tmp_path / 'two.en.md'}:3: language 'es' does not match the file name ('en')",
        f"{tmp_path / 'two.es.md'}:12: unknown condition key 'tierz'",
    ]
    assert len(caught.value.problems) == 2
