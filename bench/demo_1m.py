"""Benchmark: the demo company at a million customers on SQLite (target: under 5 minutes).

    python bench/demo_1m.py [PATH] [--customers N] [--seed S]

Builds into PATH (default /tmp/portal-1m.db, replaced if present), then prints the
elapsed seconds, the rows per table and the size of the database file.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from portal import create_app
from portal.demo.cli import demo_command
from portal.extensions import db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="/tmp/portal-1m.db")  # noqa: S108
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    path = Path(args.path).resolve()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as instance:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "INSTANCE_PATH": instance}
        )
        with app.app_context():
            started = time.perf_counter()
            demo_command.main(
                ["--customers", str(args.customers), "--seed", str(args.seed)],
                standalone_mode=False,
            )
            elapsed = time.perf_counter() - started
            counts = _counts()
            db.session.remove()
            db.engine.dispose()
    size = sum(
        Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists()
    )
    print(f"\nelapsed: {elapsed:.1f} s for {args.customers:,} customers")
    for table, count in counts.items():
        print(f"  {table:<22} {count:>12,}")
    events = sum(counts[t] for t in EVENTS)
    print(f"  {'events in all':<22} {events:>12,}")
    print(f"database: {path} {size / 1e6:,.0f} MB")


EVENTS = (
    "purchases",
    "interactions",
    "complaints",
    "promises",
    "survey_answers",
    "points_entries",
    "privileges",
)


def _counts() -> dict[str, int]:
    names = sorted(sa.inspect(db.engine).get_table_names())
    return {
        name: db.session.scalar(sa.text(f"SELECT count(*) FROM {name}"))  # our table names
        for name in names
        if name != "alembic_version"
    }


if __name__ == "__main__":
    main()
