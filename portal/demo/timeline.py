"""Shared ground for the demo's event builders: channels, departments, when things
happen and who serves. Pure numpy."""

from __future__ import annotations

import numpy as np

from portal.demo.people import DAY, Crowd, Staff, pick_in_team

STORE, PHONE, EMAIL, CHAT, WEB = range(5)
DEPARTMENTS = ("sales", "billing", "support", "delivery", "returns", "loyalty")
SALES = 0
KINDS = ("enquiry", "sale", "service", "complaint", "follow_up", "advice")
COMPLAINT = 3
OUTCOMES = ("resolved", "pending", "escalated", "no_answer")
PROMISE_KINDS = ("call_back", "refund", "delivery", "visit", "other")
NO_DUE = -10_000  # no forced promise on this contact

CONTACT_CHANNELS = (0.36, 0.26, 0.14, 0.10, 0.14)
PURCHASE_CHANNELS = (0.70, 0.05, 0.01, 0.02, 0.22)
OTHER_KINDS = (0.32, 0.14, 0.26, 0.0, 0.14, 0.14)  # every kind but complaint


def poisson_times(
    rng: np.random.Generator, per_day: np.ndarray, start: np.ndarray, end: int
) -> tuple[np.ndarray, np.ndarray]:
    """Events of a Poisson process per customer between `start` and `end` (seconds)."""
    span = np.maximum(end - start, 0)
    counts = rng.poisson(per_day * span / DAY)
    cust = np.repeat(np.arange(len(start)), counts)
    t = start[cust] + (rng.random(len(cust)) * span[cust]).astype(np.int64)
    return cust, t


def business_hours(rng: np.random.Generator, t: np.ndarray, channel: np.ndarray) -> np.ndarray:
    """Shops and phones answer 08-20 UTC; e-mail and web arrive from 06 to 23."""
    staffed = channel <= CHAT
    opens = np.where(staffed, 8 * 3600, 6 * 3600)
    length = np.where(staffed, 12 * 3600, 17 * 3600)
    return t // DAY * DAY + opens + (rng.random(len(t)) * length).astype(np.int64)


def quality_of(staff: Staff, employee: np.ndarray) -> np.ndarray:
    return np.where(employee >= 0, staff.quality[employee], 0.0)


def serving_employee(
    rng: np.random.Generator, staff: Staff, crowd: Crowd, cust: np.ndarray, channel: np.ndarray
) -> np.ndarray:
    """The owner half the time, else someone in the team (now and then another store);
    web and e-mail contacts are often handled by nobody in particular."""
    team = crowd.team[cust]
    elsewhere = rng.random(len(cust)) < 0.06
    team = np.where(elsewhere, rng.integers(0, len(staff.team_id), len(cust)), team)
    employee = pick_in_team(rng, staff.team, staff.serves, team)
    owner = crowd.owner[cust]
    employee = np.where((owner >= 0) & (rng.random(len(cust)) < 0.5), owner, employee)
    nobody = (channel >= EMAIL) & (channel != CHAT) & (rng.random(len(cust)) < 0.45)
    return np.where(nobody, -1, employee)


def texts(rng: np.random.Generator, group: np.ndarray, options: dict, keys: tuple) -> np.ndarray:
    """For each row, one of the texts listed for its group (`keys[group]`)."""
    width = max(len(text) for key in keys for text in options[key])
    out = np.empty(len(group), dtype=f"U{width}")
    for k, key in enumerate(keys):
        rows = np.flatnonzero(group == k)
        choices = np.array(options[key])
        out[rows] = choices[rng.integers(0, len(choices), len(rows))]
    return out


def staff_ids(staff: Staff, employee: np.ndarray) -> np.ma.MaskedArray:
    return np.ma.array(staff.user_id[employee], mask=employee < 0)


def seconds(t: np.ndarray) -> np.ndarray:
    return t.astype("datetime64[s]")


def padded(numbers: np.ndarray, width: int) -> np.ndarray:
    """Numbers as zero-padded text ('000123'); numpy's zfill refuses empty arrays."""
    if len(numbers) == 0:
        return np.empty(0, dtype=f"U{width}")
    return np.strings.zfill(numbers.astype(str), width)
