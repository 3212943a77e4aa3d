"""Contacts with the demo customers on every channel, and what they leave behind:
complaints (resolved or open, and the churn an open one causes) and promises. Pure numpy;
rows come out sorted by customer and time. Customers are indexed by chunk position."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from portal.demo import words
from portal.demo.people import CHANNELS, DAY, NEVER, Crowd, Staff
from portal.demo.timeline import (
    COMPLAINT,
    CONTACT_CHANNELS,
    DEPARTMENTS,
    EMAIL,
    KINDS,
    NO_DUE,
    OTHER_KINDS,
    OUTCOMES,
    PHONE,
    PROMISE_KINDS,
    STORE,
    business_hours,
    poisson_times,
    quality_of,
    seconds,
    serving_employee,
    staff_ids,
    texts,
)

# Department of a contact, by kind (rows follow KINDS, columns DEPARTMENTS).
DEPARTMENT_BY_KIND = np.array(
    [
        [0.45, 0.10, 0.15, 0.15, 0.05, 0.10],
        [1.00, 0.00, 0.00, 0.00, 0.00, 0.00],
        [0.10, 0.15, 0.35, 0.20, 0.10, 0.10],
        [0.05, 0.25, 0.20, 0.30, 0.15, 0.05],
        [0.20, 0.15, 0.25, 0.20, 0.10, 0.10],
        [0.60, 0.00, 0.25, 0.00, 0.00, 0.15],
    ]
)
PROMISE_CHANCE = np.array([0.06, 0.12, 0.25, 0.55, 0.15, 0.04])
# Kind of promise, by contact kind (rows KINDS, columns PROMISE_KINDS).
PROMISE_BY_KIND = np.array(
    [
        [0.50, 0.00, 0.00, 0.10, 0.40],
        [0.10, 0.00, 0.60, 0.20, 0.10],
        [0.35, 0.05, 0.15, 0.35, 0.10],
        [0.35, 0.40, 0.15, 0.10, 0.00],
        [0.60, 0.10, 0.10, 0.10, 0.10],
        [0.40, 0.00, 0.00, 0.30, 0.30],
    ]
)
# Recent open items for the frontline demo login: (days ago, kind, channel, promise due
# in days from today or NO_DUE). A complaint here stays open.
SHOWCASE = (
    (1, COMPLAINT, PHONE, 2),
    (2, KINDS.index("service"), STORE, -2),
    (3, KINDS.index("follow_up"), PHONE, 0),
    (4, KINDS.index("sale"), STORE, 5),
    (6, KINDS.index("enquiry"), EMAIL, -1),
    (9, COMPLAINT, STORE, NO_DUE),
)


@dataclass
class Contacts:
    """Interactions as parallel arrays; complaint fields matter on complaint rows."""

    cust: np.ndarray
    t: np.ndarray  # seconds since 1970, UTC
    employee: np.ndarray  # staff position, -1 for self-service
    channel: np.ndarray
    kind: np.ndarray
    due: np.ndarray  # forced promise due (days from today) or NO_DUE
    forced: np.ndarray
    department: np.ndarray
    open: np.ndarray  # complaint still unresolved
    resolved_at: np.ndarray

    def take(self, rows: np.ndarray) -> Contacts:
        return Contacts(**{f.name: getattr(self, f.name)[rows] for f in fields(self)})

    @staticmethod
    def join(a: Contacts, b: Contacts) -> Contacts:
        return Contacts(
            **{f.name: np.concatenate([getattr(a, f.name), getattr(b, f.name)]) for f in fields(a)}
        )


def contacts_build(
    rng: np.random.Generator, crowd: Crowd, staff: Staff, *, now: int, showcase: np.ndarray
) -> Contacts:
    """Every contact, with complaints resolved or left open and the churn they cause."""
    cust, t = poisson_times(rng, crowd.contact_rate / 365, crowd.start, now)
    preferred = crowd.pref[cust]
    channel = rng.choice(5, len(cust), p=CONTACT_CHANNELS)
    channel = np.where((preferred >= 0) & (rng.random(len(cust)) < 0.5), preferred, channel)
    t = business_hours(rng, t, channel)
    employee = serving_employee(rng, staff, crowd, cust, channel)
    # Weaker employees turn more contacts into complaints.
    p_complaint = crowd.complaint_prop[cust] * np.exp(-0.45 * quality_of(staff, employee))
    kind = np.where(
        rng.random(len(cust)) < p_complaint,
        COMPLAINT,
        rng.choice(len(KINDS), len(cust), p=OTHER_KINDS),
    )
    keep = (t < crowd.churn[cust]) | (rng.random(len(cust)) < 0.15)
    contacts = _contacts(cust, t, employee, channel, kind).take(np.flatnonzero(keep))
    contacts = Contacts.join(contacts, _showcase(rng, showcase, staff, now))
    contacts = contacts.take(np.lexsort((contacts.t, contacts.cust)))
    contacts.department = _departments(rng, contacts.kind)
    _complaints_settle(rng, contacts, staff, now)
    _churn_from_complaints(rng, crowd, contacts)
    after = (contacts.t >= crowd.churn[contacts.cust]) & (contacts.kind != COMPLAINT)
    drop = after & ~contacts.forced & (rng.random(len(contacts.t)) < 0.85)
    return contacts.take(np.flatnonzero(~drop))


def _contacts(cust, t, employee, channel, kind, due=None, forced=False) -> Contacts:
    n = len(cust)
    return Contacts(
        cust=np.asarray(cust, dtype=np.int64),
        t=np.asarray(t, dtype=np.int64),
        employee=np.asarray(employee, dtype=np.int64),
        channel=np.asarray(channel, dtype=np.int64),
        kind=np.asarray(kind, dtype=np.int64),
        due=np.full(n, NO_DUE, dtype=np.int64) if due is None else np.asarray(due, np.int64),
        forced=np.full(n, forced, dtype=bool),
        department=np.zeros(n, dtype=np.int64),
        open=np.zeros(n, dtype=bool),
        resolved_at=np.full(n, NEVER, dtype=np.int64),
    )


def _showcase(rng: np.random.Generator, chosen: np.ndarray, staff: Staff, now: int) -> Contacts:
    table = np.array(SHOWCASE, dtype=np.int64).reshape(-1, 4)[: len(chosen)]
    days, kind, channel, due = table.T
    t = now - days * DAY + rng.integers(9, 19, len(table)) * 3600
    employee = np.full(len(table), staff.featured)
    return _contacts(chosen[: len(table)], t, employee, channel, kind, due, forced=True)


def _departments(rng: np.random.Generator, kind: np.ndarray) -> np.ndarray:
    out = np.zeros(len(kind), dtype=np.int64)
    for k, probabilities in enumerate(DEPARTMENT_BY_KIND):
        rows = np.flatnonzero(kind == k)
        out[rows] = rng.choice(len(DEPARTMENTS), len(rows), p=probabilities)
    return out


def _complaints_settle(rng: np.random.Generator, c: Contacts, staff: Staff, now: int) -> None:
    """Old complaints are mostly resolved, recent ones often open; good employees
    resolve more. The showcase complaints stay open."""
    rows = np.flatnonzero(c.kind == COMPLAINT)
    age = (now - c.t[rows]) / DAY
    p_open = np.select([age < 14, age < 90], [0.75, 0.3], 0.05)
    p_open = np.clip(p_open * (1 - 0.3 * quality_of(staff, c.employee[rows])), 0.01, 0.95)
    resolved_at = c.t[rows] + (rng.exponential(4.0, len(rows)) * DAY).astype(np.int64) + 3600
    still_open = (rng.random(len(rows)) < p_open) | (resolved_at >= now) | c.forced[rows]
    c.open[rows] = still_open
    c.resolved_at[rows] = np.where(still_open, NEVER, resolved_at)


def _churn_from_complaints(rng: np.random.Generator, crowd: Crowd, c: Contacts) -> None:
    """An unresolved complaint makes most customers stop buying soon after it;
    a resolved one rarely does."""
    n = crowd.n
    grievance = np.full(n, NEVER, dtype=np.int64)
    sore = np.flatnonzero(c.open)
    np.minimum.at(grievance, c.cust[sore], c.t[sore])
    leaves = (grievance < NEVER) & (rng.random(n) < 0.6)
    walk_out = grievance + (rng.exponential(10.0, n) * DAY).astype(np.int64)
    churn = np.where(leaves, np.minimum(crowd.churn, walk_out), crowd.churn)
    settled = np.full(n, NEVER, dtype=np.int64)
    fixed = np.flatnonzero((c.kind == COMPLAINT) & ~c.open)
    np.minimum.at(settled, c.cust[fixed], c.resolved_at[fixed])
    drifts = (settled < NEVER) & (rng.random(n) < 0.08)
    drift_at = settled + (rng.exponential(30.0, n) * DAY).astype(np.int64)
    crowd.churn = np.where(drifts, np.minimum(churn, drift_at), churn)
    crowd.grievance = grievance


def _outcomes(rng: np.random.Generator, c: Contacts) -> np.ndarray:
    n = len(c.t)
    resolved, pending, escalated, no_answer = range(len(OUTCOMES))
    usual = rng.choice(len(OUTCOMES), n, p=(0.85, 0.10, 0.05, 0.0))
    unanswered = (c.channel == PHONE) | (c.channel == EMAIL)
    usual = np.where(unanswered & (rng.random(n) < 0.08), no_answer, usual)
    quick = c.resolved_at - c.t < DAY  # settled on the spot
    complaint = np.where(quick, resolved, np.where(rng.random(n) < 0.4, escalated, pending))
    return np.where(c.kind == COMPLAINT, complaint, usual)


def interaction_columns(
    rng: np.random.Generator, c: Contacts, staff: Staff
) -> dict[str, np.ndarray]:
    notes = texts(rng, c.kind, words.INTERACTION_NOTES, KINDS)
    return {
        "customer_id": c.cust,
        "employee_id": staff_ids(staff, c.employee),
        "occurred_at": seconds(c.t),
        "channel": np.array(CHANNELS)[c.channel],
        "department": np.array(DEPARTMENTS)[c.department],
        "type": np.array(KINDS)[c.kind],
        "outcome": np.array(OUTCOMES)[_outcomes(rng, c)],
        "notes": np.ma.array(notes, mask=rng.random(len(c.t)) < 0.3),
    }


def complaint_columns(
    rng: np.random.Generator, c: Contacts, staff: Staff, interaction_ids: np.ndarray
) -> dict[str, np.ndarray]:
    rows = np.flatnonzero(c.kind == COMPLAINT)
    still_open = c.open[rows]
    worked_on = rng.random(len(rows)) < 0.5
    status = np.where(still_open, np.where(worked_on, "in_progress", "open"), "resolved")
    status = np.where(c.forced[rows], "open", status)
    summary = texts(rng, c.department[rows], words.COMPLAINT_SUMMARIES, DEPARTMENTS)
    return {
        "customer_id": c.cust[rows],
        "interaction_id": interaction_ids[rows],
        "employee_id": staff_ids(staff, c.employee[rows]),
        "department": np.array(DEPARTMENTS)[c.department[rows]],
        "summary": summary,
        "status": status,
        "opened_at": seconds(c.t[rows]),
        "resolved_at": np.ma.array(
            seconds(np.where(still_open, 0, c.resolved_at[rows])), mask=still_open
        ),
    }


def promise_columns(
    rng: np.random.Generator, c: Contacts, staff: Staff, interaction_ids: np.ndarray, now: int
) -> dict[str, np.ndarray]:
    """Promises made during contacts, due within two weeks."""
    n = len(c.t)
    made = (rng.random(n) < PROMISE_CHANCE[c.kind]) & (c.employee >= 0)
    rows = np.flatnonzero(made | (c.due != NO_DUE))
    t, kind = c.t[rows], c.kind[rows]
    promise = _promise_kinds(rng, kind)
    due_day = np.where(
        c.due[rows] != NO_DUE, now // DAY + c.due[rows], t // DAY + rng.integers(1, 15, len(rows))
    )
    quality = quality_of(staff, c.employee[rows])
    kept, kept_at = _keeping(rng, quality, t, due_day * DAY + DAY, now)
    kept &= ~c.forced[rows]
    description = texts(rng, promise, words.PROMISE_TEXTS, PROMISE_KINDS)
    return {
        "customer_id": c.cust[rows],
        "interaction_id": interaction_ids[rows],
        "employee_id": staff_ids(staff, c.employee[rows]),
        "kind": np.array(PROMISE_KINDS)[promise],
        "description": description,
        "due_on": due_day.astype("datetime64[D]"),
        "created_at": seconds(t),
        "kept_at": np.ma.array(seconds(kept_at), mask=~kept),
    }


def _keeping(
    rng: np.random.Generator, quality: np.ndarray, t: np.ndarray, deadline: np.ndarray, now: int
) -> tuple[np.ndarray, np.ndarray]:
    """Whether and when each promise was kept. Old ones almost always were; recently due
    ones more often by good employees, who are also late less often. Promises not yet
    due are sometimes kept early."""
    n = len(t)
    recent = deadline > now - 30 * DAY
    p_keep = np.where(deadline <= now, np.where(recent, _sigmoid(1.0 + quality), 0.99), 0.25)
    kept = rng.random(n) < p_keep
    late = (deadline < now) & (rng.random(n) < _sigmoid(-1.5 - quality))
    on_time = t + (rng.random(n) * np.maximum(np.minimum(deadline, now) - t, 60))
    delayed = deadline + rng.random(n) * 10 * DAY
    kept_at = np.minimum(np.where(late, delayed, on_time).astype(np.int64), now - 60)
    return kept, kept_at


def _promise_kinds(rng: np.random.Generator, kind: np.ndarray) -> np.ndarray:
    out = np.zeros(len(kind), dtype=np.int64)
    for k, probabilities in enumerate(PROMISE_BY_KIND):
        rows = np.flatnonzero(kind == k)
        out[rows] = rng.choice(len(PROMISE_KINDS), len(rows), p=probabilities)
    return out


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))
