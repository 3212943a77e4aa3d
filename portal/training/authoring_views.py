"""Trainers' pages: modules and service scripts, writing a draft with a live preview,
review and publishing, history with a readable diff between versions.

Every page serves both kinds: `/training/authoring/<slug>/...` is a module,
`/training/authoring/scripts/<slug>/...` a service script (the `kind` in the URL rule's
defaults says which)."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.models import User
from portal.auth.permissions import requires
from portal.clock import today
from portal.content_errors import ContentError
from portal.extensions import db
from portal.i18n import current_language
from portal.markdown import render_markdown
from portal.service_scripts.drafts import conditions_from_form, script_preview, with_conditions
from portal.service_scripts.models import ContentStatus
from portal.service_scripts.queries import scripts_newest, scripts_published
from portal.service_scripts.vocabulary import (
    CONDITIONS,
    PLACEHOLDERS,
    ConditionHelp,
    condition_help,
)
from portal.service_scripts.wording import label
from portal.training import authoring, bp, content_diff, quiz_editor
from portal.training.authoring import KINDS, Kind
from portal.training.content import FILES
from portal.training.forms import (
    ArchiveForm,
    DraftForm,
    ModuleSettingsForm,
    NewModuleForm,
    NewScriptForm,
    QuizEditForm,
    ReviewForm,
    StartForm,
)
from portal.training.models import ContentDraft, Lesson, Module
from portal.training.problems import problem_texts
from portal.training.queries import modules_newest
from portal.training.quiz import parse_quiz
from portal.training.quiz_data import dump_quiz
from portal.training.texts import module_texts, parse_module_texts
from portal.web import render, wants_fragment

PATHS = {"module": "/authoring", "script": "/authoring/scripts"}


def authoring_route(rule: str, **options):
    """Register a view for modules (`/authoring/<rule>`) and scripts
    (`/authoring/scripts/<rule>`); the view receives the kind's name as `kind`."""

    def register(view):
        for name, path in PATHS.items():
            bp.add_url_rule(f"{path}/{rule}", view_func=view, defaults={"kind": name}, **options)
        return view

    return register


def _kind(name: str) -> Kind:
    return KINDS[name]


@bp.route("/authoring")
@requires("content.approve")  # approvers find what waits for review; authors also write
def authoring_list():
    drafts: dict[str, dict[str, ContentDraft]] = {name: {} for name in KINDS}
    for draft in db.session.scalars(sa.select(ContentDraft)):
        drafts[draft.kind][draft.slug] = draft
    modules: dict[str, Module] = {}
    for row in modules_newest():
        modules.setdefault(row.slug, row)
    scripts = {}
    for doc in scripts_newest():  # one per script, in the reader's language if it has it
        if doc.id not in scripts or doc.language == current_language():
            scripts[doc.id] = doc
    return render(
        "training/authoring.html",
        modules=[
            (m.slug, m.title, m.version, ContentStatus(m.status).value)
            for m in sorted(modules.values(), key=lambda m: m.slug)
        ],
        scripts=[
            (doc.id, doc.title, doc.version, doc.status)
            for doc in sorted(scripts.values(), key=lambda doc: doc.id)
        ],
        drafts=drafts,
        new_form=NewModuleForm(formdata=None),
        new_script_form=NewScriptForm(formdata=None, prefix="script"),
        form=StartForm(formdata=None),
    )


def _edit_url(kind: str, slug: str) -> str:
    return url_for("training.draft_edit", kind=kind, slug=slug)


def _refused(error: authoring.AuthoringError | ContentError, kind: str, slug: str | None = None):
    db.session.rollback()
    if isinstance(error, ContentError):
        flash(
            _(
                "Fix these problems first: %(problems)s",
                problems="; ".join(problem_texts(error.problems[:5])),
            ),
            "error",
        )
    else:
        flash(_(error.message, **error.params), "error")
    return redirect(_edit_url(kind, slug) if slug else url_for("training.authoring_list"))


@authoring_route("new", methods=["POST"])
@requires("content.author")
def draft_new(kind: str):
    form = NewModuleForm() if kind == "module" else NewScriptForm(prefix="script")
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.slug.errors)) or _("Enter an id."), "error")
        return redirect(url_for("training.authoring_list"))
    try:
        authoring.draft_new(actor=current_user, kind=_kind(kind), slug=form.slug.data)
    except authoring.AuthoringError as error:
        return _refused(error, kind)
    db.session.commit()
    return redirect(_edit_url(kind, form.slug.data))


@authoring_route("<slug>/draft", methods=["POST"])
@requires("content.author")
def draft_open(kind: str, slug: str):
    if not StartForm().validate_on_submit():
        abort(400)
    try:
        authoring.draft_open(actor=current_user, kind=_kind(kind), slug=slug)
    except authoring.AuthoringError as error:
        return _refused(error, kind)
    db.session.commit()
    return redirect(_edit_url(kind, slug))


def _draft(kind: str, slug: str) -> ContentDraft:
    return authoring.draft_get(_kind(kind), slug) or abort(404)


def _problems(kind: Kind, slug: str, texts: dict[str, str]) -> list[str]:
    """What `content check` would say of these texts (nothing rendered)."""
    try:
        kind.parse(slug, texts)
    except ContentError as error:
        return problem_texts(error.problems)
    return []


def _preview(kind: Kind, slug: str, texts: dict[str, str]) -> dict:
    try:
        docs = kind.parse(slug, texts)
    except ContentError as error:
        return {"problems": problem_texts(error.problems), "docs": []}
    if kind is authoring.SCRIPTS:
        published = [doc for _row_id, doc in scripts_published()]
        lessons = set(
            db.session.scalars(
                sa.select(Lesson.slug)
                .join(Module, Module.id == Lesson.module_id)
                .where(Module.status == ContentStatus.PUBLISHED)
                .distinct()
            )
        )
        return {
            "problems": [],
            "docs": script_preview(docs, published, lessons, today(), current_language()),
        }
    return {
        "problems": [],
        "docs": [
            (doc, [(lesson, render_markdown(lesson.body)) for lesson in doc.lessons])
            for doc in docs
        ],
    }


@authoring_route("<slug>/edit", methods=["GET", "POST"])
@requires("content.approve")
def draft_edit(kind: str, slug: str):
    """The draft: an approver (a manager, say) reads it to review it; only authors
    change it."""
    draft = _draft(kind, slug)
    names = _kind(kind).files(slug)
    if request.method == "POST" and not current_user.can("content.author"):
        abort(403)
    if request.method == "GET":
        initial = DraftForm.initial(names, draft.texts)
        return _draft_page(draft, DraftForm(formdata=None, revision=draft.revision, **initial))
    form = DraftForm()
    if not form.validate_on_submit() or request.form.get("action") == "preview":
        return _draft_page(draft, form)
    if request.form.get("action") == "conditions" and kind == "script":
        return _conditions_applied(draft, form, names)
    if request.form.get("action") == "settings" and kind == "module":
        return _settings_applied(draft, form, names)
    try:
        authoring.draft_save(
            actor=current_user, draft=draft, texts=form.texts(names), revision=form.revision.data
        )
    except authoring.Conflict as error:
        db.session.rollback()
        return _draft_page(_draft(kind, slug), form, conflict=error.draft)
    except authoring.AuthoringError as error:
        return _refused(error, kind, slug)
    if request.form.get("action") == "submit":  # the edits in the editor go with it
        return _saved_and_submitted(draft)
    db.session.commit()
    flash(_("Draft saved."), "success")
    return redirect(_edit_url(kind, slug))


def _saved_and_submitted(draft: ContentDraft):
    """Send for review what was just saved; the edits stay saved when the check fails."""
    try:
        authoring.draft_submit(actor=current_user, draft=draft)
    except ContentError as error:
        db.session.commit()  # a draft keeps what was typed, valid or not
        flash(_("Draft saved."), "success")
        problems = "; ".join(problem_texts(error.problems[:5]))
        flash(_("Fix these problems first: %(problems)s", problems=problems), "error")
        return redirect(_edit_url(draft.kind, draft.slug))
    db.session.commit()
    flash(_("Saved and sent for review."), "success")
    return redirect(_edit_url(draft.kind, draft.slug))


def _conditions_applied(draft: ContentDraft, form: DraftForm, names: tuple[str, ...]):
    """The conditions form written into both script files' `when:` blocks, unsaved."""
    when, errors = conditions_from_form(request.form, current_language())
    if not errors:
        try:
            texts = with_conditions(draft.slug, form.texts(names), when)
        except ContentError:
            errors = [_("Fix the problems in the files first; then the conditions can be set.")]
    if errors:
        return _draft_page(draft, form, condition_errors=errors, conditions=request.form)
    initial = DraftForm.initial(names, texts)
    form = DraftForm(formdata=None, revision=form.revision.data, **initial)
    return _draft_page(draft, form, conditions_applied=True)


SETTINGS = ("estimated_minutes", "due_within_days", "recertify_after_days", "pass_mark")
SETTINGS += ("attempts", "change")


def _settings_applied(draft: ContentDraft, form: DraftForm, names: tuple[str, ...]):
    """The settings form written into both module files' front matter, unsaved."""
    settings = ModuleSettingsForm(prefix="settings")
    if not settings.validate():
        return _draft_page(draft, form, settings=settings)
    texts = form.texts(names)
    try:
        docs = parse_module_texts(draft.slug, texts, unwritten_ok=True)
    except ContentError:
        flash(_("Fix the problems in the files first; then the settings can be changed."), "error")
        return _draft_page(draft, form, settings=settings)
    shared = {name: getattr(settings, name).data for name in SETTINGS}
    shared |= {"audience": tuple(settings.audience.data), "doctrine": settings.tags()}
    docs = [
        dataclasses.replace(doc, title=getattr(settings, f"title_{doc.language}").data, **shared)
        for doc in docs
    ]
    written = module_texts(docs)
    texts |= {name: written[name] for name in (FILES[lang][0] for lang in FILES)}
    initial = DraftForm.initial(names, texts)
    form = DraftForm(formdata=None, revision=form.revision.data, **initial)
    return _draft_page(draft, form, settings_applied=True)


def _settings_shown(slug: str, texts: dict[str, str]) -> ModuleSettingsForm | None:
    """The settings form filled from the files as they parse (template words left in
    are fine: the form is how a new module gets its titles); None when they do not."""
    try:
        docs = {doc.language: doc for doc in parse_module_texts(slug, texts, unwritten_ok=True)}
    except ContentError:
        return None
    es = docs["es"]
    data = {name: getattr(es, name) for name in SETTINGS}
    data |= {"audience": list(es.audience), "doctrine": ", ".join(es.doctrine)}
    data |= {f"title_{lang}": doc.title for lang, doc in docs.items()}
    return ModuleSettingsForm(formdata=None, prefix="settings", data=data)


@authoring_route("<slug>/preview", methods=["POST"])
@requires("content.author")
def draft_preview(kind: str, slug: str):
    """The live preview (htmx swaps only it); without JavaScript, the page with it."""
    return _draft_page(_draft(kind, slug), DraftForm())


def _draft_page(
    draft: ContentDraft,
    form: DraftForm,
    conflict: ContentDraft | None = None,
    conditions=None,
    **state,
):
    """The editor. For a script, `conditions` (posted fields) refill the conditions form
    after a mistake; otherwise it shows the `when:` block of the files as they parse."""
    kind = _kind(draft.kind)
    names = kind.files(draft.slug)
    preview = _preview(kind, draft.slug, form.texts(names))
    settings = state.pop("settings", None)  # as posted, after a mistake
    if settings is None and kind is authoring.MODULES:
        settings = _settings_shown(draft.slug, form.texts(names))
    may_publish = current_user.can("content.approve") and current_user.id not in (
        draft.editors or []
    )
    if draft.status == ContentStatus.IN_REVIEW:  # what the reviewer approves
        state.setdefault("published", content_diff.published_diff(kind, draft))
    state.setdefault("review_form", ReviewForm(formdata=None))
    return render(
        "training/draft.html",
        "preview",
        draft=draft,
        commenter=db.session.get(User, draft.review_comment_by_id)
        if draft.review_comment_by_id
        else None,
        kind=kind.name,
        files=form.files(names),
        form=form,
        conflict=conflict,
        preview=preview,
        start_form=StartForm(formdata=None),
        may_publish=may_publish,
        placeholders=PLACEHOLDERS,
        when=_when_shown(kind, preview, conditions),
        settings=settings,
        condition_controls=_condition_controls() if kind is authoring.SCRIPTS else (),
        **state,
    )


def _condition_controls() -> list[tuple[ConditionHelp, list[tuple[str, str]]]]:
    """Every condition with, for a one-of, its (value, label) choices for the form."""
    language = current_language()
    return [
        (row, [(v, label(v, language)) for v in row.kind] if isinstance(row.kind, tuple) else [])
        for row in condition_help(language)
    ]


def _when_shown(kind: Kind, preview: dict, posted) -> dict[str, dict[str, str]] | None:
    """Per condition key, what its controls show: {'values': {...}} for a one-of,
    {'value': 'true'|'false'|''} for a yes/no, {'min': .., 'max': ..} for a range.
    None when the files do not parse (the form is then not offered)."""
    if kind is not authoring.SCRIPTS:
        return None
    if posted is not None:
        return {
            key: {
                "values": set(posted.getlist(f"when-{key}")),
                "value": posted.get(f"when-{key}", ""),
                "min": posted.get(f"when-{key}-min", ""),
                "max": posted.get(f"when-{key}-max", ""),
            }
            for key in CONDITIONS
        }
    if not preview["docs"]:
        return None
    shown = {}
    for condition in preview["docs"][0].script.when:
        value = condition.value
        if isinstance(value, bool):
            shown[condition.key] = {"value": "true" if value else "false"}
        elif isinstance(value, tuple):
            shown[condition.key] = {"values": set(value)}
        else:
            shown[condition.key] = {
                "min": "" if value.min is None else str(value.min),
                "max": "" if value.max is None else str(value.max),
            }
    return shown


@authoring_route("<slug>/<any(submit, reopen):step>", methods=["POST"])
@requires("content.approve")
def draft_step(kind: str, slug: str, step: str):
    """An author sends a draft for review; an author or a reviewer sends it back, with a
    comment for the author."""
    if step == "submit" and not current_user.can("content.author"):
        abort(403)
    draft = _draft(kind, slug)
    review = ReviewForm()
    if step == "reopen" and review.is_submitted() and not review.validate():
        if review.csrf_token.errors:
            abort(400)
        names = _kind(kind).files(slug)
        initial = DraftForm.initial(names, draft.texts)
        form = DraftForm(formdata=None, revision=draft.revision, **initial)
        return _draft_page(draft, form, review_form=review)
    if step == "submit" and not StartForm().validate_on_submit():
        abort(400)
    try:
        if step == "submit":
            authoring.draft_submit(actor=current_user, draft=draft)
        else:
            authoring.draft_reopen(actor=current_user, draft=draft, comment=review.comment.data)
    except (authoring.AuthoringError, ContentError) as error:
        return _refused(error, kind, slug)
    db.session.commit()
    flash(_("Sent for review.") if step == "submit" else _("Back to draft."), "success")
    return redirect(_edit_url(kind, slug))


@authoring_route("<slug>/publish", methods=["POST"])
@requires("content.approve")
def draft_publish(kind: str, slug: str):
    draft = _draft(kind, slug)
    if not StartForm().validate_on_submit():
        abort(400)
    try:
        rows = authoring.draft_publish(actor=current_user, draft=draft)
    except (authoring.AuthoringError, ContentError) as error:
        return _refused(error, kind, slug)
    db.session.commit()
    flash(_("Version %(v)s published.", v=rows[0].version), "success")
    return redirect(url_for("training.content_history", kind=kind, slug=slug))


@authoring_route("<slug>/archive", methods=["GET", "POST"])
@requires("content.approve")
def content_archive(kind: str, slug: str):
    """GET asks for a confirmation and a reason; POST with a reason archives."""
    model = _kind(kind).model
    published = db.session.scalar(
        sa.select(model.title)
        .where(model.slug == slug, model.status == ContentStatus.PUBLISHED)
        .order_by((model.language == current_language()).desc())
        .limit(1)
    )
    if published is None:
        abort(404)
    form = ArchiveForm(formdata=None) if request.method == "GET" else ArchiveForm()
    if request.method == "GET" or not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        return render("training/archive.html", kind=kind, slug=slug, title=published, form=form)
    authoring.archive(actor=current_user, kind=_kind(kind), slug=slug, reason=form.reason.data)
    db.session.commit()
    flash(_("Archived: it is no longer shown."), "success")
    return redirect(url_for("training.authoring_list"))


@authoring_route("<slug>/history")
@requires("content.approve")
def content_history(kind: str, slug: str):
    model = _kind(kind).model
    rows = db.session.scalars(
        sa.select(model)
        .where(model.slug == slug)
        .order_by(model.version.desc(), model.language.desc())
    ).all()
    if not rows:
        abort(404)
    versions = sorted({row.version for row in rows}, reverse=True)
    newer = request.args.get("b", type=int) or versions[0]
    older = request.args.get("a", type=int) or (versions[1] if len(versions) > 1 else versions[0])
    return render(
        "training/history.html",
        kind=kind,
        slug=slug,
        rows=rows,
        versions=versions,
        a=older,
        b=newer,
        diff=content_diff.versions_diff(_kind(kind), slug, rows, older, newer),
    )


# --- the quiz editor: both languages' questions as one form ---------------------------------

QUIZ_FILES = {language: names[1] for language, names in FILES.items()}


def _quiz_items(slug: str, texts: dict[str, str]) -> list[quiz_editor.EditQuestion]:
    """The draft's quiz as the editor's structure; ContentError or NotEditable when its
    files must be fixed as text first."""
    questions, problems = {}, []
    for language, name in QUIZ_FILES.items():
        path = f"{slug}/{name}"
        questions[language], found = parse_quiz(texts.get(name, ""), path, unwritten_ok=True)
        problems.extend(found)
    if problems:
        raise ContentError(problems)
    return quiz_editor.from_questions(questions["es"], questions["en"])


def _quiz_texts(items: list[quiz_editor.EditQuestion]) -> dict[str, str]:
    return {
        name: dump_quiz(quiz_editor.to_questions(items, language))
        for language, name in QUIZ_FILES.items()
    }


@bp.route("/authoring/<slug>/quiz", methods=["GET", "POST"])
@requires("content.author")
def quiz_edit(slug: str):
    """Edit the quiz question by question. The buttons that add or remove a question, an
    answer or a scenario step redraw the form without saving; Save stores both quiz
    files in the draft, with the same conflict check as the text editor."""
    draft = _draft("module", slug)
    if request.method == "GET":
        try:
            items = _quiz_items(slug, draft.texts)
        except (ContentError, quiz_editor.NotEditable) as error:
            return _quiz_page(draft, QuizEditForm(formdata=None), None, unreadable=error)
        return _quiz_page(draft, QuizEditForm(formdata=None, revision=draft.revision), items)
    form = QuizEditForm()
    if not form.validate_on_submit():
        abort(400)
    items = quiz_editor.normalise(quiz_editor.from_form(request.form))
    action = request.form.get("action", "save")
    if action != "save":
        return _quiz_page(draft, form, quiz_editor.apply(items, action), unsaved=True)
    try:
        authoring.draft_save(
            actor=current_user,
            draft=draft,
            texts={**draft.texts, **_quiz_texts(items)},
            revision=form.revision.data,
        )
    except authoring.Conflict as error:
        db.session.rollback()
        return _quiz_page(_draft("module", slug), form, items, conflict=error.draft)
    except authoring.AuthoringError as error:
        return _refused(error, "module", slug)
    db.session.commit()
    if wants_fragment():
        form = QuizEditForm(formdata=None, revision=draft.revision)
        return _quiz_page(draft, form, items, saved=True)
    flash(_("Quiz saved."), "success")
    return redirect(url_for("training.quiz_edit", slug=slug))


def _quiz_page(draft: ContentDraft, form: QuizEditForm, items, **state):
    problems = []
    if items is not None:
        texts = {**draft.texts, **_quiz_texts(items)}
        problems = _problems(authoring.MODULES, draft.slug, texts)
    return render(
        "training/quiz_editor.html",
        draft=draft,
        form=form,
        items=items,
        problems=problems,
        revision=state["conflict"].revision if state.get("conflict") else form.revision.data,
        **state,
    )
