"""Why a script was chosen, in plain words built from the facts its conditions used.

One phrase per condition key, in Spanish or English: "Oro", "queja con Facturación
hace 3 días", "1.200 puntos caducan en 10 días".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from portal.service_scripts import wording
from portal.service_scripts.wording import pick

if TYPE_CHECKING:
    from portal.service_scripts.content import ScriptDoc
    from portal.service_scripts.rules import CardFacts

Phrase = Callable[["CardFacts", str], str]


def _complaint(facts: CardFacts, lang: str) -> str:
    if not facts.open_complaint:
        return pick(lang, "sin quejas abiertas", "no open complaint")
    parts = [pick(lang, "queja", "complaint")]
    if facts.complaint_department:
        department = wording.label(facts.complaint_department, lang)
        parts.append(pick(lang, "con ", "with ") + department)
    if facts.complaint_days_ago is not None:
        parts.append(wording.days_ago(facts.complaint_days_ago, lang))
    if len(parts) == 1:
        return pick(lang, "queja abierta", "open complaint")
    return " ".join(parts)


def _low_satisfaction(facts: CardFacts, lang: str) -> str:
    if not facts.recent_low_satisfaction:
        return pick(lang, "sin valoraciones bajas recientes", "no recent low scores")
    parts = [pick(lang, "valoración baja", "low score")]
    if facts.low_satisfaction_department:
        department = wording.label(facts.low_satisfaction_department, lang)
        parts.append(pick(lang, "con ", "with ") + department)
    days = facts.low_satisfaction_days_ago
    if days is None:
        parts.append(pick(lang, "en los últimos 90 días", "in the last 90 days"))
    else:
        parts.append(wording.days_ago(days, lang))
    return " ".join(parts)


def _points(facts: CardFacts, lang: str) -> str:
    points = wording.count(facts.points_expiring or 0, "point", lang)
    days = facts.days_to_expiry
    when = pick(lang, "pronto", "soon") if days is None else wording.days_ahead(days, lang)
    one = facts.points_expiring == 1
    verb = pick(lang, "caduca" if one else "caducan", "expires" if one else "expire")
    return f"{points} {verb} {when}"


def _promise(facts: CardFacts, lang: str) -> str:
    days = facts.promise_due_in_days
    if not facts.open_promise_due or days is None:
        return pick(lang, "sin promesas que venzan", "no promise due")
    if days < 0:
        late = wording.count(-days, "day", lang)
        return pick(lang, f"promesa vencida hace {late}", f"promise overdue by {late}")
    due = wording.days_ahead(days, lang)
    return pick(lang, f"promesa que vence {due}", f"promise due {due}")


def _occasion(facts: CardFacts, lang: str) -> str:
    if facts.occasion == "birthday":
        return pick(lang, "cumpleaños esta semana", "birthday this week")
    years = facts.years_as_customer
    if not years:
        return pick(lang, "aniversario como cliente", "customer anniversary")
    span = wording.count(years, "year", lang)
    return pick(lang, f"{span} como cliente", f"{span} as a customer")


def _last_purchase(facts: CardFacts, lang: str) -> str:
    ago = wording.days_ago(facts.days_since_last_purchase or 0, lang)
    return pick(lang, f"última compra {ago}", f"last purchase {ago}")


def _trend(facts: CardFacts, lang: str) -> str:
    es = {"falling": "en descenso", "stable": "estable", "rising": "en aumento"}
    trend = facts.spend_trend or "stable"
    return pick(lang, f"gasto {es.get(trend, trend)}", f"spend {trend}")


def _churn(facts: CardFacts, lang: str) -> str:
    es = {"high": "alto", "medium": "medio", "low": "bajo"}
    risk = facts.churn_risk or ""
    return pick(lang, f"riesgo de abandono {es.get(risk, risk)}", f"{risk} churn risk")


def _advocate(facts: CardFacts, lang: str) -> str:
    if facts.is_advocate:
        return pick(lang, "nos recomienda", "recommends us")
    return pick(lang, "aún no nos recomienda", "not recommending us yet")


REASONS: dict[str, Phrase] = {
    "tier": lambda f, lang: wording.label(f.tier, lang),
    "segment": lambda f, lang: pick(
        lang,
        f"segmento {wording.label(f.segment, lang)}",
        f"{wording.label(f.segment, lang)} segment",
    ),
    "open_complaint": _complaint,
    "complaint_department": _complaint,
    "recent_low_satisfaction": _low_satisfaction,
    "low_satisfaction_department": _low_satisfaction,
    "days_since_last_purchase": _last_purchase,
    "spend_trend": _trend,
    "points_expiring": _points,
    "occasion": _occasion,
    "purchases": lambda f, lang: (
        wording.count(f.purchases or 0, "purchase", lang) + pick(lang, " hasta ahora", " so far")
    ),
    "churn_risk": _churn,
    "open_promise_due": _promise,
    "is_advocate": _advocate,
    "preferred_channel": lambda f, lang: (
        pick(lang, "prefiere ", "prefers ") + wording.label(f.preferred_channel, lang)
    ),
    "language": lambda f, lang: pick(lang, "habla ", "speaks ") + wording.label(f.language, lang),
}


def reasons(script: ScriptDoc, facts: CardFacts, language: str) -> list[str]:
    """Plain words for why `script` fits, one per fact its conditions used."""
    language = wording.normalise_language(language)
    if not script.when:
        return [
            pick(language, "ningún guion más específico encaja", "no more specific script fits")
        ]
    phrases = [REASONS[condition.key](facts, language) for condition in script.when]
    return list(dict.fromkeys(phrases))  # two conditions on one complaint: say it once
