"""Reads for service scripts: the published versions the card chooses from."""

from __future__ import annotations

import sqlalchemy as sa

from portal.content_sync import newest_versions
from portal.extensions import db
from portal.service_scripts.content import ScriptDoc
from portal.service_scripts.models import ContentStatus, ServiceScript
from portal.service_scripts.vocabulary import parse_condition

# Stored versions never change content, so a parsed one can be kept for the process;
# the hash in the key keeps a reused id (a rebuilt database) from reading a stale entry,
# and the status, which can change, is part of the key too.
_parsed: dict[tuple[int, str, str], ScriptDoc] = {}


def script_doc(row: ServiceScript) -> ScriptDoc:
    key = (row.id, row.content_hash, ContentStatus(row.status).value)
    doc = _parsed.get(key)
    if doc is None:
        doc = ScriptDoc(
            id=row.slug,
            language=row.language,
            title=row.title,
            priority=row.priority,
            commandment=row.commandment,
            lesson=row.lesson or "",
            upsell=row.upsell,
            version=row.version,
            status=ContentStatus(row.status).value,
            when=tuple(parse_condition(k, v) for k, v in (row.conditions or {}).items()),
            body=row.body,
        )
        _parsed[key] = doc
    return doc


PUBLISHED = newest_versions(
    ServiceScript,
    ServiceScript.id,
    ServiceScript.content_hash,
    ServiceScript.status,
    published_only=True,
)


def scripts_published() -> list[tuple[int, ScriptDoc]]:
    """(row id, script) for the newest published version of each script and language.

    Reads only ids and hashes on every call (the card asks on every opening); whole
    rows are loaded for versions this process has not parsed yet."""
    keys = [  # plain rows past the ORM, whose own work cost more than this query
        (row_id, digest, ContentStatus(status).value)
        for row_id, digest, status in db.session.connection().execute(PUBLISHED)
    ]
    missing = [key[0] for key in keys if key not in _parsed]
    if missing:
        stmt = sa.select(ServiceScript).where(ServiceScript.id.in_(missing))
        for row in db.session.scalars(stmt):
            script_doc(row)
    return [(key[0], _parsed[key]) for key in keys]


def scripts_newest() -> list[ScriptDoc]:
    """The newest version of every script in every language, whatever its status."""
    return [script_doc(row) for row in db.session.scalars(newest_versions(ServiceScript))]
