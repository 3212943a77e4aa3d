"""Trainers' pages: the module list, writing a draft with a live preview, review and
publishing, history with a readable diff between versions."""

from __future__ import annotations

import difflib

import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.permissions import requires
from portal.content_errors import ContentError
from portal.extensions import db
from portal.markdown import render_markdown
from portal.training import authoring, bp
from portal.training.forms import DRAFT_FILES, DraftForm, NewModuleForm, StartForm
from portal.training.models import ContentDraft, Module
from portal.training.queries import module_doc, modules_newest
from portal.training.texts import module_texts, parse_module_texts
from portal.web import render


@bp.route("/authoring")
@requires("content.author")
def authoring_list():
    drafts = {d.slug: d for d in db.session.scalars(sa.select(ContentDraft))}
    modules = {}
    for row in modules_newest():
        modules.setdefault(row.slug, row)
    return render(
        "training/authoring.html",
        modules=sorted(modules.values(), key=lambda m: m.slug),
        drafts=drafts,
        new_form=NewModuleForm(formdata=None),
        form=StartForm(formdata=None),
    )


def _refused(error: authoring.AuthoringError | ContentError, slug: str | None = None):
    db.session.rollback()
    if isinstance(error, ContentError):
        flash(
            _(
                "Fix these problems first: %(problems)s",
                problems="; ".join(map(str, error.problems[:5])),
            ),
            "error",
        )
    else:
        flash(_(error.message, **error.params), "error")
    return redirect(
        url_for("training.draft_edit", slug=slug) if slug else url_for("training.authoring_list")
    )


@bp.route("/authoring/new", methods=["POST"])
@requires("content.author")
def draft_new():
    form = NewModuleForm()
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.slug.errors)) or _("Enter a module id."), "error")
        return redirect(url_for("training.authoring_list"))
    try:
        authoring.draft_new(actor=current_user, slug=form.slug.data)
    except authoring.AuthoringError as error:
        return _refused(error)
    db.session.commit()
    return redirect(url_for("training.draft_edit", slug=form.slug.data))


@bp.route("/authoring/<slug>/draft", methods=["POST"])
@requires("content.author")
def draft_open(slug: str):
    if not StartForm().validate_on_submit():
        abort(400)
    try:
        authoring.draft_open(actor=current_user, slug=slug)
    except authoring.AuthoringError as error:
        return _refused(error)
    db.session.commit()
    return redirect(url_for("training.draft_edit", slug=slug))


def _draft(slug: str) -> ContentDraft:
    return authoring.draft_get(slug) or abort(404)


def _preview(slug: str, texts: dict[str, str]) -> dict:
    try:
        docs = parse_module_texts(slug, texts)
    except ContentError as error:
        return {"problems": [str(p) for p in error.problems], "docs": []}
    return {
        "problems": [],
        "docs": [
            (doc, [(lesson, render_markdown(lesson.body)) for lesson in doc.lessons])
            for doc in docs
        ],
    }


@bp.route("/authoring/<slug>/edit", methods=["GET", "POST"])
@requires("content.author")
def draft_edit(slug: str):
    draft = _draft(slug)
    if request.method == "GET":
        texts = {f: draft.texts.get(n, "") for f, n in DRAFT_FILES.items()}
        return _draft_page(draft, DraftForm(formdata=None, revision=draft.revision, **texts))
    form = DraftForm()
    if not form.validate_on_submit() or request.form.get("action") == "preview":
        return _draft_page(draft, form)
    try:
        authoring.draft_save(
            actor=current_user, draft=draft, texts=form.texts(), revision=form.revision.data
        )
    except authoring.Conflict as error:
        db.session.rollback()
        return _draft_page(_draft(slug), form, conflict=error.draft)
    except authoring.AuthoringError as error:
        return _refused(error, slug)
    db.session.commit()
    flash(_("Draft saved."), "success")
    return redirect(url_for("training.draft_edit", slug=slug))


@bp.route("/authoring/<slug>/preview", methods=["POST"])
@requires("content.author")
def draft_preview(slug: str):
    """The live preview (htmx swaps only it); without JavaScript, the page with it."""
    return _draft_page(_draft(slug), DraftForm())


def _draft_page(draft: ContentDraft, form: DraftForm, conflict: ContentDraft | None = None):
    may_publish = current_user.can("content.approve") and current_user.id not in (
        draft.editors or []
    )
    return render(
        "training/draft.html",
        "preview",
        draft=draft,
        form=form,
        conflict=conflict,
        preview=_preview(draft.slug, form.texts()),
        start_form=StartForm(formdata=None),
        may_publish=may_publish,
    )


@bp.route("/authoring/<slug>/<any(submit, reopen):step>", methods=["POST"])
@requires("content.author")
def draft_step(slug: str, step: str):
    draft = _draft(slug)
    if not StartForm().validate_on_submit():
        abort(400)
    try:
        if step == "submit":
            authoring.draft_submit(actor=current_user, draft=draft)
        else:
            authoring.draft_reopen(actor=current_user, draft=draft)
    except (authoring.AuthoringError, ContentError) as error:
        return _refused(error, slug)
    db.session.commit()
    flash(_("Sent for review.") if step == "submit" else _("Back to draft."), "success")
    return redirect(url_for("training.draft_edit", slug=slug))


@bp.route("/authoring/<slug>/publish", methods=["POST"])
@requires("content.approve")
def draft_publish(slug: str):
    draft = _draft(slug)
    if not StartForm().validate_on_submit():
        abort(400)
    try:
        rows = authoring.draft_publish(actor=current_user, draft=draft)
    except (authoring.AuthoringError, ContentError) as error:
        return _refused(error, slug)
    db.session.commit()
    flash(_("Version %(v)s published.", v=rows[0].version), "success")
    return redirect(url_for("training.module_history", slug=slug))


@bp.route("/authoring/<slug>/archive", methods=["POST"])
@requires("content.approve")
def module_archive(slug: str):
    if not StartForm().validate_on_submit():
        abort(400)
    authoring.module_archive(actor=current_user, slug=slug)
    db.session.commit()
    flash(_("Module archived."), "success")
    return redirect(url_for("training.authoring_list"))


@bp.route("/authoring/<slug>/history")
@requires("content.approve")
def module_history(slug: str):
    rows = db.session.scalars(
        sa.select(Module)
        .where(Module.slug == slug)
        .order_by(Module.version.desc(), Module.language.desc())
    ).all()
    if not rows:
        abort(404)
    versions = sorted({row.version for row in rows}, reverse=True)
    newer = request.args.get("b", type=int) or versions[0]
    older = request.args.get("a", type=int) or (versions[1] if len(versions) > 1 else versions[0])
    return render(
        "training/history.html",
        slug=slug,
        rows=rows,
        versions=versions,
        a=older,
        b=newer,
        diff=_diff(rows, older, newer),
    )


def _diff(rows: list[Module], older: int, newer: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """Per file, the changed lines between two versions: ('+' | '-' | ' ' | '@', text)."""
    texts = {}
    for version in (older, newer):
        docs = [module_doc(row) for row in rows if row.version == version]
        texts[version] = module_texts(docs) if docs else {}
    out = []
    for name in DRAFT_FILES.values():
        lines = difflib.unified_diff(
            texts[older].get(name, "").splitlines(),
            texts[newer].get(name, "").splitlines(),
            lineterm="",
            n=1,
        )
        changed = [(line[:1] if line[:1] in "+- @" else " ", line) for line in list(lines)[2:]]
        if changed:
            out.append((name, changed))
    return out
