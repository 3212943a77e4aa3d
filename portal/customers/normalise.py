"""Normalising what people type: names, e-mails and phone numbers. Pure; no Flask."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_DIGIT = re.compile(r"\D+")
DEFAULT_COUNTRY_CODE = "34"
NATIONAL_LENGTH = 9  # Spanish numbers: nine digits after the country code


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation to single spaces: 'José-Mª' -> 'jose m'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", text).strip()


def name_terms(*parts: str) -> list[str]:
    """The distinct folded words of a name, in order, for the term index."""
    seen: dict[str, None] = {}
    for part in parts:
        for word in fold(part or "").split():
            seen.setdefault(word[:60], None)
    return list(seen)


def normalise_email(email: str | None) -> str | None:
    if not email:
        return None
    return email.strip().casefold() or None


def normalise_phone(raw: str | None, country_code: str = DEFAULT_COUNTRY_CODE) -> str | None:
    """Digits with country code: '+34 612 34 56 78', '612345678', '0034612345678' all
    become '34612345678'. Returns None when nothing usable is left."""
    if not raw:
        return None
    digits = _NON_DIGIT.sub("", raw)
    if not digits:
        return None
    if raw.strip().startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    if len(digits) == NATIONAL_LENGTH:
        return country_code + digits
    return digits


def phone_display(raw: str | None, country_code: str = DEFAULT_COUNTRY_CODE) -> str:
    """A number as people read it: '34600703215' -> '+34 600 70 32 15'. Numbers of other
    countries keep the grouping they arrived with (their rules differ per country)."""
    digits = normalise_phone(raw, country_code)
    national = digits[len(country_code) :] if digits else ""
    if not digits or not digits.startswith(country_code) or len(national) != NATIONAL_LENGTH:
        return (raw or "").strip()
    n = national
    return f"+{country_code} {n[:3]} {n[3:5]} {n[5:7]} {n[7:]}"
