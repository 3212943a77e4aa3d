"""Benchmark: every page that is not the card, server-side through the Flask app.

Usage: python bench/pages.py [DATABASE_URL] [--requests N] [--only SUBSTRING] [--profile K]

Signs in as each demo role (password "demo"), times N requests per page through the
test client (no network) after a warm-up, and prints p50/p95 per page with the machine
reference loop of lookup_card.py (the machine is shared: compare runs by that figure).
--profile K also prints, per page, the K statements that took longest in total.
Target: every page p95 <= 50 ms on the 1M demo.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa

# Benchmark the checkout this file is in: run as a script, sys.path starts at bench/,
# and `portal` would otherwise come from wherever the package is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lookup_card import machine_reference, percentile

from portal import create_app
from portal.extensions import db

TARGET_MS = 50.0

# (role, label, path): homes, reports, lists, then searches of every shape.
PAGES = [
    ("frontline", "home frontline", "/"),
    ("trainer", "home trainer", "/"),
    ("manager", "home manager", "/"),
    ("admin", "home admin", "/"),
    ("frontline", "my training", "/training/"),
    ("trainer", "reports trainer", "/training/reports"),
    ("manager", "reports manager", "/training/reports"),
    ("trainer", "completion csv", "/training/reports/completion.csv"),
    ("trainer", "assignments trainer", "/training/assignments"),
    ("manager", "assignments manager", "/training/assignments"),
    ("trainer", "authoring list", "/training/authoring"),
    ("admin", "users list", "/admin/users"),
    ("admin", "teams list", "/admin/teams"),
    ("admin", "audit log", "/admin/audit/"),
]
SEARCHES = [
    ("name prefix", "gar"),
    ("name two words", "maria gar"),
    ("one letter", "g"),
    ("two letters", "ma"),
    ("phone +34 61", "+34 61"),
    ("phone +34 612 3", "+34 612 3"),
    ("phone 61", "61"),
    ("phone 612 34", "612 34"),
    ("phone 0034 61", "0034 61"),
    ("phone full", "612 345 678"),
    ("e-mail prefix", "mar"),
    ("e-mail with @", "maria.garcia@"),
    ("customer code", "C0012345"),
    ("code digits", "12345"),
    ("loyalty number", "L00012345"),
]


def pages() -> list[tuple[str, str, str]]:
    out = list(PAGES)
    for label, text in SEARCHES:
        out.append(("frontline", f"search {label}", f"/customers/search?q={quote(text)}"))
    out.append(("frontline", "lookup +34 61 (htmx)", "/customers/lookup?q=" + quote("+34 61")))
    return out


class Profiler:
    """Total time per SQL statement while active (cursor events)."""

    def __init__(self, engine) -> None:
        self.engine, self.totals, self.active = engine, defaultdict(float), False
        sa.event.listen(engine, "before_cursor_execute", self._before)
        sa.event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_started"] = time.perf_counter()

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        if self.active:
            self.totals[statement] += time.perf_counter() - conn.info.pop("bench_started")

    def top(self, n: int) -> list[tuple[float, str]]:
        ranked = sorted(((t, s) for s, t in self.totals.items()), reverse=True)[:n]
        self.totals.clear()
        return ranked


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?", default="sqlite:////tmp/portal-1m.db")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", type=int, default=0, metavar="K", help="top K statements")
    args = parser.parse_args()
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": args.url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False}
    )
    clients = {}
    for role in ("frontline", "trainer", "manager", "admin"):
        clients[role] = app.test_client()
        signed = clients[role].post(
            "/login", data={"email": f"{role}@demo.example", "password": "demo"}
        )
        assert signed.status_code == 302, f"the demo {role} login failed"
    with app.app_context():
        profiler = Profiler(db.engine) if args.profile else None
    print(f"portal from {sys.modules['portal'].__file__}")
    print(f"machine reference loop: {machine_reference():.3f} s (lower is a faster machine)")
    worst = 0.0
    for role, label, path in pages():
        if args.only not in label:
            continue
        client = clients[role]
        for _ in range(3):  # warm-up: compiled templates, page cache, statement cache
            assert client.get(path).status_code == 200, (label, path)
        times = []
        if profiler:
            profiler.active = True
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (label, response.status_code)
        p95 = percentile(times, 0.95)
        worst = max(worst, p95)
        flag = "" if p95 <= TARGET_MS else "  OVER"
        print(
            f"{label:28s} {role:9s} p50={statistics.median(times):7.2f} ms  p95={p95:7.2f} ms{flag}"
        )
        if profiler:
            profiler.active = False
            for total, statement in profiler.top(args.profile):
                text = " ".join(statement.split())[:150]
                print(f"    {1000 * total / args.requests:7.2f} ms/req  {text}")
    print(f"machine reference loop: {machine_reference():.3f} s; worst p95 {worst:.2f} ms")


if __name__ == "__main__":
    main()
