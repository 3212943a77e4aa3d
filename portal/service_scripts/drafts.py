"""A service script as the texts of its two files (a draft written in the browser), and
what a trainer sees while writing it: the conditions in plain words, the body filled for
an example customer who fits them, and which script the card would show that customer.

Pure, except for `script_preview`'s inputs, which the caller reads.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta

from markupsafe import Markup

from portal.content_errors import ContentError
from portal.markdown import render_markdown
from portal.service_scripts.content import (
    ScriptDoc,
    collection_problems,
    dump_script,
    parse_script,
)
from portal.service_scripts.rules import CardFacts, choose, fill, matches, reasons
from portal.service_scripts.vocabulary import (
    BOOL,
    CONDITIONS,
    LANGUAGES,
    NAMES,
    RANGE,
    Condition,
    Range,
    parse_condition,
)
from portal.service_scripts.wording import pick

SKELETON = {
    "es": ("Título del guion", "1. **Diga:** «Hola, {first_name}. ¿En qué puedo ayudarle hoy?»"),
    "en": ("Script title", '1. **Say:** "Hello, {first_name}. How can I help you today?"'),
}
SKELETON_LESSON = "commandment-01-earn-my-trust"


def script_file(slug: str, language: str) -> str:
    return f"{slug}.{language}.md"


def script_files(slug: str) -> tuple[str, ...]:
    return tuple(script_file(slug, language) for language in LANGUAGES)


def parse_script_texts(slug: str, texts: dict[str, str]) -> list[ScriptDoc]:
    """Both languages of a script from its files' texts, with the checks files on disk
    get (the file name carries the id and the language, so neither can drift)."""
    docs, problems = [], []
    for name in script_files(slug):
        try:
            docs.append(parse_script(texts.get(name, ""), name))
        except ContentError as error:
            problems.extend(error.problems)
    if not problems:
        problems.extend(collection_problems(docs))
    if problems:
        raise ContentError(problems)
    return docs


def script_texts(docs: list[ScriptDoc]) -> dict[str, str]:
    """The canonical files of a script (both languages), by file name."""
    return {script_file(doc.id, doc.language): dump_script(doc) for doc in docs}


def skeleton_docs(slug: str) -> list[ScriptDoc]:
    """A new script that passes every check: fits everyone, lowest priority."""
    return [
        ScriptDoc(
            id=slug,
            language=language,
            title=title,
            priority=0,
            commandment=1,
            lesson=SKELETON_LESSON,
            upsell=False,
            version=1,
            status="draft",
            when=(),
            body=body,
        )
        for language, (title, body) in SKELETON.items()
    ]


# --- the preview ------------------------------------------------------------------------


def _inside(value: Range, usual: int) -> int:
    """A whole number the range admits, close to `usual` when the range allows it."""
    low = value.min if value.min is not None else 0
    high = value.max if value.max is not None else max(low, usual)
    return min(max(usual, low), high)


def example_facts(script: ScriptDoc, today: date) -> CardFacts:
    """An example customer built to meet `script`'s conditions, for the author's preview.

    Facts no condition names take ordinary values (a silver customer of three years,
    last seen 20 days ago). Conditions that contradict each other give a customer who
    does not fit, which the preview reports."""
    facts: dict = {
        "language": script.language,
        "today": today,
        "first_name": "Ana",
        "tier": "silver",
        "customer_since": today - timedelta(days=3 * 365 + 1),
        "purchases": 8,
        "last_purchase_date": today - timedelta(days=20),
        "spend_trend": "stable",
    }
    for condition in script.when:
        key, value = condition.key, condition.value
        if key in ("complaint_department", "open_complaint") and value is not False:
            facts["open_complaint"] = True
            facts.setdefault("complaint_department", "billing")
            facts["complaint_date"] = today - timedelta(days=3)
        if key in ("low_satisfaction_department", "recent_low_satisfaction") and value is not False:
            facts["recent_low_satisfaction"] = True
            facts.setdefault("low_satisfaction_department", "support")
            facts["low_satisfaction_date"] = today - timedelta(days=5)
        if isinstance(value, tuple):
            facts[key] = value[0]
        elif isinstance(value, Range):
            if key == "days_since_last_purchase":
                facts["last_purchase_date"] = today - timedelta(days=_inside(value, 20))
            elif key == "points_expiring":
                facts["points_expiring"] = _inside(value, 1200)
                facts["expiry_date"] = today + timedelta(days=10)
            else:
                facts[key] = _inside(value, 8)
        elif key == "open_promise_due":
            facts["promise_due"] = today + timedelta(days=1) if value else None
        elif key not in ("complaint_department", "low_satisfaction_department"):
            facts[key] = value
    return CardFacts(**facts)


@dataclass(frozen=True)
class LanguagePreview:
    script: ScriptDoc
    reasons: list[str]
    html: Markup
    fits_example: bool
    shown_instead: ScriptDoc | None  # the script the card would show first, if not this one
    warnings: list[str] = field(default_factory=list)


def script_preview(
    docs: list[ScriptDoc],
    published: list[ScriptDoc],
    lessons: set[str],
    today: date,
    reader: str,
) -> list[LanguagePreview]:
    """Per language: why the script would be chosen (in `reader`'s language), the body as
    an example customer would hear it, and whether another published script wins."""
    previews = []
    for doc in docs:
        draft = dataclasses.replace(doc, status="published")
        facts = example_facts(draft, today)
        rivals = [other for other in published if other.id != doc.id]
        choice = choose([*rivals, draft], facts, doc.language)
        fits = matches(draft, facts)
        best = choice.best
        warnings = []
        if doc.lesson not in lessons:
            warnings.append(
                pick(
                    reader,
                    f"La lección «{doc.lesson}» no está publicada: la tarjeta no la enlazará.",
                    f"The lesson '{doc.lesson}' is not published: the card will not link it.",
                )
            )
        if doc.upsell:
            warnings.append(
                pick(
                    reader,
                    "Guion de venta: no se muestra a quien pidió no recibir ofertas, ni con "
                    "una queja abierta o una valoración baja reciente.",
                    "A sales script: not shown to customers who asked not to be sold to, nor "
                    "while a complaint is open or a recent score was low.",
                )
            )
        previews.append(
            LanguagePreview(
                script=doc,
                reasons=reasons(draft, facts, reader),
                html=render_markdown(fill(draft, facts)),
                fits_example=fits,
                shown_instead=best if fits and best is not None and best.id != doc.id else None,
                warnings=warnings,
            )
        )
    return previews


# --- the conditions form ------------------------------------------------------------------
# One control per condition key: checkboxes for a one-of (`when-tier` posted once per
# ticked value), a yes/no/either select for true/false, min and max boxes for a range.


def _posted(form, key: str, kind: object, language: str) -> tuple[object, str | None]:
    """One condition's value as posted (None: not set), or a problem with it in words."""
    name = f"when-{key}"
    if kind == BOOL:
        return {"true": True, "false": False}.get(form.get(name, "")), None
    if kind == RANGE:
        value = {}
        for bound in ("min", "max"):
            text = (form.get(f"{name}-{bound}") or "").strip()
            if not text:
                continue
            if not text.isdigit():
                return None, pick(
                    language,
                    f"{condition_name(key, language)}: «{text}» no es un número entero (0 o más).",
                    f"{condition_name(key, language)}: '{text}' is not a whole number (0 or more).",
                )
            value[bound] = int(text)
        if value.get("min", 0) > value.get("max", value.get("min", 0)):
            return None, pick(
                language,
                f"{condition_name(key, language)}: «desde» ({value['min']}) es mayor que "
                f"«hasta» ({value['max']}); ningún cliente cumpliría la condición.",
                f"{condition_name(key, language)}: 'from' ({value['min']}) is greater than "
                f"'to' ({value['max']}); no customer would meet it.",
            )
        return value or None, None
    return [v for v in form.getlist(name) if v] or None, None


def condition_name(key: str, language: str) -> str:
    return NAMES[key][0 if language == "es" else 1] if key in NAMES else key


def conditions_from_form(form, language: str = "en") -> tuple[tuple[Condition, ...], list[str]]:
    """The `when:` block the conditions form describes, and what is wrong with it (each
    message names the condition in words, in `language`). `form` is a MultiDict-like
    mapping with `getlist`."""
    conditions, errors = [], []
    for key, kind in CONDITIONS.items():
        value, problem = _posted(form, key, kind, language)
        if problem:
            errors.append(problem)
        if value is None:
            continue
        try:
            conditions.append(parse_condition(key, value))
        except ValueError:
            errors.append(
                pick(
                    language,
                    f"{condition_name(key, language)}: elige valores de la lista.",
                    f"{condition_name(key, language)}: choose values from the list.",
                )
            )
    return tuple(conditions), errors


def with_conditions(slug: str, texts: dict[str, str], when: tuple[Condition, ...]) -> dict:
    """Both files with their `when:` block replaced (and written in canonical form);
    ContentError when the files must be fixed first."""
    docs = parse_script_texts(slug, texts)
    return {**texts, **script_texts([dataclasses.replace(doc, when=when) for doc in docs])}
