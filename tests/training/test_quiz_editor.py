"""The quiz editor: both languages of a quiz as one form, question by question."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.training import quiz_editor
from portal.training.content import load_modules
from portal.training.models import ContentDraft
from portal.training.quiz import parse_quiz
from portal.training.quiz_editor import EditChoice, EditQuestion, apply, from_form, normalise
from tests.conftest import csrf_token
from tests.formdata import form_fields

MODULES = load_modules(Path(__file__).resolve().parents[2] / "content" / "modules")
URL = "/training/authoring/fresh/quiz"


def pairs():
    by_id: dict[str, dict] = {}
    for doc in MODULES:
        by_id.setdefault(doc.id, {})[doc.language] = doc
    return sorted(by_id.items())


# --- pure -----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug,docs", pairs(), ids=[slug for slug, _docs in pairs()])
def test_every_shipped_quiz_goes_through_the_editor_unchanged(slug, docs):
    es, en = list(docs["es"].questions), list(docs["en"].questions)
    items = quiz_editor.from_questions(es, en)
    assert quiz_editor.to_questions(items, "es") == es
    assert quiz_editor.to_questions(items, "en") == en


def test_quizzes_that_differ_in_shape_are_not_editable_as_one():
    [(_slug, docs), *_rest] = pairs()
    es = list(docs["es"].questions)
    with pytest.raises(quiz_editor.NotEditable):
        quiz_editor.from_questions(es, es[:-1])


def test_the_buttons_add_and_remove_questions_answers_and_steps():
    items = apply([], "add-question:single")
    assert [(q.id, q.type, [c.id for c in q.choices]) for q in items] == [
        ("q1", "single", ["a", "b"])
    ]
    items = apply(items, "add-question:scenario")
    scenario = items[1]
    assert (scenario.id, scenario.start, [n.id for n in scenario.nodes]) == ("q2", "n1", ["n1"])
    items = apply(items, "add-node:1")
    items = apply(items, "add-choice:1:1")
    assert [n.id for n in items[1].nodes] == ["n1", "n2"]
    assert [c.id for c in items[1].nodes[1].choices] == ["a", "b"]
    items = apply(items, "add-choice:0")
    items = apply(items, "remove-choice:0:0")
    assert [c.id for c in items[0].choices] == ["b", "c"]
    items = apply(items, "remove-node:1:0")
    assert [n.id for n in items[1].nodes] == ["n2"]
    items = apply(items, "remove-question:0")
    assert [q.id for q in items] == ["q2"]


def test_questions_move_up_and_down():
    items = apply(
        apply(apply([], "add-question:single"), "add-question:multiple"), "add-question:scenario"
    )
    assert [q.id for q in apply(items, "move-up:2")] == ["q1", "q3", "q2"]
    assert [q.id for q in apply(items, "move-down:0")] == ["q2", "q1", "q3"]
    assert apply(items, "move-up:0") == items and apply(items, "move-down:2") == items


def test_buttons_naming_nothing_or_passing_a_limit_change_nothing():
    items = apply([], "add-question:single")
    for action in ("remove-question:5", "add-choice:3", "remove-choice:0:9", "explode", ""):
        assert apply(items, action) == items
    assert apply(items, "add-question:essay") == items
    full = items
    for _ in range(quiz_editor.MAX_CHOICES):
        full = apply(full, "add-choice:0")
    assert len(full[0].choices) == quiz_editor.MAX_CHOICES


def test_apply_leaves_its_input_alone():
    items = apply([], "add-question:single")
    apply(items, "add-choice:0")
    assert len(items[0].choices) == 2


def test_changing_the_type_keeps_the_answers_typed():
    choice = EditChoice(id="a", correct=True, text={"es": "Sí", "en": "Yes"})
    [scenario] = normalise([EditQuestion(id="q1", type="scenario", choices=[choice])])
    assert scenario.start == "n1" and scenario.nodes[0].choices[0].text["en"] == "Yes"
    [single] = normalise([EditQuestion(id="q1", type="single", nodes=scenario.nodes)])
    assert single.choices[0].text["es"] == "Sí" and not single.nodes


def test_the_form_reads_back_what_was_typed():
    form = {
        "q-0-id": "q1",
        "q-0-type": "multiple",
        "q-0-tags": "a, b",
        "q-0-prompt-es": "¿P?",
        "q-0-prompt-en": "Q?",
        "q-0-c-0-id": "a",
        "q-0-c-0-correct": "on",
        "q-0-c-0-text-en": "Right\r\nsecond line",
        "q-0-c-1-id": "b",
        "q-0-c-1-text-en": "x" * 9000,
    }
    [q] = from_form(form)
    assert (q.id, q.type, q.tags, q.prompt) == ("q1", "multiple", "a, b", {"es": "¿P?", "en": "Q?"})
    assert [(c.id, c.correct) for c in q.choices] == [("a", True), ("b", False)]
    assert q.choices[0].text == {"es": "", "en": "Right\nsecond line"}
    assert len(q.choices[1].text["en"]) == quiz_editor.MAX_TEXT
    assert from_form({"q-0-id": "q1", "q-0-type": "<script>"})[0].type == "single"


# --- the page -------------------------------------------------------------------------------


@pytest.fixture
def fresh(app, login_as, client):
    login_as("trainer")
    token = csrf_token(client, "/training/authoring")
    client.post("/training/authoring/new", data={"csrf_token": token, "slug": "fresh"})


def draft() -> ContentDraft:
    db.session.expire_all()
    return db.session.scalar(sa.select(ContentDraft))


def editor_fields(client) -> dict[str, str]:
    return form_fields(client.get(URL).get_data(as_text=True), "quiz-editor")


def post(client, fields: dict[str, str], action: str, htmx: bool = False):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(URL, data={**fields, "action": action}, headers=headers)


def test_saving_unchanged_leaves_both_quiz_files_byte_identical(fresh, client):
    before = dict(draft().texts)
    fields = editor_fields(client)
    assert fields["q-4-type"] == "scenario" and fields["q-4-n-0-c-0-correct"] == "on"
    response = post(client, fields, "save")
    assert response.status_code == 302 and response.headers["Location"].endswith(URL)
    assert draft().texts == before and draft().revision == 2
    assert "Quiz saved." in client.get(URL).get_data(as_text=True)


def test_an_edit_reaches_both_files_and_the_language_it_was_typed_in(fresh, client):
    fields = editor_fields(client)
    del fields["q-0-c-0-correct"]  # a becomes wrong, b right: in both languages
    fields["q-0-c-1-correct"] = "on"
    fields["q-0-prompt-en"] = "Which answer is right now?"
    assert post(client, fields, "save", htmx=True).status_code == 200
    texts = draft().texts
    for name in ("quiz.yaml", "quiz.en.yaml"):
        questions, problems = parse_quiz(texts[name], name, unwritten_ok=True)
        assert problems == []
        assert [c.correct for c in questions[0].choices] == [False, True]
    assert "Which answer is right now?" in texts["quiz.en.yaml"]
    assert "Which answer is right now?" not in texts["quiz.yaml"]


def test_a_button_redraws_the_form_without_saving(fresh, client):
    fields = editor_fields(client)
    fields["q-0-prompt-es"] = "Lo que escribí"
    response = post(client, fields, "add-question:multiple", htmx=True)
    page = unescape(response.get_data(as_text=True))
    assert "Question 6" in page and "Changed, not saved yet." in page
    assert "Lo que escribí" in page  # what was typed stays in the form
    assert draft().revision == 1
    fields = form_fields(page, "quiz-editor")
    assert fields["q-5-type"] == "multiple"
    post(client, fields, "save")
    assert draft().texts["quiz.yaml"].count("- id: q") == 6


def test_problems_are_listed_and_what_was_typed_is_kept(fresh, client):
    fields = editor_fields(client)
    fields["q-1-prompt-en"] = ""
    for key in [k for k in fields if k.startswith("q-2-c-") and k.endswith("-correct")]:
        del fields[key]
    page = unescape(post(client, fields, "save", htmx=True).get_data(as_text=True))
    assert "fresh/quiz.en.yaml" in page and "non-empty 'prompt'" in page
    assert "question 'q3' (single) needs exactly one correct choice, has 0" in page
    assert draft().revision == 2  # a draft keeps what was typed, valid or not
    assert "prompt: ''" in draft().texts["quiz.en.yaml"]


def test_a_stale_save_is_a_conflict(fresh, client):
    fields = editor_fields(client)
    post(client, fields, "save")
    fields["q-0-prompt-en"] = "Mine"
    page = unescape(post(client, fields, "save").get_data(as_text=True))
    assert "Someone else saved this draft while you were editing it." in page
    assert "Mine" in page and "Mine" not in draft().texts["quiz.en.yaml"]


def test_a_quiz_that_does_not_parse_is_sent_to_the_text_editor(fresh, client):
    d = draft()
    d.texts = {**d.texts, "quiz.en.yaml": "questions: [\n"}
    db.session.commit()
    page = client.get(URL).get_data(as_text=True)
    assert "cannot be edited question by question" in page
    assert 'href="/training/authoring/fresh/edit"' in page


def test_only_trainers_open_the_quiz_editor(fresh, client, auth, login_as):
    auth.logout()
    login_as("frontline")
    assert client.get(URL).status_code == 403
    token = csrf_token(client, "/")
    assert client.post(URL, data={"csrf_token": token, "revision": "1"}).status_code == 403
