"""Short prefixes of phones, e-mails and customer codes rank a capped set of candidates,
like names do: at 1M customers "+34 61" starts 68,000 phones and ranking them all cost
190 ms. The exact value sorts first in its index range, so it is never cut off."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from portal.customers import queries
from portal.extensions import db
from tests import factories


@pytest.fixture
def cap_of_three(monkeypatch):
    monkeypatch.setattr(queries, "CANDIDATE_CAP", 3)


def _customers(field: str, values: list[str]) -> list:
    """One customer per value, the later ones more recently active."""
    start = datetime(2026, 1, 1)
    made = []
    for index, value in enumerate(values):
        made.append(
            factories.customer(**{field: value}, last_activity_at=start + timedelta(days=index))
        )
    db.session.commit()
    return made


@pytest.mark.parametrize(
    ("field", "values", "typed"),
    [
        ("phone", [f"61000000{i}" for i in range(6)], "+34 61"),
        ("email", [f"ana@mail{i}.test" for i in range(6)], "ana@"),
        ("number", [f"C00000{i}0" for i in range(6)], "C0000"),
    ],
)
def test_a_short_prefix_ranks_at_most_the_cap(cap_of_three, app, login_as, field, values, typed):
    actor = login_as("frontline")
    _customers(field, values)
    _plan, found = queries.customer_search(actor=actor, text=typed)
    assert len(found) == 3


def test_the_exact_phone_stays_first_whatever_the_cap(cap_of_three, app, login_as):
    actor = login_as("frontline")
    exact, *_others = _customers("phone", ["612345678", *(f"61234567{i}0" for i in range(5))])
    _plan, found = queries.customer_search(actor=actor, text="612 345 678")
    assert found[0].id == exact.id
