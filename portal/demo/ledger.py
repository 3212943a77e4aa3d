"""Loyalty rewards of the demo customers: the points ledger and the privileges of key
customers. Pure numpy.

Card holders earn a point per euro (more in higher tiers) when they show the card,
valid for 24 months, so nothing earned in the two-year window has expired yet and the
oldest awards are about to. Older members start with a balance carried over from the
previous card; some resolved complaints earn courtesy points. Redeemers cash every whole
500 points for a voucher: since a redemption takes all whole blocks, the balance after
it is the cumulative total modulo 500, which is why no balance can go negative.
"""

from __future__ import annotations

import numpy as np

from portal.demo import words
from portal.demo.contacts import Contacts
from portal.demo.people import DAY, WINDOW_DAYS, Crowd, Staff
from portal.demo.sales import Sales
from portal.demo.timeline import COMPLAINT, seconds, staff_ids

BLOCK = 500  # points per 5-euro voucher
VALIDITY_DAYS = 730
TIER_MULTIPLIER = np.array([1.0, 1.25, 1.5, 2.0])
AWARD, REDEEM, ADJUST = "award", "redeem", "adjust"


def points_columns(
    rng: np.random.Generator,
    crowd: Crowd,
    staff: Staff,
    sales: Sales,
    c: Contacts,
    receipts: np.ndarray,
    now: int,
) -> dict[str, np.ndarray]:
    parts = [
        _carried(rng, crowd, now),
        _purchase_awards(rng, crowd, sales, receipts),
        _courtesy(rng, crowd, c),
    ]
    earned = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    earned = _sorted(earned, np.zeros(len(earned["cust"]), dtype=np.int64))
    spent = _redemptions(rng, crowd, earned)
    entries = {k: np.concatenate([earned[k], spent[k]]) for k in earned}
    after = np.concatenate([np.zeros(len(earned["cust"])), np.ones(len(spent["cust"]))])
    entries = _sorted(entries, after.astype(np.int64))  # a voucher follows its award
    start, group = _groups(entries["cust"])
    cumulative = np.cumsum(entries["delta"])
    before_group = (cumulative - entries["delta"])[start]
    return {
        "customer_id": entries["cust"],
        "seq": np.arange(len(group)) - start[group] + 1,
        "kind": entries["kind"],
        "delta": entries["delta"],
        "balance_after": cumulative - before_group[group],
        "reason": entries["reason"],
        "expires_on": np.ma.array(
            entries["expires"].astype("datetime64[D]"), mask=entries["expires"] < 0
        ),
        "employee_id": staff_ids(staff, entries["employee"]),
        "created_at": seconds(entries["t"]),
    }


def _entries(cust, t, delta, kind, reason, expires, employee) -> dict[str, np.ndarray]:
    n = len(cust)
    return {
        "cust": np.asarray(cust, dtype=np.int64),
        "t": np.asarray(t, dtype=np.int64),
        "delta": np.asarray(delta, dtype=np.int64),
        "kind": np.broadcast_to(np.asarray(kind), n).astype("U6"),
        "reason": np.broadcast_to(np.asarray(reason), n).astype("U60"),
        "expires": np.broadcast_to(np.asarray(expires, dtype=np.int64), n).copy(),
        "employee": np.broadcast_to(np.asarray(employee, dtype=np.int64), n).copy(),
    }


def _carried(rng: np.random.Generator, crowd: Crowd, now: int) -> dict[str, np.ndarray]:
    opened = now - WINDOW_DAYS * DAY
    older = crowd.member & (crowd.since_day * DAY < opened) & (rng.random(crowd.n) < 0.5)
    cust = np.flatnonzero(older)
    delta = rng.integers(1, 25, len(cust)) * 50
    t = opened + 3600 + (rng.random(len(cust)) * 8 * 3600).astype(np.int64)
    return _entries(cust, t, delta, ADJUST, "Saldo traspasado de la tarjeta anterior", -1, -1)


def _purchase_awards(
    rng: np.random.Generator, crowd: Crowd, sales: Sales, receipts: np.ndarray
) -> dict[str, np.ndarray]:
    shown = crowd.member[sales.cust] & (rng.random(len(sales.t)) < 0.55)
    multiplier = TIER_MULTIPLIER[crowd.tier[sales.cust]]
    delta = (sales.amount // 100 * multiplier).astype(np.int64)
    rows = np.flatnonzero(shown & (delta > 0))
    t = sales.t[rows]
    reason = np.strings.add("Compra ", receipts[rows])
    expires = t // DAY + VALIDITY_DAYS
    return _entries(sales.cust[rows], t, delta[rows], AWARD, reason, expires, sales.employee[rows])


def _courtesy(rng: np.random.Generator, crowd: Crowd, c: Contacts) -> dict[str, np.ndarray]:
    resolved = (c.kind == COMPLAINT) & ~c.open & crowd.member[c.cust]
    rows = np.flatnonzero(resolved & (rng.random(len(c.t)) < 0.35))
    t = c.resolved_at[rows]
    delta = rng.integers(2, 7, len(rows)) * 50
    expires = t // DAY + 365
    reason = "Puntos de cortesía por la incidencia"
    return _entries(c.cust[rows], t, delta, AWARD, reason, expires, c.employee[rows])


def _redemptions(
    rng: np.random.Generator, crowd: Crowd, earned: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """Whenever a redeemer may, they cash every whole block earned so far."""
    cust = earned["cust"]
    start, group = _groups(cust)
    total = np.cumsum(earned["delta"])
    total = total - (total - earned["delta"])[start][group]
    blocks = total // BLOCK
    wants = (rng.random(len(cust)) < crowd.redeem_p[cust]) & (blocks > 0)
    # Blocks cashed before each entry: the running maximum of `blocks` at earlier
    # redemptions, within the customer (the offset keeps customers apart).
    offset = group * (int(blocks.max(initial=0)) + 1)
    running = np.maximum.accumulate(np.where(wants, blocks, 0) + offset) - offset
    cashed = np.concatenate([[0], running[:-1]])
    cashed[start] = 0
    new = np.where(wants, blocks - cashed, 0)
    rows = np.flatnonzero(new > 0)
    euros = (new[rows] * 5).astype(str)
    reason = np.strings.add(np.strings.add("Canje por vale de ", euros), " €")
    return _entries(
        cust[rows], earned["t"][rows] + 60, -new[rows] * BLOCK, REDEEM, reason, -1,
        earned["employee"][rows],
    )  # fmt: skip


def _sorted(entries: dict[str, np.ndarray], tie: np.ndarray) -> dict[str, np.ndarray]:
    order = np.lexsort((tie, entries["t"], entries["cust"]))
    return {k: v[order] for k, v in entries.items()}


def _groups(cust: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For sorted customer indexes: each group's first row, and each row's group."""
    first = np.concatenate([[True], cust[1:] != cust[:-1]]) if len(cust) else np.array([], bool)
    return np.flatnonzero(first), np.cumsum(first) - 1


def privilege_columns(
    rng: np.random.Generator, crowd: Crowd, staff: Staff, now: int
) -> dict[str, np.ndarray]:
    """Privileges for key customers: two or three for platinum, one or two for gold,
    now and then one for silver. Granted by the team's manager; some have expired."""
    count = np.select(
        [crowd.tier == 3, crowd.tier == 2, crowd.tier == 1],
        [rng.integers(2, 4, crowd.n), rng.integers(1, 3, crowd.n), rng.random(crowd.n) < 0.08],
        0,
    )
    cust = np.repeat(np.arange(crowd.n), count)
    slot = np.arange(len(cust)) - np.repeat(np.cumsum(count) - count, count)
    picks = np.argsort(rng.random((crowd.n, len(words.PRIVILEGES))), axis=1)
    which = picks[cust, slot]
    names = np.array([name for name, _ in words.PRIVILEGES])
    notes = np.array([note or "" for _, note in words.PRIVILEGES])
    start = crowd.start[cust]
    granted = start + (rng.random(len(cust)) * (now - start)).astype(np.int64)
    lasts = rng.random(len(cust)) < 0.5
    return {
        "customer_id": cust,
        "name": names[which],
        "notes": np.ma.array(notes[which], mask=notes[which] == ""),
        "granted_at": seconds(granted),
        "granted_by_id": staff.team_manager[crowd.team[cust]],
        "expires_on": np.ma.array((granted // DAY + 365).astype("datetime64[D]"), mask=lasts),
    }
