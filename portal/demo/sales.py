"""Purchases of the demo customers over two years. Pure numpy; rows sorted by customer
and time, customers indexed by chunk position."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from portal.demo.people import CHANNELS, Crowd, Staff
from portal.demo.timeline import (
    DEPARTMENTS,
    EMAIL,
    PURCHASE_CHANNELS,
    WEB,
    business_hours,
    padded,
    poisson_times,
    seconds,
    serving_employee,
    staff_ids,
)


@dataclass
class Sales:
    cust: np.ndarray
    t: np.ndarray
    amount: np.ndarray  # cents
    items: np.ndarray
    channel: np.ndarray
    department: np.ndarray
    employee: np.ndarray


def purchases_build(rng: np.random.Generator, crowd: Crowd, staff: Staff, *, now: int) -> Sales:
    """Purchases over two years. Churned customers stop, customers with an open
    complaint buy less, shrinking accounts buy less often and spend less per ticket."""
    cust, t = poisson_times(rng, crowd.rate / 365, crowd.start, now)
    n = len(cust)
    channel = rng.choice(5, n, p=PURCHASE_CHANNELS)
    channel = np.where((crowd.pref[cust] == WEB) & (rng.random(n) < 0.5), WEB, channel)
    t = business_hours(rng, t, channel)
    shrink_from = crowd.shrink_start[cust]
    fading = np.clip((t - shrink_from) / np.maximum(now - shrink_from, 1), 0, 1)
    fading = fading * crowd.shrinking[cust]
    p_keep = np.where(t >= crowd.churn[cust], 0.02, np.where(t >= crowd.grievance[cust], 0.3, 1))
    keep = np.flatnonzero(rng.random(n) < p_keep * (1 - 0.85 * fading))
    cust, t, channel, fading = cust[keep], t[keep], channel[keep], fading[keep]
    euros = crowd.value[cust] * rng.lognormal(0.0, 0.5, len(cust)) * (1 - 0.55 * fading)
    employee = serving_employee(rng, staff, crowd, cust, channel)
    employee = np.where((channel == WEB) | (channel == EMAIL), -1, employee)
    department = rng.choice(len(DEPARTMENTS), len(cust), p=(0.86, 0, 0.05, 0.05, 0, 0.04))
    order = np.lexsort((t, cust))
    return Sales(
        cust=cust[order],
        t=t[order],
        amount=np.maximum(np.rint(euros * 20) * 5, 100).astype(np.int64)[order],
        items=(1 + rng.poisson(euros / 60))[order],
        channel=channel[order],
        department=department[order],
        employee=employee[order],
    )


def purchase_columns(sales: Sales, staff: Staff) -> dict[str, np.ndarray]:
    return {
        "customer_id": sales.cust,
        "occurred_at": seconds(sales.t),
        "amount_cents": sales.amount,
        "items": sales.items,
        "channel": np.array(CHANNELS)[sales.channel],
        "department": np.array(DEPARTMENTS)[sales.department],
        "employee_id": staff_ids(staff, sales.employee),
    }


def references(ids: np.ndarray, sales: Sales) -> np.ndarray:
    """Till receipts start with T, web orders with W."""
    prefix = np.where(sales.channel == WEB, "W", "T")
    return np.strings.add(prefix, padded(ids, 9))
