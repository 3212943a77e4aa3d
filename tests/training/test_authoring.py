"""Trainers write modules in the browser: drafts, live preview, conflicts, review by a
second person, publishing new versions, re-opening completions, history with a diff."""

from __future__ import annotations

from html import unescape

import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.clock import utcnow
from portal.extensions import db
from portal.training.models import Completion, ContentDraft, Module
from tests import factories
from tests.conftest import csrf_token
from tests.formdata import form_lists
from tests.training._template import fill_draft

FIELDS = {"file_0": "module.md", "file_1": "quiz.yaml", "file_2": "module.en.md"}
FIELDS["file_3"] = "quiz.en.yaml"
LESSON = "Saluda al cliente por su nombre."  # the filled template's Spanish lesson


def post(client, url: str, page: str = "/training/authoring", **data):
    return client.post(url, data={"csrf_token": csrf_token(client, page), **data})


def draft() -> ContentDraft:
    db.session.expire_all()
    return db.session.scalar(sa.select(ContentDraft))


def save(client, slug: str, texts: dict[str, str], revision: int, action: str = "save"):
    data = {field: texts[name] for field, name in FIELDS.items()}
    url = f"/training/authoring/{slug}/edit"
    return post(client, url, page=url, revision=str(revision), action=action, **data)


def new_module(client, slug: str = "fresh") -> None:
    """A new module whose template words the author has replaced."""
    post(client, "/training/authoring/new", slug=slug)
    fill_draft(slug)


def test_a_new_modules_template_names_every_word_left_to_write(app, login_as, client):
    login_as("trainer")
    response = post(client, "/training/authoring/new", slug="fresh")
    assert response.headers["Location"].endswith("/training/authoring/fresh/edit")
    page = unescape(client.get("/training/authoring/fresh/edit").get_data(as_text=True))
    assert "Every check passes." not in page and "Module title" in page
    assert "fresh/module.en.md:3: 'title' is still the template's 'Module title'" in page
    assert "fresh/module.en.md:16: lesson 'lesson-1': the title is still the template's" in page
    assert "fresh/module.en.md:18: lesson 'lesson-1': the text is still the template's" in page
    assert "fresh/quiz.en.yaml:4: question 'q1': 'prompt' is still the template's" in page
    assert "fresh/quiz.yaml:8: choice 'a': 'text' has no words in it yet ('…')" in page
    edit = "/training/authoring/fresh/edit"
    post(client, "/training/authoring/fresh/submit", page=edit)
    assert draft().status.value == "draft"  # the template cannot go to review, nor be published
    fill_draft()
    assert "Every check passes." in client.get(edit).get_data(as_text=True)
    bad = post(
        client,
        "/training/authoring/new",
        slug="Not A Slug",
    )
    assert bad.status_code == 302
    assert "Use lowercase letters" in client.get("/training/authoring").get_data(as_text=True)


def test_the_live_preview_names_problems_and_renders_markdown_inert(app, login_as, client):
    login_as("trainer")
    new_module(client)
    texts = dict(draft().texts)
    texts["module.md"] = texts["module.md"].replace(
        LESSON, "Texto <script>alert(1)</script> [x](javascript:alert(1))"
    )
    texts["quiz.en.yaml"] = texts["quiz.en.yaml"].replace("start: n1", "start: n9")
    url = "/training/authoring/fresh/preview"
    data = {field: texts[name] for field, name in FIELDS.items()}
    response = post(client, url, page="/training/authoring/fresh/edit", **data, revision="1")
    raw = response.get_data(as_text=True)
    html = unescape(raw)
    assert "fresh/quiz.en.yaml" in html and "'start' must name one of its nodes" in html
    texts["quiz.en.yaml"] = texts["quiz.en.yaml"].replace("start: n9", "start: n1")
    data = {field: texts[name] for field, name in FIELDS.items()}
    raw = post(client, url, page="/training/authoring/fresh/edit", **data, revision="1")
    raw = raw.get_data(as_text=True)
    assert "Every check passes." in raw and "Texto &lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "<script>alert" not in raw and 'href="javascript' not in raw
    assert draft().revision == 1  # a preview saves nothing


def test_a_stale_save_is_a_conflict_and_keeps_what_was_typed(app, login_as, client):
    login_as("trainer")
    post(client, "/training/authoring/new", slug="fresh")
    texts = dict(draft().texts)
    first = {**texts, "module.md": texts["module.md"].replace("Primera lección", "Uno")}
    assert save(client, "fresh", first, revision=1).status_code == 302
    second = {**texts, "module.md": texts["module.md"].replace("Primera lección", "Dos")}
    response = save(client, "fresh", second, revision=1)
    page = response.get_data(as_text=True)
    assert "Someone else saved this draft while you were editing it." in page
    assert "Dos" in page and "Uno" in page  # mine in the editor, theirs below
    assert "Uno" in draft().texts["module.md"] and draft().revision == 2


def test_review_then_a_second_person_publishes_and_the_author_cannot(app, login_as, client, auth):
    login_as("trainer")
    new_module(client)
    edit = "/training/authoring/fresh/edit"
    assert post(client, "/training/authoring/fresh/submit", page=edit).status_code == 302
    post(client, "/training/authoring/fresh/publish", page=edit)
    assert draft() is not None
    assert "another trainer or a manager publishes it" in client.get(edit).get_data(as_text=True)
    auth.logout()
    login_as("manager")
    assert post(client, "/training/authoring/fresh/publish", page="/").status_code == 302
    rows = db.session.scalars(sa.select(Module).where(Module.slug == "fresh")).all()
    assert {(r.version, r.language, r.status.value) for r in rows} == {
        (1, "es", "published"),
        (1, "en", "published"),
    }
    assert draft() is None
    assert client.get("/training/lessons/lesson-1").status_code == 200


def test_an_invalid_draft_cannot_go_to_review(app, login_as, client):
    login_as("trainer")
    post(client, "/training/authoring/new", slug="fresh")
    texts = dict(draft().texts)
    texts["quiz.yaml"] = "questions: [\n"
    save(client, "fresh", texts, revision=1)
    edit = "/training/authoring/fresh/edit"
    post(client, "/training/authoring/fresh/submit", page=edit)
    assert draft().status.value == "draft"
    assert "Fix these problems first" in client.get(edit).get_data(as_text=True)


def publish_new_version(client, auth, login_as, change: str):
    """Trainer writes version 2 with `change`, another trainer publishes it."""
    author = login_as("trainer")
    post(client, "/training/authoring/fresh/draft")
    texts = dict(draft().texts)
    for name in ("module.md", "module.en.md"):
        texts[name] = texts[name].replace("change: major", "change: minor")
        texts[name] = texts[name].replace("change: minor", f"change: {change}")
    texts["module.md"] = texts["module.md"].replace(LESSON, "Texto nuevo.")
    save(client, "fresh", texts, revision=1)
    post(client, "/training/authoring/fresh/submit", page="/training/authoring/fresh/edit")
    auth.logout()
    login_as("trainer")
    post(client, "/training/authoring/fresh/publish", page="/")
    auth.logout()
    return author


def first_version(client, auth, login_as):
    login_as("trainer")
    new_module(client)
    post(client, "/training/authoring/fresh/submit", page="/training/authoring/fresh/edit")
    auth.logout()
    login_as("trainer")
    post(client, "/training/authoring/fresh/publish", page="/")
    auth.logout()
    module = db.session.scalar(sa.select(Module).where(Module.slug == "fresh"))
    learner = factories.user(["frontline"])
    db.session.add(
        Completion(
            user_id=learner.id,
            module_slug="fresh",
            module_id=module.id,
            version=1,
            attempt_id=_attempt(learner, module),
            score_percent=100,
            completed_at=utcnow(),
        )
    )
    db.session.commit()


def _attempt(user, module) -> int:
    from portal.training.models import Attempt

    attempt = Attempt(user_id=user.id, module_id=module.id, seed=1, submitted_at=utcnow())
    db.session.add(attempt)
    db.session.flush()
    return attempt.id


def test_a_major_change_reopens_completions_a_minor_one_does_not(app, login_as, client, auth):
    first_version(client, auth, login_as)
    publish_new_version(client, auth, login_as, change="minor")
    assert db.session.scalar(sa.select(Completion.reopened_at)) is None
    publish_new_version(client, auth, login_as, change="major")
    db.session.expire_all()
    assert db.session.scalar(sa.select(Completion.reopened_at)) is not None
    versions = db.session.scalars(sa.select(Module.version).where(Module.language == "es"))
    assert sorted(versions) == [1, 2, 3]


def test_history_shows_a_readable_diff(app, login_as, client, auth):
    first_version(client, auth, login_as)
    publish_new_version(client, auth, login_as, change="minor")
    login_as("manager")
    page = client.get("/training/authoring/fresh/history?a=1&b=2").get_data(as_text=True)
    assert '<span class="diff-del">-Saluda al cliente por su nombre.</span>' in page
    assert '<span class="diff-add">+Texto nuevo.</span>' in page
    assert "<code>module.md</code>" in page and "<code>module.en.md</code>" in page


def test_only_trainers_write_and_frontline_staff_neither_write_nor_publish(app, login_as, client):
    login_as("frontline")
    assert client.get("/training/authoring").status_code == 403
    token = csrf_token(client, "/")
    assert (
        client.post("/training/authoring/new", data={"csrf_token": token, "slug": "x"}).status_code
        == 403
    )
    assert (
        client.post("/training/authoring/x/publish", data={"csrf_token": token}).status_code == 403
    )


def test_the_preview_lists_the_questions_with_their_right_answers(app, login_as, client):
    login_as("trainer")
    new_module(client)
    data = {field: draft().texts[name] for field, name in FIELDS.items()}
    edit = "/training/authoring/fresh/edit"
    token = csrf_token(client, edit)
    fragment = client.post(
        "/training/authoring/fresh/preview",
        data={"csrf_token": token, "revision": "1", **data},
        headers={"HX-Request": "true"},
    ).get_data(as_text=True)
    assert '<section id="preview"' in fragment
    assert "<html" not in fragment  # only the preview, for htmx to swap
    assert "<summary>5 questions</summary>" in fragment
    assert "<strong>✓ Saludar</strong>" in fragment and "the scenario ends" in fragment


def draft_fields(page: str) -> dict[str, list[str]]:
    return form_lists(page, "draft-form")


def test_the_settings_form_writes_both_module_files_without_saving(app, login_as, client):
    login_as("trainer")
    post(client, "/training/authoring/new", slug="fresh")
    edit = "/training/authoring/fresh/edit"
    fields = draft_fields(client.get(edit).get_data(as_text=True))
    assert fields["settings-title_es"] == ["Título del módulo"]
    assert fields["settings-pass_mark"] == ["80"] and fields["settings-audience"] == ["frontline"]
    fields |= {
        "settings-title_en": ["Counter basics"],
        "settings-pass_mark": ["70"],
        "settings-audience": ["frontline", "manager"],
        "settings-doctrine": ["commandments, clienting-keys"],
        "settings-change": ["minor"],
        "action": ["settings"],
    }
    page = unescape(client.post(edit, data=fields).get_data(as_text=True))
    assert "Settings written into both module files below." in page
    written = draft_fields(page)
    es, en = written["file_0"][0], written["file_2"][0]
    for text in (es, en):
        assert "pass_mark: 70" in text and "change: minor" in text
        assert "audience: [frontline, manager]" in text
        assert "doctrine: [commandments, clienting-keys]" in text
    assert "title: Counter basics" in en and "title: Título del módulo" in es
    assert written["file_1"] == fields["file_1"]  # the quizzes are untouched
    assert draft().revision == 1  # not saved until Save
    written["action"] = ["save"]
    assert client.post(edit, data=written).status_code == 302
    assert "pass_mark: 70" in draft().texts["module.en.md"]


def test_wrong_settings_are_named_and_what_was_typed_stays(app, login_as, client):
    login_as("trainer")
    post(client, "/training/authoring/new", slug="fresh")
    edit = "/training/authoring/fresh/edit"
    fields = draft_fields(client.get(edit).get_data(as_text=True))
    before = (fields["file_0"], fields["file_2"])
    fields |= {
        "settings-pass_mark": ["150"],
        "settings-doctrine": ["Bad Tag"],
        "settings-audience": [],
        "action": ["settings"],
    }
    page = unescape(client.post(edit, data=fields).get_data(as_text=True))
    assert "Number must be between 1 and 100." in page
    assert "Tags are lowercase words with hyphens, separated by commas." in page
    assert "Choose at least one role." in page
    again = draft_fields(page)
    assert again["settings-pass_mark"] == ["150"] and again["settings-doctrine"] == ["Bad Tag"]
    assert (again["file_0"], again["file_2"]) == before


def test_a_manager_reviews_a_draft_but_does_not_write_it(app, login_as, client, auth):
    login_as("trainer")
    new_module(client)
    edit = "/training/authoring/fresh/edit"
    post(client, "/training/authoring/fresh/submit", page=edit)
    auth.logout()
    login_as("manager")
    listing = client.get("/training/authoring").get_data(as_text=True)
    assert 'href="/training/authoring/fresh/edit"' in listing
    assert "Start a new module" not in listing and "Write a new version" not in listing
    page = client.get(edit).get_data(as_text=True)
    assert "Approve and publish" in page and "readonly" in page
    assert "Save draft" not in page and "Edit the quiz question by question" not in page
    data = {field: draft().texts[name] for field, name in FIELDS.items()}
    token = csrf_token(client, edit)
    saved = client.post(edit, data={"csrf_token": token, "revision": "1", **data})
    assert saved.status_code == 403
    assert (
        client.post("/training/authoring/fresh/submit", data={"csrf_token": token}).status_code
        == 403
    )
    assert (
        client.post("/training/authoring/new", data={"csrf_token": token, "slug": "x"}).status_code
        == 403
    )
    back = client.post("/training/authoring/fresh/reopen", data={"csrf_token": token})
    assert back.status_code == 302 and draft().status.value == "draft"  # sent back to its author


def test_a_reviewer_sees_the_changes_and_sends_it_back_with_a_comment(app, login_as, client, auth):
    first_version(client, auth, login_as)
    login_as("trainer")
    post(client, "/training/authoring/fresh/draft")
    texts = dict(draft().texts)
    texts["module.md"] = texts["module.md"].replace(LESSON, "Texto nuevo.")
    save(client, "fresh", texts, revision=1)
    edit = "/training/authoring/fresh/edit"
    post(client, "/training/authoring/fresh/submit", page=edit)
    auth.logout()
    login_as("manager")
    page = client.get(edit).get_data(as_text=True)
    assert "Changes against the published version 1" in page
    assert f'<span class="diff-del">-{LESSON}</span>' in page
    assert '<span class="diff-add">+Texto nuevo.</span>' in page
    too_long = post(client, "/training/authoring/fresh/reopen", page=edit, comment="x" * 2001)
    assert too_long.status_code == 200 and draft().status.value == "in_review"
    assert "x" * 2001 in too_long.get_data(as_text=True)  # what was typed stays
    comment = "Say <why> the greeting comes first."
    back = post(client, "/training/authoring/fresh/reopen", page=edit, comment=comment)
    assert back.status_code == 302 and draft().status.value == "draft"
    assert draft().review_comment == comment
    auth.logout()
    login_as("trainer")
    page = client.get(edit).get_data(as_text=True)
    assert "Say &lt;why&gt; the greeting comes first." in page and "Sent back by" in page
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "draft.returned"))
    assert event.detail["comment"] == comment and event.detail["slug"] == "fresh"
    post(client, "/training/authoring/fresh/submit", page=edit)
    assert draft().review_comment is None  # answered by sending it again


def test_send_for_review_saves_the_edits_in_the_editor_first(app, login_as, client):
    login_as("trainer")
    new_module(client)
    edit = "/training/authoring/fresh/edit"
    page = client.get(edit).get_data(as_text=True)
    start = page.index('class="draft-form"')
    editor = page[start : page.index("</form>", start)]
    assert 'name="action" value="submit">Send for review' in editor  # in the editor's form
    fields = draft_fields(page)
    fields["file_0"] = [fields["file_0"][0].replace(LESSON, "Lo que escribí sin guardar.")]
    fields["action"] = ["submit"]
    response = client.post(edit, data=fields)
    assert response.status_code == 302
    assert "Lo que escribí sin guardar." in draft().texts["module.md"]
    assert draft().status.value == "in_review" and draft().revision == 2


def test_send_for_review_with_a_stale_revision_is_a_conflict_and_sends_nothing(
    app, login_as, client
):
    login_as("trainer")
    new_module(client)
    edit = "/training/authoring/fresh/edit"
    fields = draft_fields(client.get(edit).get_data(as_text=True))
    save(client, "fresh", draft().texts, revision=1)  # someone saves meanwhile
    fields["file_0"] = [fields["file_0"][0].replace(LESSON, "Mío.")]
    fields["action"] = ["submit"]
    page = client.post(edit, data=fields).get_data(as_text=True)
    assert "Someone else saved this draft while you were editing it." in page
    assert draft().status.value == "draft" and "Mío." not in draft().texts["module.md"]


def test_send_for_review_keeps_edits_that_fail_the_check(app, login_as, client):
    login_as("trainer")
    new_module(client)
    edit = "/training/authoring/fresh/edit"
    fields = draft_fields(client.get(edit).get_data(as_text=True))
    fields["file_1"] = ["questions: [\n"]
    fields["action"] = ["submit"]
    assert client.post(edit, data=fields).status_code == 302
    assert draft().texts["quiz.yaml"] == "questions: [\n" and draft().status.value == "draft"
    assert "Fix these problems first" in client.get(edit).get_data(as_text=True)


def test_a_spanish_trainer_reads_the_module_checker_in_spanish(app, login_as, client):
    login_as("trainer", language="es")
    post(client, "/training/authoring/new", slug="fresh")
    page = unescape(client.get("/training/authoring/fresh/edit").get_data(as_text=True))
    assert "fresh/module.en.md:16: lección «lesson-1»: el título sigue siendo el de la" in page
    assert "fresh/module.en.md:3: «title» sigue siendo el de la plantilla" in page
    assert "the title is still the template's" not in page


def test_a_spanish_trainer_reads_the_module_field_checks_in_spanish(app, login_as, client):
    login_as("trainer", language="es")
    new_module(client)
    texts = dict(draft().texts)
    texts["module.md"] = texts["module.md"].replace("pass_mark: ", "pass_mark: 1000 #", 1)
    data = {field: texts[name] for field, name in FIELDS.items()}
    url = "/training/authoring/fresh/preview"
    response = post(client, url, page="/training/authoring/fresh/edit", **data, revision="1")
    html = unescape(response.get_data(as_text=True))
    assert "«pass_mark» debe ser un número entero de 1 a 100" in html
    assert "must be a whole number" not in html
