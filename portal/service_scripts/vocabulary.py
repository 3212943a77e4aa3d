"""What a script file may say: fields, condition keys with their value types, placeholders.

content.py checks files against it; rules.py explains what each condition means and
how each placeholder is filled.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from portal.content_errors import N_

LANGUAGES = ("es", "en")
STATUSES = ("draft", "in_review", "published", "archived")
TIERS = ("standard", "silver", "gold", "platinum")
SEGMENTS = (
    "champions",
    "loyal",
    "potential_loyalist",
    "new",
    "promising",
    "need_attention",
    "about_to_sleep",
    "at_risk",
    "cant_lose",
    "hibernating",
    "lost",
)
DEPARTMENTS = ("sales", "billing", "support", "delivery", "returns", "loyalty")
CHANNELS = ("store", "phone", "email", "chat", "web")
SPEND_TRENDS = ("falling", "stable", "rising")
OCCASIONS = ("birthday", "customer_anniversary")
CHURN_RISKS = ("low", "medium", "high")

BOOL, RANGE = "bool", "range"
# Condition key -> BOOL, RANGE, or the values a one-of condition may name.
CONDITIONS: dict[str, str | tuple[str, ...]] = {
    "tier": TIERS,
    "segment": SEGMENTS,
    "open_complaint": BOOL,
    "complaint_department": DEPARTMENTS,
    "recent_low_satisfaction": BOOL,
    "low_satisfaction_department": DEPARTMENTS,
    "days_since_last_purchase": RANGE,
    "spend_trend": SPEND_TRENDS,
    "points_expiring": RANGE,
    "occasion": OCCASIONS,
    "purchases": RANGE,
    "churn_risk": CHURN_RISKS,
    "open_promise_due": BOOL,
    "is_advocate": BOOL,
    "preferred_channel": CHANNELS,
    "language": LANGUAGES,
}
PLACEHOLDERS = (
    "first_name",
    "tier",
    "points_expiring",
    "expiry_date",
    "complaint_department",
    "low_satisfaction_department",
    "days_since_last_purchase",
    "owner_name",
    "last_purchase_date",
    "years_as_customer",
    "promise_description",
    "promise_due",
)
# (passes, what to say when it does not: a message id about %(field)s, and its parameters)
Check = tuple[Callable[[object], bool], str, tuple[tuple[str, object], ...]]
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _is_slug(value: object) -> bool:
    return isinstance(value, str) and SLUG.fullmatch(value) is not None


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _among(allowed: tuple[str, ...]) -> Check:
    message = N_("'%(field)s' must be one of %(allowed)s")
    return (lambda value: value in allowed, message, (("allowed", ", ".join(allowed)),))


def _whole(low: int, high: int | None = None) -> Check:
    def passes(value: object) -> bool:
        # bool is an int in Python, but `priority: true` is a mistake, not 1.
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            return False
        return high is None or value <= high

    if high is None:
        return passes, N_("'%(field)s' must be a whole number of at least %(low)s"), (("low", low),)
    message = N_("'%(field)s' must be a whole number from %(low)s to %(high)s")
    return passes, message, (("low", low), ("high", high))


# Front matter fields other than `when`, each with its check; all are required.
FIELDS: dict[str, Check] = {
    "id": (_is_slug, N_("'%(field)s' must be a slug such as 'points-expiring'"), ()),
    "language": _among(LANGUAGES),
    "title": (_is_text, N_("'%(field)s' must be a non-empty text"), ()),
    "priority": _whole(0),
    "commandment": _whole(1, 10),
    "lesson": (_is_slug, N_("'%(field)s' must be a slug such as 'commandment-07-know-me'"), ()),
    "upsell": (_is_bool, N_("'%(field)s' must be true or false"), ()),
    "version": _whole(1),
    "status": _among(STATUSES),
}
REQUIRED = (*FIELDS, "when")
# Fields that decide *whether* a script fits must agree across its languages, or
# the choice would depend on the language the card happens to be shown in.
SHARED_FIELDS = ("priority", "commandment", "lesson", "upsell", "when")


@dataclass(frozen=True)
class Range:
    min: int | None = None
    max: int | None = None

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


@dataclass(frozen=True)
class Condition:
    key: str
    value: bool | Range | tuple[str, ...]


class ConditionError(ValueError):
    """What is wrong with a condition: an English message id (marked with N_) and its
    parameters; `condition` names the key, which the web UI shows in words."""

    def __init__(self, message: str, **params: object) -> None:
        self.message, self.params = message, tuple(params.items())
        super().__init__(message % params)


def parse_condition(key: str, value: object) -> Condition:
    """The condition `key: value` from a `when:` block; ConditionError says what is wrong."""
    kind = CONDITIONS.get(key)
    if kind is None:
        raise ConditionError(N_("unknown condition key '%(key)s'"), key=key)
    if kind == BOOL:
        if not isinstance(value, bool):
            raise ConditionError(
                N_("condition '%(condition)s' must be true or false"), condition=key
            )
        return Condition(key, value)
    if kind == RANGE:
        return Condition(key, _range(key, value))
    return Condition(key, _one_of(key, value, kind))


def _non_negative(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _range(key: str, value: object) -> Range:
    if not isinstance(value, dict) or not value or set(value) - {"min", "max"}:
        raise ConditionError(
            N_("condition '%(condition)s' must be a mapping with 'min' and/or 'max'"),
            condition=key,
        )
    if not all(_non_negative(v) for v in value.values()):
        raise ConditionError(
            N_("condition '%(condition)s': 'min' and 'max' must be whole numbers, 0 or more"),
            condition=key,
        )
    low, high = value.get("min"), value.get("max")
    if low is not None and high is not None and low > high:
        raise ConditionError(
            N_("condition '%(condition)s' has 'min' greater than 'max'"), condition=key
        )
    return Range(low, high)


def _one_of(key: str, value: object, allowed: tuple[str, ...]) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values:
        raise ConditionError(
            N_("condition '%(condition)s' must be one of %(allowed)s, or a list"),
            condition=key,
            allowed=", ".join(allowed),
        )
    unknown = [str(v) for v in values if v not in allowed]
    if unknown:
        raise ConditionError(
            N_("condition '%(condition)s' has unknown value '%(value)s' (%(allowed)s)"),
            condition=key,
            value=unknown[0],
            allowed=", ".join(allowed),
        )
    # Sorted and without repeats, so the same condition compares equal however written.
    return tuple(sorted(set(values)))


# What each condition means, for the trainer writing a script: (Spanish, English).
# Each condition's name in words (Spanish, English), for the form and its messages.
NAMES: dict[str, tuple[str, str]] = {
    "tier": ("Nivel", "Tier"),
    "segment": ("Segmento RFM", "RFM segment"),
    "open_complaint": ("Queja abierta", "Open complaint"),
    "complaint_department": ("Departamento de la queja", "Complaint department"),
    "recent_low_satisfaction": ("Valoración baja reciente", "Recent low score"),
    "low_satisfaction_department": ("Departamento de la valoración baja", "Low score department"),
    "days_since_last_purchase": ("Días desde la última compra", "Days since the last purchase"),
    "spend_trend": ("Tendencia de gasto", "Spending trend"),
    "points_expiring": ("Puntos que caducan", "Points expiring"),
    "occasion": ("Ocasión", "Occasion"),
    "purchases": ("Compras", "Purchases"),
    "churn_risk": ("Riesgo de abandono", "Churn risk"),
    "open_promise_due": ("Promesa pendiente que vence", "Open promise due"),
    "is_advocate": ("Cliente que nos recomienda", "Advocate"),
    "preferred_channel": ("Canal preferido", "Preferred channel"),
    "language": ("Idioma", "Language"),
}

MEANINGS: dict[str, tuple[str, str]] = {
    "tier": ("el nivel del cliente está en la lista", "the customer's tier is listed"),
    "segment": ("su segmento RFM está en la lista", "their RFM segment is listed"),
    "open_complaint": ("tiene una queja sin resolver", "an unresolved complaint exists"),
    "complaint_department": (
        "la queja abierta más reciente es de ese departamento",
        "the newest open complaint is with that department",
    ),
    "recent_low_satisfaction": (
        "dio una valoración baja (CSAT ≤ 2 o NPS ≤ 6) en los últimos 90 días",
        "gave a low score (CSAT ≤ 2 or NPS ≤ 6) in the last 90 days",
    ),
    "low_satisfaction_department": (
        "esa valoración baja fue con ese departamento",
        "that low score was with that department",
    ),
    "days_since_last_purchase": ("días desde la última compra", "days since the last purchase"),
    "spend_trend": (
        "su gasto frente a su propio pasado (la «anorexia» de la cuenta)",
        "their spend against their own past ('account anorexia')",
    ),
    "points_expiring": (
        "puntos que caducan en los próximos 30 días",
        "points expiring within 30 days",
    ),
    "occasion": (
        "un cumpleaños o aniversario en 7 días",
        "a birthday or anniversary within 7 days",
    ),
    "purchases": (
        "compras hasta hoy (primera compra: de 1 a 1)",
        "purchases to date (first purchase: from 1 to 1)",
    ),
    "churn_risk": ("el riesgo previsto de abandono", "the predicted risk of leaving"),
    "open_promise_due": (
        "una promesa sin cumplir vence en 2 días o ya venció",
        "an unkept promise is due within 2 days or overdue",
    ),
    "is_advocate": (
        "nos recomienda (NPS 9 o 10 en el último año)",
        "recommends us (NPS 9 or 10 within a year)",
    ),
    "preferred_channel": ("su canal preferido", "their preferred channel"),
    "language": ("su idioma", "their language"),
}


@dataclass(frozen=True)
class ConditionHelp:
    key: str
    kind: str | tuple[str, ...]  # BOOL, RANGE, or the values a one-of may name
    written: str  # how a value is written in the file
    meaning: str
    name: str = ""  # the condition in words


def condition_help(language: str) -> list[ConditionHelp]:
    """Every condition: its kind, how its value is written, what it means in `language`."""
    rows = []
    for key, kind in CONDITIONS.items():
        if kind == BOOL:
            written = "true | false"
        elif kind == RANGE:
            written = "{min: N, max: M}"
        else:
            written = " | ".join(kind)
        es, en = MEANINGS[key]
        name = NAMES[key][0 if language == "es" else 1]
        rows.append(ConditionHelp(key, kind, written, es if language == "es" else en, name))
    return rows
