"""What changed in a module or a script: between two stored versions (the history page),
or between a draft and the published version (what a reviewer approves)."""

from __future__ import annotations

import difflib

import sqlalchemy as sa

from portal.extensions import db
from portal.service_scripts.models import ContentStatus
from portal.training.authoring import Kind
from portal.training.models import ContentDraft

DiffLines = list[tuple[str, list[tuple[str, str]]]]


def texts_diff(kind: Kind, slug: str, older: dict[str, str], newer: dict[str, str]) -> DiffLines:
    """Per file, the changed lines: ('+' | '-' | ' ' | '@', text)."""
    out = []
    for name in kind.files(slug):
        lines = difflib.unified_diff(
            older.get(name, "").splitlines(), newer.get(name, "").splitlines(), lineterm="", n=1
        )
        changed = [(line[:1] if line[:1] in "+- @" else " ", line) for line in list(lines)[2:]]
        if changed:
            out.append((name, changed))
    return out


def versions_diff(kind: Kind, slug: str, rows: list, older: int, newer: int) -> DiffLines:
    """The diff between two stored versions (`rows`: the item's stored rows)."""
    texts = {}
    for version in (older, newer):
        docs = [kind.doc(row) for row in rows if row.version == version]
        texts[version] = kind.texts(docs) if docs else {}
    return texts_diff(kind, slug, texts[older], texts[newer])


def published_diff(kind: Kind, draft: ContentDraft) -> tuple[int, DiffLines] | None:
    """The published version's number and the draft's changes against it; None when
    nothing is published (a new item)."""
    model = kind.model
    version = db.session.scalar(
        sa.select(sa.func.max(model.version)).where(
            model.slug == draft.slug, model.status == ContentStatus.PUBLISHED
        )
    )
    if version is None:
        return None
    rows = db.session.scalars(
        sa.select(model).where(model.slug == draft.slug, model.version == version)
    ).all()
    published = kind.texts([kind.doc(row) for row in rows])
    return version, texts_diff(kind, draft.slug, published, draft.texts)
