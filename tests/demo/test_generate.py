"""The demo generator is pure and reproducible: no Flask, no database."""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

import numpy as np
import pytest

from portal.customers import models
from portal.demo import generate, people
from portal.demo.contacts import SHOWCASE
from portal.demo.load import python_values
from portal.demo.timeline import DEPARTMENTS, KINDS, OUTCOMES, PROMISE_KINDS

DEMO = Path(generate.__file__).parent
PURE = (
    "generate",
    "people",
    "identity",
    "timeline",
    "contacts",
    "sales",
    "surveys",
    "ledger",
    "words",
)
ALLOWED = ("numpy", "portal.demo", "portal.customers.normalise", "__future__")
TODAY = np.datetime64("2026-03-15")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add(node.module or "")
    return found


@pytest.mark.parametrize("module", PURE)
def test_generator_modules_import_neither_flask_nor_sqlalchemy(module):
    for name in _imports(DEMO / f"{module}.py"):
        stdlib = name.split(".")[0] in {"dataclasses", "functools", "collections"}
        assert stdlib or name.startswith(ALLOWED), f"{module}.py imports {name}"


def test_normalise_is_pure_too():
    normalise = Path(models.__file__).with_name("normalise.py")
    assert not {n for n in _imports(normalise) if n.startswith(("flask", "sqlalchemy"))}


def _staff() -> generate.Staff:
    employees = generate.org_build(generate.rng_for(3, 0))
    user_ids = {e.email: 100 + i for i, e in enumerate(employees)}
    return generate.staff_build(employees, user_ids, [11, 12, 13, 14, 15, 16])


def _chunk(seed: int, size: int = 400) -> generate.Chunk:
    return generate.chunk_build(
        generate.rng_for(seed, 1, 0),
        staff=_staff(),
        first_id=1,
        size=size,
        next_ids=dict.fromkeys(generate.TABLE_ORDER, 1),
        today=TODAY,
        showcase=True,
    )


def _digest(chunk: generate.Chunk) -> str:
    sha = hashlib.sha256()
    for name, columns in chunk.tables.items():
        for column, values in columns.items():
            sha.update(f"{name}.{column}".encode())
            data = np.ma.getdata(values)
            as_bytes = repr(data.tolist()).encode() if data.dtype == object else data.tobytes()
            sha.update(as_bytes)
            sha.update(np.ma.getmaskarray(values).tobytes())
    return sha.hexdigest()


def test_generate_same_seed_gives_the_same_company():
    assert _digest(_chunk(5)) == _digest(_chunk(5))
    assert _digest(_chunk(5)) != _digest(_chunk(6))


def test_generate_org_has_six_teams_of_about_sixty_people_with_managers():
    employees = generate.org_build(generate.rng_for(1, 0))
    assert 55 <= len(employees) <= 65
    teams = {e.team for e in employees if e.team is not None}
    assert teams == set(range(6))
    for team in teams:
        managers = [e for e in employees if e.team == team and "manager" in e.roles]
        assert len(managers) == 1
    emails = [e.email for e in employees]
    assert len(set(emails)) == len(emails)
    assert {login[0] for login in generate.DEMO_LOGINS} <= set(emails)


def test_generate_values_fit_the_models_enums():
    tables = _chunk(8).tables
    enums = {
        ("interactions", "channel"): models.Channel,
        ("interactions", "department"): models.Department,
        ("interactions", "type"): models.InteractionType,
        ("interactions", "outcome"): models.Outcome,
        ("complaints", "status"): models.ComplaintStatus,
        ("promises", "kind"): models.PromiseKind,
        ("points_entries", "kind"): models.PointsKind,
        ("purchases", "channel"): models.Channel,
        ("customers", "tier"): models.Tier,
        ("customers", "preferred_channel"): models.Channel,
    }
    for (table, column), enum in enums.items():
        values = set(np.ma.compressed(tables[table][column]).tolist())
        assert values <= {m.value for m in enum}, (table, column)
    assert set(DEPARTMENTS) == {m.value for m in models.Department}
    assert set(KINDS) == {m.value for m in models.InteractionType}
    assert set(OUTCOMES) == {m.value for m in models.Outcome}
    assert set(PROMISE_KINDS) == {m.value for m in models.PromiseKind}


def test_generate_rows_are_sorted_by_customer_then_time():
    tables = _chunk(9).tables
    for name in ("purchases", "interactions"):
        cust, t = tables[name]["customer_id"], tables[name]["occurred_at"]
        order = np.lexsort((t, cust))
        assert (order == np.arange(len(cust))).all(), name
        assert (tables[name]["id"] == np.arange(1, len(cust) + 1)).all()


def test_generate_events_stay_in_the_two_years_before_today():
    tables = _chunk(10).tables
    midnight = TODAY.astype("datetime64[s]")
    start = midnight - np.timedelta64(people.WINDOW_DAYS, "D")
    for name, column in (("purchases", "occurred_at"), ("interactions", "occurred_at")):
        times = tables[name][column]
        assert times.max() < midnight and times.min() >= start, name


def test_generate_name_terms_are_sorted_and_distinct():
    chunk = _chunk(12)
    columns = generate.name_terms_sorted([chunk.terms])
    pairs = list(zip(columns["term"].tolist(), columns["customer_id"].tolist(), strict=True))
    assert pairs == sorted(set(pairs))
    assert set(columns["term"].tolist()) <= set(people.TERMS.tolist())


@pytest.mark.parametrize("size", [1, 2, 7])
def test_generate_tiny_companies_work(size):
    for seed in range(5):
        chunk = _chunk(seed, size)
        assert chunk.counts["customers"] == size
        for columns in chunk.tables.values():
            for values in columns.values():
                python_values(values)


def test_generate_showcase_table_is_well_formed():
    assert all(len(row) == 4 for row in SHOWCASE)


def test_load_values_use_sqlalchemys_text_for_times_and_none_for_masked():
    times = np.array(["2025-01-02T03:04:05", "1999-12-31T23:59:59"], dtype="datetime64[s]")
    assert python_values(times) == ["2025-01-02 03:04:05.000000", "1999-12-31 23:59:59.000000"]
    days = np.ma.array(np.array(["2025-01-02", "2025-03-04"], dtype="datetime64[D]"), mask=[0, 1])
    assert python_values(days) == ["2025-01-02", None]
    numbers = np.ma.array(np.array([1, 2, 3]), mask=[1, 0, 1])
    assert python_values(numbers) == [None, 2, None]
    assert all(type(v) is int for v in python_values(np.arange(3)))
