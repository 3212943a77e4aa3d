"""Writing modules in the browser: drafts, review, publishing, archiving.

Draft → in review → published → archived. A draft holds the module's four files as
text; publishing parses them with the same checks as files on disk and stores them as
the next immutable version. Whoever changed a draft cannot publish it: a second
trainer or a manager approves. A major change re-opens the completions of earlier
versions; a minor one does not.
"""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from portal.audit.services import audit_record
from portal.auth.models import User
from portal.clock import utcnow
from portal.extensions import db
from portal.i18n import N_
from portal.service_scripts.models import ContentStatus
from portal.training.models import Completion, ContentDraft, Module
from portal.training.queries import module_doc
from portal.training.services import module_hash, module_row
from portal.training.texts import module_texts, parse_module_texts

SKELETON = {
    "es": ("Título del módulo", "Primera lección", "Texto de la lección.", "¿Pregunta?"),
    "en": ("Module title", "First lesson", "Lesson text.", "Question?"),
}


class AuthoringError(ValueError):
    def __init__(self, message: str, **params) -> None:
        super().__init__(message)
        self.message, self.params = message, params


class Conflict(AuthoringError):
    """Somebody saved the draft after the version the editor started from."""

    def __init__(self, draft: ContentDraft) -> None:
        super().__init__(N_("Someone else saved this draft while you were editing it."))
        self.draft = draft


def newest_version(slug: str) -> int:
    stmt = sa.select(sa.func.max(Module.version)).where(Module.slug == slug)
    return db.session.scalar(stmt) or 0


def draft_get(slug: str) -> ContentDraft | None:
    return db.session.scalar(
        sa.select(ContentDraft).where(ContentDraft.kind == "module", ContentDraft.slug == slug)
    )


def draft_open(*, actor: User, slug: str) -> ContentDraft:
    """The module's draft, or a new one from its newest version (next version number)."""
    draft = draft_get(slug)
    if draft is not None:
        return draft
    rows = db.session.scalars(
        sa.select(Module).where(Module.slug == slug, Module.version == newest_version(slug))
    ).all()
    if not rows:
        raise AuthoringError(N_("There is no module '%(slug)s'."), slug=slug)
    docs = [
        dataclasses.replace(
            module_doc(row), version=row.version + 1, status=ContentStatus.DRAFT.value
        )
        for row in rows
    ]
    return _new_draft(actor, slug, module_texts(docs))


def draft_new(*, actor: User, slug: str) -> ContentDraft:
    """A new module from a skeleton that already passes every check."""
    if newest_version(slug) or draft_get(slug) is not None:
        raise AuthoringError(N_("A module '%(slug)s' already exists."), slug=slug)
    return _new_draft(actor, slug, skeleton_texts(slug))


def skeleton_texts(slug: str) -> dict[str, str]:
    from portal.training.content import Lesson as LessonDoc
    from portal.training.content import ModuleDoc
    from portal.training.quiz import Choice, Node, Question

    docs = []
    for language, (title, lesson, text, prompt) in SKELETON.items():
        right, wrong = Choice("a", "…", True, "…"), Choice("b", "…", False, "…")
        single = [
            Question(f"q{n}", "single", f"{prompt} {n}", "…", choices=(right, wrong))
            for n in range(1, 5)
        ]
        scenario = Question(
            "q5", "scenario", prompt, "…", start="n1", nodes=(Node("n1", "…", (right, wrong)),)
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
    return module_texts(docs)


def _new_draft(actor: User, slug: str, texts: dict[str, str]) -> ContentDraft:
    draft = ContentDraft(
        kind="module",
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
        detail={"slug": slug},
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
    parse_module_texts(draft.slug, draft.texts)  # ContentError: fix before review
    draft.status = ContentStatus.IN_REVIEW
    db.session.flush()
    audit_record(
        actor=actor,
        action="draft.submitted",
        target_type="content_draft",
        target_id=draft.id,
        detail={"slug": draft.slug},
    )
    return draft


def draft_reopen(*, actor: User, draft: ContentDraft) -> ContentDraft:
    draft.status = ContentStatus.DRAFT
    db.session.flush()
    return draft


def draft_publish(*, actor: User, draft: ContentDraft) -> list[Module]:
    """Store the draft as the module's next version, published; retire the draft."""
    if draft.status != ContentStatus.IN_REVIEW:
        raise AuthoringError(N_("Submit the draft for review first."))
    if actor.id in (draft.editors or []):
        raise AuthoringError(
            N_("You changed this draft: another trainer or a manager publishes it.")
        )
    version = newest_version(draft.slug) + 1
    docs = [
        dataclasses.replace(doc, version=version, status=ContentStatus.PUBLISHED.value)
        for doc in parse_module_texts(draft.slug, draft.texts)
    ]
    rows = [module_row(doc, module_hash(doc), actor) for doc in docs]
    db.session.add_all(rows)
    reopened = 0
    if version > 1 and docs[0].change == "major":
        reopened = db.session.execute(
            sa.update(Completion)
            .where(Completion.module_slug == draft.slug, Completion.reopened_at.is_(None))
            .values(reopened_at=utcnow())
        ).rowcount
    db.session.delete(draft)
    db.session.flush()
    audit_record(
        actor=actor,
        action="module.published",
        target_type="training_module",
        target_id=rows[0].id,
        detail={
            "slug": draft.slug,
            "version": version,
            "change": docs[0].change,
            "reopened": reopened,
        },
    )
    return rows


def module_archive(*, actor: User, slug: str) -> int:
    count = db.session.execute(
        sa.update(Module)
        .where(Module.slug == slug, Module.status == ContentStatus.PUBLISHED)
        .values(status=ContentStatus.ARCHIVED)
    ).rowcount
    audit_record(
        actor=actor,
        action="module.archived",
        target_type="training_module",
        target_id=None,
        detail={"slug": slug},
    )
    return count
