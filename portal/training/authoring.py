"""Writing content in the browser: drafts, review, publishing, archiving.

Two kinds of content share one workflow: training modules (four files) and service
scripts (two files, one per language). Draft → in review → published → archived. A
draft holds the files as text; publishing parses them with the same checks as files on
disk and stores them as the next immutable version. Whoever changed a draft cannot
publish it: a second trainer or a manager approves. A major change to a module re-opens
the completions of earlier versions; a minor one does not.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from portal.audit.services import audit_record
from portal.auth.models import User
from portal.clock import utcnow
from portal.extensions import db
from portal.i18n import N_
from portal.service_scripts import drafts as script_drafts
from portal.service_scripts.models import ContentStatus, ServiceScript
from portal.service_scripts.queries import script_doc
from portal.service_scripts.services import content_hash, script_row
from portal.training.content import FILES
from portal.training.models import Completion, ContentDraft, Module
from portal.training.queries import module_doc
from portal.training.services import module_hash, module_row
from portal.training.template import PLACEHOLDER, TEMPLATE
from portal.training.texts import module_texts, parse_module_texts


def _no_follow_up(slug: str, docs: list, version: int) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Kind:
    """What the workflow needs to know about one kind of content."""

    name: str  # ContentDraft.kind, and the first word of its audit actions
    model: type  # the stored versions: one row per (slug, language, version)
    target_type: str  # for audit events
    files: Callable[[str], tuple[str, ...]]  # slug -> the draft's file names, in order
    parse: Callable[[str, dict[str, str]], list]  # slug, texts -> docs (or ContentError)
    texts: Callable[[list], dict[str, str]]  # docs -> canonical texts by file name
    doc: Callable[[Any], Any]  # stored row -> doc
    skeleton: Callable[[str], list]  # slug -> docs of a new item, for the author to fill
    row: Callable[[Any, User], Any]  # doc, actor -> a new stored row
    after_publish: Callable[[str, list, int], dict[str, Any]] = _no_follow_up


def _module_files(slug: str) -> tuple[str, ...]:
    return tuple(name for language in FILES for name in FILES[language])


def _reopen_completions(slug: str, docs: list, version: int) -> dict[str, Any]:
    """A major change sends everyone who completed an earlier version back to it."""
    reopened = 0
    if version > 1 and docs[0].change == "major":
        reopened = db.session.execute(
            sa.update(Completion)
            .where(Completion.module_slug == slug, Completion.reopened_at.is_(None))
            .values(reopened_at=utcnow())
        ).rowcount
    return {"change": docs[0].change, "reopened": reopened}


class AuthoringError(ValueError):
    def __init__(self, message: str, **params) -> None:
        super().__init__(message)
        self.message, self.params = message, params


class Conflict(AuthoringError):
    """Somebody saved the draft after the version the editor started from."""

    def __init__(self, draft: ContentDraft) -> None:
        super().__init__(N_("Someone else saved this draft while you were editing it."))
        self.draft = draft


def newest_version(kind: Kind, slug: str) -> int:
    stmt = sa.select(sa.func.max(kind.model.version)).where(kind.model.slug == slug)
    return db.session.scalar(stmt) or 0


def draft_get(kind: Kind, slug: str) -> ContentDraft | None:
    return db.session.scalar(
        sa.select(ContentDraft).where(ContentDraft.kind == kind.name, ContentDraft.slug == slug)
    )


def draft_open(*, actor: User, kind: Kind, slug: str) -> ContentDraft:
    """The draft, or a new one from the newest stored version (next version number)."""
    draft = draft_get(kind, slug)
    if draft is not None:
        return draft
    rows = db.session.scalars(
        sa.select(kind.model).where(
            kind.model.slug == slug, kind.model.version == newest_version(kind, slug)
        )
    ).all()
    if not rows:
        raise AuthoringError(N_("There is nothing called '%(slug)s' to edit."), slug=slug)
    docs = [
        dataclasses.replace(
            kind.doc(row), version=row.version + 1, status=ContentStatus.DRAFT.value
        )
        for row in rows
    ]
    return _new_draft(actor, kind, slug, kind.texts(docs))


def draft_new(*, actor: User, kind: Kind, slug: str) -> ContentDraft:
    """A new module or script from a skeleton with the right shape. A module's template
    words and empty answers fail the content check until the author replaces them."""
    if newest_version(kind, slug) or draft_get(kind, slug) is not None:
        raise AuthoringError(N_("'%(slug)s' already exists: open it instead."), slug=slug)
    return _new_draft(actor, kind, slug, kind.texts(kind.skeleton(slug)))


def _module_skeleton(slug: str) -> list:
    from portal.training.content import Lesson as LessonDoc
    from portal.training.content import ModuleDoc
    from portal.training.quiz import Choice, Node, Question

    docs = []
    blank = PLACEHOLDER
    for language, (title, lesson, text, prompt) in TEMPLATE.items():
        right, wrong = Choice("a", blank, True, blank), Choice("b", blank, False, blank)
        single = [
            Question(f"q{n}", "single", f"{prompt} {n}", blank, choices=(right, wrong))
            for n in range(1, 5)
        ]
        scenario = Question(
            "q5", "scenario", prompt, blank, start="n1", nodes=(Node("n1", blank, (right, wrong)),)
        )
        docs.append(
            ModuleDoc(
                id=slug,
                title=title,
                version=1,
                status="draft",
                language=language,
                estimated_minutes=10,
                audience=("frontline",),
                due_within_days=30,
                recertify_after_days=365,
                pass_mark=80,
                attempts=3,
                doctrine=("commandments",),
                change="major",
                lessons=(LessonDoc("lesson-1", lesson, text),),
                questions=(*single, scenario),
            )
        )
    return docs


MODULES = Kind(
    name="module",
    model=Module,
    target_type="training_module",
    files=_module_files,
    parse=parse_module_texts,
    texts=module_texts,
    doc=module_doc,
    skeleton=_module_skeleton,
    row=lambda doc, actor: module_row(doc, module_hash(doc), actor),
    after_publish=_reopen_completions,
)
SCRIPTS = Kind(
    name="script",
    model=ServiceScript,
    target_type="service_script",
    files=script_drafts.script_files,
    parse=script_drafts.parse_script_texts,
    texts=script_drafts.script_texts,
    doc=script_doc,
    skeleton=script_drafts.skeleton_docs,
    row=lambda doc, actor: script_row(doc, content_hash(doc), actor),
)
KINDS = {kind.name: kind for kind in (MODULES, SCRIPTS)}


def _new_draft(actor: User, kind: Kind, slug: str, texts: dict[str, str]) -> ContentDraft:
    draft = ContentDraft(
        kind=kind.name,
        slug=slug,
        texts=texts,
        status=ContentStatus.DRAFT,
        revision=1,
        editors=[actor.id],
        updated_by_id=actor.id,
    )
    db.session.add(draft)
    db.session.flush()
    audit_record(
        actor=actor,
        action="draft.opened",
        target_type="content_draft",
        target_id=draft.id,
        detail={"kind": kind.name, "slug": slug},
    )
    return draft


def draft_save(
    *, actor: User, draft: ContentDraft, texts: dict[str, str], revision: int
) -> ContentDraft:
    """Keep what was typed, valid or not (it is a draft); refuse a stale revision."""
    if revision != draft.revision:
        raise Conflict(draft)
    if draft.status != ContentStatus.DRAFT:
        raise AuthoringError(N_("This draft is in review: send it back to draft to change it."))
    draft.texts = dict(texts)
    draft.revision += 1
    draft.editors = sorted({*draft.editors, actor.id})
    draft.updated_at, draft.updated_by_id = utcnow(), actor.id
    db.session.flush()
    return draft


def draft_submit(*, actor: User, draft: ContentDraft) -> ContentDraft:
    KINDS[draft.kind].parse(draft.slug, draft.texts)  # ContentError: fix before review
    draft.status = ContentStatus.IN_REVIEW
    draft.review_comment = draft.review_comment_by_id = draft.review_comment_at = None
    db.session.flush()
    audit_record(
        actor=actor,
        action="draft.submitted",
        target_type="content_draft",
        target_id=draft.id,
        detail={"kind": draft.kind, "slug": draft.slug},
    )
    return draft


def draft_reopen(*, actor: User, draft: ContentDraft, comment: str | None = None) -> ContentDraft:
    """Back to draft; a reviewer's `comment` stays on the draft for its author to read
    until it is sent for review again."""
    draft.status = ContentStatus.DRAFT
    comment = (comment or "").strip()
    if comment:
        draft.review_comment, draft.review_comment_by_id = comment, actor.id
        draft.review_comment_at = utcnow()
    db.session.flush()
    audit_record(
        actor=actor,
        action="draft.returned",
        target_type="content_draft",
        target_id=draft.id,
        detail={"kind": draft.kind, "slug": draft.slug, "comment": comment},
    )
    return draft


def draft_publish(*, actor: User, draft: ContentDraft) -> list:
    """Store the draft as the next version, published; retire the draft."""
    if draft.status != ContentStatus.IN_REVIEW:
        raise AuthoringError(N_("Submit the draft for review first."))
    if actor.id in (draft.editors or []):
        raise AuthoringError(
            N_("You changed this draft: another trainer or a manager publishes it.")
        )
    kind = KINDS[draft.kind]
    version = newest_version(kind, draft.slug) + 1
    docs = [
        dataclasses.replace(doc, version=version, status=ContentStatus.PUBLISHED.value)
        for doc in kind.parse(draft.slug, draft.texts)
    ]
    rows = [kind.row(doc, actor) for doc in docs]
    db.session.add_all(rows)
    detail = {"slug": draft.slug, "version": version}
    detail.update(kind.after_publish(draft.slug, docs, version))
    db.session.delete(draft)
    db.session.flush()
    audit_record(
        actor=actor,
        action=f"{kind.name}.published",
        target_type=kind.target_type,
        target_id=rows[0].id,
        detail=detail,
    )
    return rows


def archive(*, actor: User, kind: Kind, slug: str, reason: str = "") -> int:
    """Withdraw every published version: learners stop seeing the module, the card stops
    offering the script. Stored versions stay for the record; the reason goes to the audit."""
    count = db.session.execute(
        sa.update(kind.model)
        .where(kind.model.slug == slug, kind.model.status == ContentStatus.PUBLISHED)
        .values(status=ContentStatus.ARCHIVED)
    ).rowcount
    audit_record(
        actor=actor,
        action=f"{kind.name}.archived",
        target_type=kind.target_type,
        target_id=None,
        detail={"slug": slug, "reason": reason.strip()},
    )
    return count
