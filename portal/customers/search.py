"""Turning what someone typed into a lookup plan. Pure; no Flask, no database.

Digits go to phone, customer number and loyalty id; '@' goes to e-mail; anything
else is a name, matched word by word on accent-folded prefixes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal.customers.normalise import DEFAULT_COUNTRY_CODE, fold

MIN_LENGTH = 2
_PHONEISH = re.compile(r"^[\d\s+()./-]+$")
_CODE = re.compile(r"^[A-Za-z]{1,3}[\d-]+$")


@dataclass(frozen=True)
class Plan:
    kind: str  # "too_short", "email", "digits", "code", "name"
    text: str
    words: tuple[str, ...] = field(default=())
    phone_prefix: str | None = None


def plan(text: str) -> Plan:
    text = (text or "").strip()[:100]
    if len(text) < MIN_LENGTH:
        return Plan("too_short", text)
    if "@" in text:
        return Plan("email", text.casefold())
    if _PHONEISH.match(text):
        digits = re.sub(r"\D", "", text)
        if len(digits) < MIN_LENGTH:
            return Plan("too_short", text)
        return Plan("digits", digits, phone_prefix=phone_prefix(text, digits))
    if _CODE.match(text):
        return Plan("code", text.upper().replace("-", ""))
    words = tuple(w for w in fold(text).split() if w)
    if not words or max(len(w) for w in words) < MIN_LENGTH:
        return Plan("too_short", text)
    return Plan("name", text, words=words)


def phone_prefix(raw: str, digits: str) -> str:
    """The normalised-phone prefix a partial number can match: '612 34' -> '3461234'."""
    if raw.strip().startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    # National numbers never start with the country code's first digit (3 for Spain).
    if digits.startswith(DEFAULT_COUNTRY_CODE) and len(digits) > 9:
        return digits
    return DEFAULT_COUNTRY_CODE + digits


_MAX_CHAR = 0x10FFFF
_SURROGATES = (0xD800, 0xDFFF)  # not characters: no database stores them


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`, so a
    prefix match is a plain index range `>= prefix AND < bound` on both engines.

    An empty prefix (typing only "00", the start of an international number) or one
    made only of the last character has no such string: the bound is "" and the range
    matches nothing, which is all such a prefix says yet.
    """
    stem = prefix.rstrip(chr(_MAX_CHAR))
    if not stem:
        return ""
    following = ord(stem[-1]) + 1
    if _SURROGATES[0] <= following <= _SURROGATES[1]:
        following = _SURROGATES[1] + 1
    return stem[:-1] + chr(following)
