"""Benchmark: customer lookup and card, server-side through the Flask app.

Usage: python bench/lookup_card.py [DATABASE_URL] [--requests N]

Samples real names, phones, e-mails and numbers from the database, times at least
1,000 lookups and card openings through the app (test client: no network), captures
the SQL statements each lookup ran and replays them through the raw driver in the
same run, so the app's overhead can be compared with the database's own time.
Prints p50/p95 per kind and the query plans of the lookup statements.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import sqlalchemy as sa

from portal import create_app
from portal.customers.models import Customer
from portal.extensions import db


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def sample_queries(n: int, rng: random.Random) -> list[str]:
    max_id = db.session.scalar(sa.select(sa.func.max(Customer.id)))
    ids = rng.sample(range(1, max_id + 1), min(n, max_id))
    rows = db.session.execute(
        sa.select(
            Customer.first_name, Customer.last_name, Customer.phone, Customer.email, Customer.number
        ).where(Customer.id.in_(ids))
    ).all()
    queries = []
    for first, last, phone, email, number in rows:
        kind = rng.random()
        if kind < 0.35:
            queries.append(first[: rng.randint(2, len(first))])
        elif kind < 0.55:
            queries.append(f"{first} {last.split()[0][:3]}")
        elif kind < 0.70:
            queries.append(last.split()[0][: rng.randint(2, 5)].lower())
        elif kind < 0.85 and phone:
            queries.append(phone)
        elif kind < 0.95 and email:
            queries.append(email[: rng.randint(3, len(email))])
        else:
            queries.append(number)
    rng.shuffle(queries)
    return queries[:n]


def timed_requests(client, urls: list[str], headers: dict | None = None) -> list[float]:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url, headers=headers or {})
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def replay(engine, per_request: list[list[tuple[str, object]]]) -> list[float]:
    """Each request's lookup statements again, straight through the driver: ms per request."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        totals = []
        for statements in per_request:
            start = time.perf_counter()
            for statement, params in statements:
                cursor.execute(statement, params)
                cursor.fetchall()
            totals.append((time.perf_counter() - start) * 1000)
        return totals
    finally:
        raw.close()


def plans(engine, statements: list[tuple[str, object]]) -> list[list[str]]:
    if engine.dialect.name != "sqlite":
        return []
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        out = []
        for statement, params in statements:
            cursor.execute("EXPLAIN QUERY PLAN " + statement, params)
            out.append([row[-1] for row in cursor.fetchall()])
        return out
    finally:
        raw.close()


def machine_reference() -> float:
    """Seconds for a fixed pure-Python loop: runs on a shared machine differ by tens of
    per cent, and this says how fast the machine was during this run."""
    start = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.perf_counter() - start


def report(name: str, values: list[float]) -> None:
    print(
        f"{name:28s} n={len(values):5d}  p50={statistics.median(values):6.2f} ms  "
        f"p95={percentile(values, 0.95):6.2f} ms  max={max(values):7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?", default="sqlite:////tmp/portal-1m.db")
    parser.add_argument("--requests", type=int, default=1200)
    args = parser.parse_args()
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": args.url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False}
    )
    rng = random.Random(7)
    with app.app_context():
        customers = db.session.scalar(sa.select(sa.func.count()).select_from(Customer))
        queries = sample_queries(args.requests * 2, rng)[: args.requests]
        max_id = db.session.scalar(sa.select(sa.func.max(Customer.id)))
        card_ids = [rng.randint(1, max_id) for _ in range(args.requests)]
    client = app.test_client()
    signed_in = client.post("/login", data={"email": "frontline@demo.example", "password": "demo"})
    assert signed_in.status_code == 302, "the demo frontline login failed"
    # Warm up caches and compiled templates, as a running server would be.
    timed_requests(client, [f"/customers/search?q={q}" for q in queries[:50]])

    with app.app_context():
        engine = db.engine
    per_request: list[list[tuple[str, object]]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if "customer" in statement and "audit" not in statement and "users" not in statement:
            per_request[-1].append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", capture)
    lookup = []
    for q in queries:
        per_request.append([])
        lookup += timed_requests(client, [f"/customers/search?q={q}"])
    sa.event.remove(engine, "before_cursor_execute", capture)
    fragment = timed_requests(
        client, [f"/customers/search?q={q}" for q in queries], headers={"HX-Request": "true"}
    )
    card = timed_requests(client, [f"/customers/{i}" for i in card_ids])
    driver = replay(engine, per_request)
    statements = sum(len(s) for s in per_request)
    sampled = [s[0] for s in per_request[:: max(1, len(per_request) // 4)] if s][:4]

    print(f"database: {engine.dialect.name}, {customers:,} customers")
    print(f"machine reference (5M-step Python loop): {machine_reference():.3f} s")
    report("lookup (full page)", lookup)
    report("lookup (htmx fragment)", fragment)
    report("card", card)
    report("lookup SQL via driver", driver)
    driver_p95 = max(percentile(driver, 0.95), 1e-6)
    print(
        f"statements per lookup: {statements / len(per_request):.2f}; app/driver p95 ratio: "
        f"full page {percentile(lookup, 0.95) / driver_p95:.2f}, "
        f"fragment {percentile(fragment, 0.95) / driver_p95:.2f}"
    )
    for plan in plans(engine, sampled):
        print("plan:", " | ".join(plan))


if __name__ == "__main__":
    main()
