"""Survey answers after contacts and some purchases. Scores follow one hidden
satisfaction: the serving employee's quality, the customer's own mood (advocates high),
and a complaint behind the contact (worse while it is still open). Pure numpy."""

from __future__ import annotations

import numpy as np

from portal.demo import words
from portal.demo.contacts import Contacts
from portal.demo.people import DAY, Crowd, Staff
from portal.demo.sales import Sales
from portal.demo.timeline import (
    CHAT,
    COMPLAINT,
    DEPARTMENTS,
    SALES,
    quality_of,
    seconds,
    staff_ids,
    texts,
)

MOODS = ("bad", "mid", "good")


def survey_columns(
    rng: np.random.Generator,
    crowd: Crowd,
    staff: Staff,
    c: Contacts,
    sales: Sales,
    interaction_ids: np.ndarray,
    now: int,
) -> dict[str, np.ndarray]:
    digital = c.channel >= CHAT  # chat and web ask for a rating right away
    p_contact = np.where(c.kind == COMPLAINT, 0.45, np.where(digital, 0.3, 0.2))
    asked = np.flatnonzero(rng.random(len(c.t)) < p_contact)
    bought = np.flatnonzero(rng.random(len(sales.t)) < 0.05)
    cust = np.concatenate([c.cust[asked], sales.cust[bought]])
    delay = 600 + (rng.random(len(cust)) * 3 * DAY).astype(np.int64)
    t = np.concatenate([c.t[asked], sales.t[bought]]) + delay
    employee = np.concatenate([c.employee[asked], sales.employee[bought]])
    department = np.concatenate([c.department[asked], np.full(len(bought), SALES)])
    interaction = np.concatenate([interaction_ids[asked], np.full(len(bought), -1)])
    complaint = np.concatenate([c.kind[asked] == COMPLAINT, np.zeros(len(bought), bool)])
    still_open = np.concatenate([c.open[asked], np.zeros(len(bought), bool)])
    rows = np.flatnonzero(t < now)  # answers still to come are not in yet
    rows = rows[np.lexsort((t[rows], cust[rows]))]
    cust, employee = cust[rows], employee[rows]
    mood = (
        0.55 * quality_of(staff, employee)
        + crowd.bias[cust]
        - 1.4 * complaint[rows]
        - 0.8 * still_open[rows]
        + rng.normal(0.0, 0.8, len(rows))
    )
    scores = _scores(rng, mood, crowd.advocate[cust])
    return {
        "customer_id": cust,
        "interaction_id": np.ma.array(interaction[rows], mask=interaction[rows] < 0),
        "employee_id": staff_ids(staff, employee),
        "department": np.array(DEPARTMENTS)[department[rows]],
        "answered_at": seconds(t[rows]),
        **scores,
        "comment": _comments(rng, scores["csat"], crowd.lang_en[cust]),
    }


def _scores(rng: np.random.Generator, mood: np.ndarray, advocate: np.ndarray) -> dict:
    """CSAT almost always answered, NPS often (advocates gladly), effort half the time."""
    n = len(mood)
    csat = np.clip(np.rint(3.9 + 0.9 * mood), 1, 5).astype(np.int64)
    nps = np.clip(np.rint(7.3 + 1.9 * mood + rng.normal(0, 0.8, n)), 0, 10).astype(np.int64)
    effort = np.clip(np.rint(3.0 - 1.1 * mood + rng.normal(0, 0.7, n)), 1, 7).astype(np.int64)
    return {
        "csat": np.ma.array(csat, mask=rng.random(n) < 0.03),
        "nps": np.ma.array(nps, mask=rng.random(n) >= np.where(advocate, 0.9, 0.6)),
        "effort": np.ma.array(effort, mask=rng.random(n) >= 0.5),
    }


def _comments(
    rng: np.random.Generator, csat: np.ma.MaskedArray, english: np.ndarray
) -> np.ma.MaskedArray:
    """Short comments, more often from unhappy customers, in the customer's language."""
    score = csat.filled(3)
    mood = np.select([score <= 2, score == 3], [0, 1], 2)
    group = mood * 2 + english
    keys = tuple((m, lang) for m in MOODS for lang in ("es", "en"))
    out = texts(rng, group, words.COMMENTS, keys)
    wants = rng.random(len(score)) < np.where(score <= 2, 0.55, 0.2)
    return np.ma.array(out, mask=~wants)
