"""Module files: parsing, every kind of mistake named by file and line, round trip."""

from __future__ import annotations

import pytest

from portal.content_errors import ContentError
from portal.training.content import dump_module, load_modules, parse_module, read_module
from portal.training.quiz import parse_quiz
from portal.training.quiz_data import dump_quiz
from tests.training._files import edit, module_folder


def problems(root) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_modules(root)
    return [str(p) for p in caught.value.problems]


def test_a_valid_module_loads_in_both_languages(tmp_path):
    module_folder(tmp_path)
    es, en = sorted(load_modules(tmp_path), key=lambda d: d.language != "es")
    assert (es.language, en.language) == ("es", "en")
    assert [lesson.id for lesson in es.lessons] == ["lesson-one", "lesson-two"]
    assert es.lessons[0].title == "Primera" and en.lessons[0].title == "First"
    assert es.intro == "Para qué sirve."
    assert len(es.questions) == 5 and es.questions[-1].type == "scenario"
    assert es.questions[-1].node("n1").choices[0].next == "n2"
    assert (es.pass_mark, es.audience, es.change) == (80, ("frontline",), "major")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("quiz.yaml", "  - id: q5\n", "  - id: q5\n   bad: [\n", "not valid YAML"),
        (
            "quiz.yaml",
            "  - id: q2\n",
            "  - id: q1\n",
            "quiz.yaml:15: duplicate question id 'q1' (also line 2)",
        ),
        (
            "quiz.yaml",
            "      - id: b\n",
            "      - id: a\n",
            "quiz.yaml:11: duplicate choice id 'a' (also line 7)",
        ),
        (
            "quiz.yaml",
            "  - id: q1\n    type: single",
            "  - type: single",
            "quiz.yaml:2: a question needs an 'id'",
        ),
        (
            "quiz.yaml",
            "        correct: true\n        feedback: Lo correcto\n      - id: b\n"
            "        text: Lo incorrecto\n        correct: false\n        feedback: Lo incorrecto\n"
            "  - id: q2",
            "        correct: false\n        feedback: Lo correcto\n      - id: b\n"
            "        text: Lo incorrecto\n        correct: false\n        feedback: Lo incorrecto\n"
            "  - id: q2",
            "quiz.yaml:6: question 'q1' (single) needs exactly one correct choice, has 0",
        ),
        ("quiz.yaml", "next: n2", "next: n9", "node 'n1', choice 'a': 'next' names no node 'n9'"),
        ("quiz.yaml", "start: n1", "start: n2", "node 'n1' cannot be reached from 'n2'"),
        ("module.md", "id: sample", "id: other", "module.md:2: id 'other' does not match"),
        ("module.md", "pass_mark: 80", "pass_mark: 180", "module.md:11: 'pass_mark' must be"),
        ("module.md", "audience: [frontline]", "audience: [cashier]", "module.md:8: 'audience'"),
        ("module.md", "change: major\n", "", "missing required field 'change'"),
        (
            "module.md",
            "## Segunda {#lesson-two}",
            "## Segunda",
            "module.md:22: a lesson heading needs its id",
        ),
        ("module.md", "{#lesson-two}", "{#lesson-one}", "duplicate lesson id 'lesson-one'"),
        ("module.en.md", "pass_mark: 80", "pass_mark: 70", "'pass_mark' differs from the Spanish"),
        ("module.en.md", "{#lesson-two}", "{#lesson-2}", "lesson ids differ from the Spanish"),
        ("quiz.en.yaml", "next: n2", "next: n1", "loops back to node 'n1'"),
        # a new module's template words, and answers with no words, do not pass
        ("module.en.md", "title: Sample", "title: Module title", "module.en.md:3: 'title' is"),
        (
            "module.en.md",
            "Lesson text one.",
            "Lesson text.",
            "module.en.md:20: lesson 'lesson-one'",
        ),
        (
            "module.md",
            "## Primera {#",
            "## Primera lección {#",
            "module.md:18: lesson 'lesson-one'",
        ),
        ("quiz.en.yaml", "What do you do? 1", "Question? 1", "quiz.en.yaml:4: question 'q1': 'pr"),
        ("quiz.yaml", "text: Lo correcto", "text: …", "quiz.yaml:8: choice 'a': 'text' has no"),
        ("quiz.yaml", "explanation: Porque sí.", "explanation: '...'", "quiz.yaml:5: question"),
    ],
)
def test_each_mistake_is_named_with_file_and_line(tmp_path, file, old, new, expected):
    folder = module_folder(tmp_path)
    edit(folder / file, old, new)
    found = problems(tmp_path)
    assert any(expected in problem for problem in found), found


def test_a_scenario_node_without_a_correct_choice(tmp_path):
    folder = module_folder(tmp_path)
    text = (folder / "quiz.yaml").read_text(encoding="utf-8")
    head, tail = text.split("      - id: n2", 1)
    (folder / "quiz.yaml").write_text(
        head + "      - id: n2" + tail.replace("correct: true", "correct: false"), encoding="utf-8"
    )
    assert any("node 'n2' has no correct choice" in p for p in problems(tmp_path))


def test_the_english_quiz_must_have_the_same_correct_answers(tmp_path):
    folder = module_folder(tmp_path)
    edit(
        folder / "quiz.en.yaml",
        "correct: true\n        feedback: The right thing\n      - id: b\n"
        "        text: The wrong thing\n        correct: false",
        "correct: false\n        feedback: The right thing\n      - id: b\n"
        "        text: The wrong thing\n        correct: true",
    )
    found = problems(tmp_path)
    assert any(
        "quiz.en.yaml:1: quiz differs from the Spanish one at question 'q1'" in p for p in found
    )


def test_too_few_questions_or_no_scenario(tmp_path):
    folder = module_folder(tmp_path)
    text = (folder / "quiz.yaml").read_text(encoding="utf-8")
    (folder / "quiz.yaml").write_text(text.split("  - id: q5")[0], encoding="utf-8")
    found = problems(tmp_path)
    assert any("at least 5 questions, has 4" in p for p in found)
    assert any("at least one scenario question" in p for p in found)


def test_a_missing_file_is_named(tmp_path):
    folder = module_folder(tmp_path)
    (folder / "quiz.en.yaml").unlink()
    assert any(p.endswith("quiz.en.yaml:1: file is missing") for p in problems(tmp_path))


def test_every_problem_is_reported_at_once(tmp_path):
    folder = module_folder(tmp_path)
    edit(folder / "module.md", "pass_mark: 80", "pass_mark: x")
    edit(folder / "quiz.yaml", "next: n2", "next: n9")
    found = problems(tmp_path)
    assert any("pass_mark" in p for p in found) and any("n9" in p for p in found)


def test_canonical_files_round_trip_byte_for_byte(tmp_path):
    folder = module_folder(tmp_path)
    for language in ("es", "en"):
        doc = read_module(folder, language)
        module_text, quiz_text = dump_module(doc), dump_quiz(doc.questions)
        again = parse_module(module_text, quiz_text, "m.md", "q.yaml")
        assert again == doc
        assert dump_module(again) == module_text and dump_quiz(again.questions) == quiz_text


def test_quiz_answers_keep_their_ids_and_feedback():
    questions, found = parse_quiz(
        "questions:\n  - id: q1\n    type: multiple\n    prompt: P\n    explanation: E\n"
        "    choices:\n      - {id: a, text: A, correct: true, feedback: FA}\n"
        "      - {id: b, text: B, correct: true, feedback: FB}\n"
        "      - {id: c, text: C, correct: false, feedback: FC}\n",
        "q.yaml",
    )
    assert found == []
    assert [(c.id, c.correct, c.feedback) for c in questions[0].choices] == [
        ("a", True, "FA"),
        ("b", True, "FB"),
        ("c", False, "FC"),
    ]


def test_the_shipped_curriculum_covers_the_doctrine():
    from pathlib import Path

    from portal.service_scripts.wording import COMMANDMENTS

    root = Path(__file__).resolve().parents[2] / "content" / "modules"
    docs = {(doc.id, doc.language): doc for doc in load_modules(root)}
    assert {module for module, _ in docs} >= {
        "ten-commandments",
        "retention-rules",
        "clienting",
        "interaction-variables",
        "loyalty-clover",
    }
    for language in ("es", "en"):
        commandments = docs[("ten-commandments", language)].lessons
        assert [lesson.title for lesson in commandments] == list(COMMANDMENTS[language].values())
        assert len(docs[("retention-rules", language)].lessons) == 11
        assert len(docs[("clienting", language)].lessons) == 10
    for doc in docs.values():
        assert len(doc.questions) >= 5, doc.path
        assert any(q.type == "scenario" for q in doc.questions), doc.path


def test_every_script_links_a_lesson_that_exists():
    from pathlib import Path

    from portal.service_scripts.content import load_scripts

    root = Path(__file__).resolve().parents[2] / "content"
    lessons = {lesson.id for doc in load_modules(root / "modules") for lesson in doc.lessons}
    for script in load_scripts(root / "scripts"):
        assert script.lesson in lessons, script.path
