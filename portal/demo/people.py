"""Customers of the demo company: who they are (names, contacts, preferences) and the
hidden traits that drive what they do (value, frequency, mood, loyalty). Pure numpy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from portal.customers.normalise import fold, name_terms
from portal.demo import words

DAY = 86_400
WINDOW_DAYS = 730
NEVER = np.iinfo(np.int64).max // 4  # a time that never comes
CHANNELS = ("store", "phone", "email", "chat", "web")
TIERS = ("standard", "silver", "gold", "platinum")
TIER_SHARES = (0.60, 0.25, 0.11, 0.04)

FIRST = np.array(words.MALE + words.FEMALE + words.ENGLISH_FIRST)
LAST = np.array(words.SURNAMES + words.ENGLISH_SURNAMES)
N_SPANISH_FIRST = len(words.MALE) + len(words.FEMALE)
N_SPANISH_LAST = len(words.SURNAMES)
FIRST_FOLDED = np.array([fold(s) for s in FIRST])
LAST_FOLDED = np.array([fold(s) for s in LAST])
FIRST_MAIL = np.array([fold(s).split()[0] for s in FIRST])
LAST_MAIL = np.array([fold(s).replace(" ", "") for s in LAST])
# Sorted, so that ordering term indexes orders the words as the database does.
TERMS = np.array(sorted({t for s in (*FIRST, *LAST) for t in name_terms(s)}))
_TERM_INDEX = {t: i for i, t in enumerate(TERMS)}


def _term_matrix(entries: np.ndarray) -> np.ndarray:
    """Each vocabulary entry's term indexes, padded with -1 to the longest entry."""
    terms = [name_terms(str(entry)) for entry in entries]
    out = np.full((len(entries), max(map(len, terms))), -1, dtype=np.int64)
    for row, words_of_entry in enumerate(terms):
        out[row, : len(words_of_entry)] = [_TERM_INDEX[t] for t in words_of_entry]
    return out


FIRST_TERMS = _term_matrix(FIRST)
LAST_TERMS = _term_matrix(LAST)


@dataclass(frozen=True)
class Staff:
    """The employees who serve customers, as arrays indexed by staff position."""

    user_id: np.ndarray
    team: np.ndarray
    quality: np.ndarray
    owns: np.ndarray  # weight as owner of customers (managers own none)
    serves: np.ndarray  # weight as the person serving a contact
    team_id: np.ndarray  # database id per team index
    team_weight: np.ndarray  # share of customers per team
    team_manager: np.ndarray  # user id of each team's manager
    featured: int  # staff position of the frontline demo login


@dataclass
class Crowd:
    """One chunk of customers: identity indexes and hidden traits, one entry each."""

    first: np.ndarray  # index into FIRST
    last1: np.ndarray  # index into LAST
    last2: np.ndarray  # index into LAST, -1 for a single surname
    english: np.ndarray
    lang_en: np.ndarray
    household: np.ndarray  # index of the customer whose phone they share (self if none)
    team: np.ndarray
    owner: np.ndarray  # staff position, -1 when nobody owns the customer
    pref: np.ndarray  # preferred channel index, -1 when unknown
    since_day: np.ndarray  # customer_since, days since 1970
    start: np.ndarray  # start of the observed history, seconds
    value: np.ndarray  # typical ticket in euros
    rate: np.ndarray  # purchases a year
    contact_rate: np.ndarray  # contacts a year
    advocate: np.ndarray
    shrinking: np.ndarray
    shrink_start: np.ndarray
    bias: np.ndarray  # the customer's own mood in surveys
    complaint_prop: np.ndarray  # chance that a contact is a complaint
    churn: np.ndarray  # when the customer stops buying (NEVER if they stay)
    grievance: np.ndarray  # first unresolved complaint (NEVER if none)
    tier: np.ndarray
    member: np.ndarray  # holds a loyalty card
    redeem_p: np.ndarray  # chance of cashing points when they can

    @property
    def n(self) -> int:
        return len(self.first)


def zipf_pick(rng: np.random.Generator, low: int, high: int, size: int) -> np.ndarray:
    """Indexes in [low, high), earlier ones more common (lists go most common first)."""
    weights = 1.0 / (np.arange(high - low) + 4.0)
    return low + rng.choice(high - low, size=size, p=weights / weights.sum())


def pick_weighted(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    cumulative = np.cumsum(weights)
    return np.searchsorted(cumulative, rng.random(size) * cumulative[-1], side="right")


def pick_in_team(
    rng: np.random.Generator, team_of_staff: np.ndarray, weights: np.ndarray, team: np.ndarray
) -> np.ndarray:
    """For each row, a staff position from that row's team, by weight."""
    out = np.full(len(team), -1, dtype=np.int64)
    for k in np.unique(team):
        members = np.flatnonzero((team_of_staff == k) & (weights > 0))
        rows = np.flatnonzero(team == k)
        out[rows] = members[pick_weighted(rng, weights[members], len(rows))]
    return out


def crowd_build(rng: np.random.Generator, *, staff: Staff, size: int, now: int) -> Crowd:
    english = rng.random(size) < 0.07
    first, last1, last2 = _names(rng, english)
    household = _households(rng, size)
    mates = household != np.arange(size)
    same_kind = english == english[household]
    # Children and siblings share the first surname with the person they live with.
    last1 = np.where(mates & same_kind & (rng.random(size) < 0.5), last1[household], last1)
    team = rng.choice(len(staff.team_weight), size=size, p=staff.team_weight)[household]
    owner = pick_in_team(rng, staff.team, staff.owns, team)
    owner = np.where(rng.random(size) < 0.85, owner, -1)[household]
    since_day = now // DAY - np.where(
        rng.random(size) < 0.62,
        rng.integers(WINDOW_DAYS + 1, 4000, size),
        rng.integers(1, WINDOW_DAYS, size),
    )
    start = np.maximum(since_day, now // DAY - WINDOW_DAYS) * DAY
    traits = _traits(rng, size, start, now)
    tier = _tiers(traits["rate"] * traits["value"])
    return Crowd(
        first=first,
        last1=last1,
        last2=last2,
        english=english,
        lang_en=np.where(english, rng.random(size) < 0.85, rng.random(size) < 0.03),
        household=household,
        team=team,
        owner=owner,
        pref=np.where(rng.random(size) < 0.85, rng.choice(5, size, p=_PREF_MIX), -1),
        since_day=since_day,
        start=start,
        tier=tier,
        member=rng.random(size) < 0.62 + 0.08 * tier,
        redeem_p=np.where(rng.random(size) < 0.6, 0.6, 0.0),
        grievance=np.full(size, NEVER, dtype=np.int64),
        **traits,
    )


_PREF_MIX = (0.45, 0.15, 0.15, 0.08, 0.17)


def _names(rng: np.random.Generator, english: np.ndarray) -> tuple[np.ndarray, ...]:
    size = len(english)
    n_male = len(words.MALE)
    female = rng.random(size) < 0.52
    spanish_first = np.where(
        female,
        zipf_pick(rng, n_male, N_SPANISH_FIRST, size),
        zipf_pick(rng, 0, n_male, size),
    )
    english_first = zipf_pick(rng, N_SPANISH_FIRST, len(FIRST), size)
    first = np.where(english, english_first, spanish_first)
    last1 = np.where(
        english,
        zipf_pick(rng, N_SPANISH_LAST, len(LAST), size),
        zipf_pick(rng, 0, N_SPANISH_LAST, size),
    )
    last2 = np.where(english, -1, zipf_pick(rng, 0, N_SPANISH_LAST, size))
    return first, last1, last2


def _households(rng: np.random.Generator, size: int) -> np.ndarray:
    """About 8% of customers live with the customer before them (chains make threes)."""
    joins = rng.random(size) < 0.08
    joins[0] = False
    return np.maximum.accumulate(np.where(joins, 0, np.arange(size)))


def _traits(rng: np.random.Generator, size: int, start: np.ndarray, now: int) -> dict:
    advocate = rng.random(size) < 0.06
    long_history = start <= now - 400 * DAY
    shrinking = long_history & ~advocate & (rng.random(size) < 0.09)
    quits = (rng.random(size) < 0.18) & ~advocate
    quit_at = start + 30 * DAY + (rng.random(size) * np.maximum(now - start - 30 * DAY, 0))
    return {
        "value": rng.lognormal(np.log(38.0), 0.7, size),
        "rate": rng.gamma(1.3, 2.4, size) * np.where(advocate, 2.2, 1.0),
        "contact_rate": rng.gamma(1.4, 1.3, size) * np.where(advocate, 1.3, 1.0),
        "advocate": advocate,
        "shrinking": shrinking,
        "shrink_start": now - rng.integers(90, 240, size) * DAY,
        "bias": rng.normal(0.0, 0.5, size) + np.where(advocate, 1.2, 0.0),
        "complaint_prop": np.where(rng.random(size) < 0.12, 0.12, 0.03)
        * np.where(advocate, 0.5, 1.0),
        "churn": np.where(quits, quit_at.astype(np.int64), NEVER),
    }


def _tiers(spend: np.ndarray) -> np.ndarray:
    """Tier by yearly spend: the top 4% platinum, then gold, silver, standard."""
    cuts = np.quantile(spend, np.cumsum(TIER_SHARES)[:-1])
    return np.searchsorted(cuts, spend, side="right")


def showcase_pick(crowd: Crowd, staff: Staff, wanted: int = 6) -> np.ndarray:
    """Customers of the frontline demo login who get recent, visible open items."""
    featured = staff.featured
    mine = np.flatnonzero(crowd.owner == featured)
    if len(mine) < wanted:
        team = staff.team[featured]
        others = np.flatnonzero((crowd.team == team) & (crowd.owner != featured))
        crowd.owner[others[: wanted - len(mine)]] = featured
        mine = np.flatnonzero(crowd.owner == featured)
    chosen = mine[:wanted]
    crowd.churn[chosen] = NEVER  # still active: the card should look alive
    return chosen


def term_pairs(crowd: Crowd, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(term index, customer id) for each distinct folded word of each name."""
    second = np.where(crowd.last2[:, None] >= 0, LAST_TERMS[crowd.last2], -1)
    matrix = np.hstack([FIRST_TERMS[crowd.first], LAST_TERMS[crowd.last1], second])
    matrix.sort(axis=1)
    matrix[:, 1:][matrix[:, 1:] == matrix[:, :-1]] = -1  # a word twice counts once
    keep = matrix >= 0
    return matrix[keep], np.broadcast_to(ids[:, None], matrix.shape)[keep]
