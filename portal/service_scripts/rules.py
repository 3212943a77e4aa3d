"""Which service script fits a customer now, why, and the script filled with their facts.

A script's `when:` block is a list of conditions that must all hold (AND); an empty
block fits everyone. The vocabulary (keys and value types are checked by content.py):

===========================  ===============================  ==============================
key                          value in the file                holds when the card shows
===========================  ===============================  ==============================
tier                         one of / list of: standard,      the customer's tier is listed
                             silver, gold, platinum
segment                      one of / list of the RFM         the RFM segment is listed
                             segments in vocabulary.SEGMENTS
                             (champions, loyal, at_risk, ...)
open_complaint               true | false                     an unresolved complaint exists
complaint_department         one of / list of: sales,         that complaint's department
                             billing, support, delivery,      (the newest open one) is listed
                             returns, loyalty
recent_low_satisfaction      true | false                     a CSAT <= 2 or NPS <= 6 in the
                                                              last 90 days
low_satisfaction_department  departments, as above            that answer's department
days_since_last_purchase     {min: N, max: M} (either)        days since the last purchase
spend_trend                  falling | stable | rising        spend against the customer's
                                                              own past ("account anorexia")
points_expiring              {min: N, max: M}                 points expiring within 30 days
occasion                     birthday | customer_anniversary  one falls within 7 days
purchases                    {min: N, max: M}                 purchases to date (first
                                                              purchase: {min: 1, max: 1})
churn_risk                   low | medium | high              the predicted risk of leaving
open_promise_due             true | false                     an unkept promise is due within
                                                              2 days or overdue
is_advocate                  true | false                     the customer recommends us
preferred_channel            store, phone, email, chat, web   the preferred channel
language                     es | en                          the customer's language
===========================  ===============================  ==============================

Each key reads the CardFacts attribute of the same name. A one-of value may be a single
word or a list. A fact the card does not know never satisfies a one-of or range
condition, and counts as false for a true/false one.

Placeholders and the slot each is written for (its fallback, spoken when the fact is
missing, fits the same slot; see wording.FALLBACKS):

- {first_name}: right after a greeting, "Hola, {first_name}." ("Hola, buenas.").
- {tier}: after "nivel" / before "member": "cliente de nivel {tier}".
- {points_expiring}: a count with its noun, "1.200 puntos" / "1,200 points".
- {days_since_last_purchase}, {years_as_customer}: a span with its noun, "45 días".
- {complaint_department}, {low_satisfaction_department}: after "con" / "with":
  "nuestro equipo de Facturación" / "our Billing team".
- {expiry_date}, {last_purchase_date}, {promise_due}: a date after "el" in Spanish and
  after a preposition in English, "el 12 de marzo" / "on 12 March".
- {owner_name}, {promise_description}: a noun phrase or the employee's own note.

Choosing: scripts in the requested language (or the other one when a script lacks it),
published, allowed for this customer, matching; the most conditions wins, then the
higher priority, then the id. Upsell scripts are left out when the customer asked not
to be sold to, and also while a complaint is open or a recent answer was low: a
customer still angry with one department must not be offered a product by another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from portal.service_scripts import wording
from portal.service_scripts.content import PLACEHOLDER, ScriptDoc
from portal.service_scripts.reasons import reasons
from portal.service_scripts.vocabulary import LANGUAGES, Condition

PROMISE_SOON_DAYS = 2
OCCASION_WINDOW_DAYS = 7


@dataclass(frozen=True)
class CardFacts:
    """What the card knows about a customer; None when it does not know.

    The card passes dates and `today`; spans such as days since the last purchase are
    derived here, so the rules and the wording read one consistent set of facts.
    """

    language: str = "es"
    do_not_upsell: bool = False
    today: date | None = None  # relative facts (days ago, years) need it
    first_name: str | None = None
    owner_name: str | None = None
    tier: str | None = None
    segment: str | None = None
    customer_since: date | None = None
    purchases: int | None = None
    last_purchase_date: date | None = None
    spend_trend: str | None = None
    points_expiring: int | None = None
    expiry_date: date | None = None
    occasion: str | None = None
    open_complaint: bool = False
    complaint_department: str | None = None
    complaint_date: date | None = None
    recent_low_satisfaction: bool = False
    low_satisfaction_department: str | None = None
    low_satisfaction_date: date | None = None
    churn_risk: str | None = None
    promise_description: str | None = None
    promise_due: date | None = None
    is_advocate: bool = False
    preferred_channel: str | None = None

    def _days(self, start: date | None, end: date | None) -> int | None:
        if start is None or end is None:
            return None
        return (end - start).days

    @property
    def days_since_last_purchase(self) -> int | None:
        return self._days(self.last_purchase_date, self.today)

    @property
    def complaint_days_ago(self) -> int | None:
        return self._days(self.complaint_date, self.today)

    @property
    def low_satisfaction_days_ago(self) -> int | None:
        return self._days(self.low_satisfaction_date, self.today)

    @property
    def days_to_expiry(self) -> int | None:
        return self._days(self.today, self.expiry_date)

    @property
    def promise_due_in_days(self) -> int | None:
        return self._days(self.today, self.promise_due)

    @property
    def open_promise_due(self) -> bool:
        days = self.promise_due_in_days
        return days is not None and days <= PROMISE_SOON_DAYS

    @property
    def years_as_customer(self) -> int | None:
        if self.customer_since is None or self.today is None:
            return None
        # An anniversary being celebrated this week counts the year it completes.
        on = self.today
        if self.occasion == "customer_anniversary":
            on += timedelta(days=OCCASION_WINDOW_DAYS)
        before = (on.month, on.day) < (self.customer_since.month, self.customer_since.day)
        return on.year - self.customer_since.year - before


@dataclass(frozen=True)
class Choice:
    best: ScriptDoc | None
    others: list[ScriptDoc] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def holds(condition: Condition, facts: CardFacts) -> bool:
    fact = getattr(facts, condition.key)
    if isinstance(condition.value, bool):
        return bool(fact) == condition.value
    return fact in condition.value  # a Range or the listed words; None is in neither


def matches(script: ScriptDoc, facts: CardFacts) -> bool:
    return all(holds(condition, facts) for condition in script.when)


def specificity(script: ScriptDoc) -> tuple[int, int]:
    """(conditions, priority): bigger is more specific; `ranked` breaks ties by id."""
    return len(script.when), script.priority


def ranked(scripts: Iterable[ScriptDoc]) -> list[ScriptDoc]:
    def key(script: ScriptDoc) -> tuple[int, int, str]:
        conditions, priority = specificity(script)
        return -conditions, -priority, script.id

    return sorted(scripts, key=key)


def may_upsell(facts: CardFacts) -> bool:
    return not (facts.do_not_upsell or facts.open_complaint or facts.recent_low_satisfaction)


def choose(
    scripts: Iterable[ScriptDoc],
    facts: CardFacts,
    language: str | None = None,
    *,
    include_drafts: bool = False,
) -> Choice:
    """The best script for this customer now, the other fits, and why the best won.

    `language` defaults to the customer's; drafts are only for a trainer's preview.
    """
    language = wording.normalise_language(language or facts.language)
    fits = [
        script
        for script in in_language(scripts, language)
        if (include_drafts or script.status == "published")
        and (may_upsell(facts) or not script.upsell)
        and matches(script, facts)
    ]
    if not fits:
        return Choice(best=None)
    best, *others = ranked(fits)
    return Choice(best=best, others=others, reasons=reasons(best, facts, language))


def in_language(scripts: Iterable[ScriptDoc], language: str) -> list[ScriptDoc]:
    """One version per script id: the requested language, else the other one."""
    order = [language, *(other for other in LANGUAGES if other != language)]
    by_id: dict[str, ScriptDoc] = {}
    for script in scripts:
        current = by_id.get(script.id)
        if current is None or order.index(script.language) < order.index(current.language):
            by_id[script.id] = script
    return list(by_id.values())


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
# Text before a placeholder that starts a sentence, a line or a list item.
SENTENCE_START = re.compile(r"(?:\A|[.!?]\s+|[¿¡«\"“]|\n\s*(?:\d+\.\s+|[-*+]\s+)?)\Z")


def _text(value: str | None) -> str | None:
    # Facts typed by people lose their braces so nothing in the output looks like a
    # placeholder; `fill` escapes them for Markdown, `fill_values` leaves that to HTML.
    value = (value or "").strip().replace("{", "(").replace("}", ")")
    return value or None


def _phrase(value: str | None) -> str | None:
    """A note typed as a sentence, read as the phrase its slot needs: the script goes on
    after it ("…: refund the lamp. We committed…"), so its own closing stop would double."""
    return _text((value or "").strip().rstrip(".,;: "))


def _date(value: date | None, facts: CardFacts, lang: str) -> str | None:
    return None if value is None else wording.day_month(value, lang, facts.today)


def _years(facts: CardFacts, lang: str) -> str | None:
    years = facts.years_as_customer
    if years is None:
        return None
    if years < 1:
        return wording.pick(lang, "menos de un año", "less than a year")
    return wording.count(years, "year", lang)


def _counted(value: int | None, noun: str, lang: str) -> str | None:
    return None if value is None else wording.count(value, noun, lang)


def _team(department: str | None, lang: str) -> str | None:
    return wording.team(department, lang) if department else None


VALUES: dict[str, Callable[[CardFacts, str], str | None]] = {
    "first_name": lambda f, lang: _text(f.first_name),
    "tier": lambda f, lang: wording.label(f.tier, lang) if f.tier else None,
    "points_expiring": lambda f, lang: _counted(f.points_expiring, "point", lang),
    "expiry_date": lambda f, lang: _date(f.expiry_date, f, lang),
    "complaint_department": lambda f, lang: _team(f.complaint_department, lang),
    "low_satisfaction_department": lambda f, lang: _team(f.low_satisfaction_department, lang),
    "days_since_last_purchase": lambda f, lang: _counted(f.days_since_last_purchase, "day", lang),
    "owner_name": lambda f, lang: _text(f.owner_name),
    "last_purchase_date": lambda f, lang: _date(f.last_purchase_date, f, lang),
    "years_as_customer": _years,
    "promise_description": lambda f, lang: _phrase(f.promise_description),
    "promise_due": lambda f, lang: _date(f.promise_due, f, lang),
}


def placeholder_value(name: str, facts: CardFacts, language: str) -> str:
    """The fact as words, or the fallback phrase: never blank, never a raw {name}."""
    value = VALUES[name](facts, language)
    return value or wording.FALLBACKS[language][name]


def fill_values(script: ScriptDoc, facts: CardFacts, language: str | None = None) -> list[str]:
    """The words for each placeholder of the body, in order, as plain text: a value
    that starts a sentence, a line or a list item starts with a capital.

    Numbers, dates and fallbacks follow `language`, by default the script's own, which
    is the language its sentences are written in."""
    language = wording.normalise_language(language or script.language)
    body, values = script.body, []
    for match in PLACEHOLDER.finditer(body):
        value = placeholder_value(match[1], facts, language)
        if SENTENCE_START.search(body, 0, match.start()):
            value = value[:1].upper() + value[1:]
        values.append(value)
    return values


def fill(script: ScriptDoc, facts: CardFacts, language: str | None = None) -> str:
    """The script's Markdown body with every placeholder replaced, each value escaped so
    that what a person typed (a name, a note) cannot turn into a link or markup."""
    values = iter(fill_values(script, facts, language))
    return PLACEHOLDER.sub(lambda _match: MARKDOWN_SPECIAL.sub(r"\\\1", next(values)), script.body)
