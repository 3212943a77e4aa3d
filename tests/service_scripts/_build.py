"""Helpers to build scripts and facts without files or an app."""

from __future__ import annotations

from datetime import date

from portal.service_scripts.content import ScriptDoc
from portal.service_scripts.vocabulary import parse_condition

TODAY = date(2025, 3, 2)


def script(
    id: str = "sample",
    when: dict | None = None,
    *,
    language: str = "es",
    priority: int = 0,
    upsell: bool = False,
    status: str = "published",
    body: str = "Hola, {first_name}.",
) -> ScriptDoc:
    return ScriptDoc(
        id=id,
        language=language,
        title=id,
        priority=priority,
        commandment=7,
        lesson="commandment-07-know-me",
        upsell=upsell,
        version=1,
        status=status,
        when=tuple(parse_condition(key, value) for key, value in (when or {}).items()),
        body=body,
        path=f"{id}.{language}.md",
    )
