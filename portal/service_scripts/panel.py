"""The script panel beside the card: the chosen script filled, rendered and explained."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup, escape

from portal.markdown import render_markdown
from portal.service_scripts import queries, wording
from portal.service_scripts.content import PLACEHOLDER, ScriptDoc
from portal.service_scripts.rules import CardFacts, choose, fill_values, reasons
from portal.training.queries import lesson_title_published

# Stands in for the n-th placeholder while the body goes through Markdown: letters and
# digits only, so no Markdown rule can touch it.
MARK = "QZX{}XZQ"
MARKS = re.compile(r"QZX(\d+)XZQ")


@dataclass(frozen=True)
class Panel:
    script: ScriptDoc | None
    script_id: int | None = None
    html: Markup = field(default_factory=Markup)
    reasons: list[str] = field(default_factory=list)
    others: list[ScriptDoc] = field(default_factory=list)
    chosen_by_rules: bool = True
    commandment: str = ""
    lesson_title: str | None = None  # None while the lesson is not published
    slug_published: bool = True  # False when the slug asked for names no published script

    @property
    def language(self) -> str:
        return self.script.language if self.script else ""


def panel_get(facts: CardFacts, slug: str | None = None, reader: str | None = None) -> Panel:
    """The best fit, or the fitting script `slug` when the employee picked another one
    (a slug that no longer fits, or never did, gets the best fit).

    The script speaks the customer's language; why it was chosen and the commandment it
    applies are for the employee, in `reader`'s language (by default the customer's)."""
    published = queries.scripts_published()
    ids = {(doc.id, doc.language): row_id for row_id, doc in published}
    known = slug is None or any(doc.id == slug for _row_id, doc in published)
    choice = choose([doc for _row_id, doc in published], facts)
    if not choice.best:
        return Panel(script=None, slug_published=known)
    fits = [choice.best, *choice.others]
    script = next((doc for doc in fits if doc.id == slug), choice.best)
    reader = wording.normalise_language(reader or facts.language)
    lesson_title = lesson_title_published(script.lesson, reader)
    return Panel(
        script=script,
        script_id=ids[(script.id, script.language)],
        html=filled_html(script, facts),
        reasons=reasons(script, facts, reader),
        others=[doc for doc in fits if doc is not script],
        chosen_by_rules=script is choice.best,
        commandment=wording.commandment(script.commandment, reader),
        lesson_title=lesson_title,
        slug_published=known,
    )


@lru_cache(maxsize=512)
def _rendered(body: str) -> tuple[str, ...]:
    """The body as sanitised HTML, rendered once per text and split at its placeholders:
    (html, index, html, index, ..., html)."""
    counter = iter(range(body.count("{") + 1))
    marked = PLACEHOLDER.sub(lambda _match: MARK.format(next(counter)), body)
    return tuple(MARKS.split(str(render_markdown(marked))))


def filled_html(script: ScriptDoc, facts: CardFacts) -> Markup:
    """What `render_markdown(fill(script, facts))` shows, without running Markdown on
    every card: the customer's facts go into the cached HTML, HTML-escaped."""
    values = fill_values(script, facts)
    parts = _rendered(script.body)
    html = [part if i % 2 == 0 else str(escape(values[int(part)])) for i, part in enumerate(parts)]
    return Markup("".join(html))  # noqa: S704  (sanitised HTML and escaped values)
