"""What the demo customers look like on their card: names as written, e-mail and phone
as typed, numbers, preferences and consents. Pure numpy, vectorised per chunk."""

from __future__ import annotations

import numpy as np

from portal.customers.normalise import normalise_email
from portal.demo import words
from portal.demo.people import (
    CHANNELS,
    DAY,
    FIRST,
    FIRST_FOLDED,
    FIRST_MAIL,
    LAST,
    LAST_FOLDED,
    LAST_MAIL,
    TIERS,
    Crowd,
    Staff,
)
from portal.demo.timeline import padded


def customer_columns(
    rng: np.random.Generator,
    crowd: Crowd,
    staff: Staff,
    ids: np.ndarray,
    last: np.ndarray,
    now: int,
) -> dict[str, np.ndarray]:
    """The customers table. `last` is each customer's latest event (seconds, -1 none).
    Folded names and phone_norm are assembled from precomputed parts instead of calling
    fold() and normalise_phone() a million times; the tests check they agree."""
    size = crowd.n
    first_name = FIRST[crowd.first]
    single = crowd.last2 < 0
    last_name = _join(LAST[crowd.last1], np.where(single, "", LAST[crowd.last2]))
    folded = _join(
        _join(FIRST_FOLDED[crowd.first], LAST_FOLDED[crowd.last1]),
        np.where(single, "", LAST_FOLDED[crowd.last2]),
    )
    email = _emails(rng, crowd, ids)
    phone, phone_norm = _phones(rng, crowd)
    dnc = rng.random(size) < 0.03
    dnu = rng.random(size) < 0.05
    consent_at = crowd.start + (rng.random(size) * (now - crowd.start)).astype(np.int64)
    return {
        "id": ids,
        "number": np.strings.add("C", padded(ids, 7)),
        "loyalty_id": np.ma.array(_loyalty_ids(ids), mask=~crowd.member),
        "first_name": first_name,
        "last_name": last_name,
        "name_folded": folded,
        "email": email,
        "email_norm": np.ma.array(
            [normalise_email(e) for e in email.filled("")], mask=np.ma.getmaskarray(email)
        ),
        "phone": phone,
        "phone_norm": phone_norm,
        "tier": np.array(TIERS)[crowd.tier],
        "owner_id": np.ma.array(staff.user_id[crowd.owner], mask=crowd.owner < 0),
        "team_id": staff.team_id[crowd.team],
        "birthday": _birthdays(rng, size, now),
        "customer_since": crowd.since_day.astype("datetime64[D]"),
        "last_activity_at": np.ma.array(last.astype("datetime64[s]"), mask=last < 0),
        "language": np.where(crowd.lang_en, "en", "es"),
        "preferred_channel": np.ma.array(np.array(CHANNELS)[crowd.pref], mask=crowd.pref < 0),
        "interests": _interests(rng, size),
        "do_not_contact": dnc,
        "do_not_upsell": dnu,
        "consents_updated_at": np.ma.array(
            consent_at.astype("datetime64[s]"), mask=~(dnc | dnu | (rng.random(size) < 0.2))
        ),
        "created_at": (crowd.since_day * DAY + rng.integers(8 * 3600, 20 * 3600, size)).astype(
            "datetime64[s]"
        ),
    }


def _join(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """'a' + ' ' + 'b', or just 'a' where 'b' is empty."""
    spaced = np.strings.add(np.strings.add(left, " "), right)
    return np.where(right == "", left, spaced)


def _loyalty_ids(ids: np.ndarray) -> np.ndarray:
    """Card numbers issued in customer order, with a final check digit."""
    body = 40_000_000 + ids
    check = (body * 7 + body // 10 * 3) % 10
    return np.strings.add("L", (body * 10 + check).astype(str))


def _emails(rng: np.random.Generator, crowd: Crowd, ids: np.ndarray) -> np.ma.MaskedArray:
    size = crowd.n
    first, last = FIRST_MAIL[crowd.first], LAST_MAIL[crowd.last1]
    style = rng.integers(0, 3, size)
    local = np.where(
        style == 0,
        np.strings.add(np.strings.add(first, "."), last),
        np.where(
            style == 1,
            np.strings.add(np.strings.add(first, last), (ids % 97).astype(str)),
            np.strings.add(np.strings.add(first, "_"), last),
        ),
    )
    domain = np.array(words.EMAIL_DOMAINS)[rng.integers(0, len(words.EMAIL_DOMAINS), size)]
    email = np.strings.add(np.strings.add(local, "@"), domain)
    # Some people type their address with capitals; email_norm folds them.
    email = np.where(rng.random(size) < 0.1, np.strings.capitalize(email), email)
    return np.ma.array(email, mask=rng.random(size) < 0.12)


# Phone formats as people type them; every one normalises to "34" + the nine digits.
PHONE_FORMATS = (
    "ddddddddd",
    "+34 ddd dd dd dd",
    "ddd-ddd-ddd",
    "ddd dd dd dd",
    "0034ddddddddd",
    "+34ddddddddd",
    "ddd ddd ddd",
)
_FORMAT_MIX = (0.32, 0.22, 0.1, 0.16, 0.05, 0.1, 0.05)


def _phones(rng: np.random.Generator, crowd: Crowd) -> tuple[np.ma.MaskedArray, ...]:
    size = crowd.n
    lead = rng.choice(np.array([6, 7, 9]), size, p=(0.72, 0.08, 0.2))
    digits = (lead * 100_000_000 + rng.integers(0, 100_000_000, size)).astype("U9")
    digits = digits[crowd.household]  # housemates share the number
    style = rng.choice(len(PHONE_FORMATS), size, p=_FORMAT_MIX)  # each types it their way
    phone = np.empty(size, dtype="U20")
    for k, pattern in enumerate(PHONE_FORMATS):
        rows = style == k
        phone[rows] = _phone_format(digits[rows], pattern)
    mates = crowd.household != np.arange(size)
    sharing = mates.copy()
    sharing[crowd.household[mates]] = True  # a shared number is never missing
    missing = (rng.random(size) < 0.08) & ~sharing
    phone_norm = np.strings.add("34", digits)
    return np.ma.array(phone, mask=missing), np.ma.array(phone_norm, mask=missing)


def _phone_format(digits: np.ndarray, pattern: str) -> np.ndarray:
    """Lay nine-digit strings into a pattern ('d' = next digit), without a Python loop."""
    codes = np.ascontiguousarray(digits, dtype="U9").view(np.uint32).reshape(-1, 9)
    out = np.empty((len(digits), len(pattern)), dtype=np.uint32)
    position = 0
    for column, char in enumerate(pattern):
        if char == "d":
            out[:, column] = codes[:, position]
            position += 1
        else:
            out[:, column] = ord(char)
    return out.view(f"U{len(pattern)}").ravel()


def _birthdays(rng: np.random.Generator, size: int, now: int) -> np.ma.MaskedArray:
    age_days = (rng.beta(2.2, 2.8, size) * 67 + 18) * 365.25
    day = (now // DAY - age_days).astype(np.int64)
    return np.ma.array(day.astype("datetime64[D]"), mask=rng.random(size) < 0.2)


def _interests(rng: np.random.Generator, size: int) -> np.ma.MaskedArray:
    options = np.array(words.INTERESTS)
    picks = np.argsort(rng.random((size, len(options))), axis=1)[:, :3]
    count = rng.integers(0, 4, size)
    text = options[picks[:, 0]]
    for k in (1, 2):
        more = np.strings.add(np.strings.add(text, ", "), options[picks[:, k]])
        text = np.where(count > k, more, text)
    return np.ma.array(text, mask=count == 0)
