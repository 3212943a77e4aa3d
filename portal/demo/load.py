"""Bulk writers for the demo's column arrays: no ORM object per row.

SQLite: one transaction on a dedicated connection, with the journal kept small
(`journal_mode=DELETE`: new pages need no journal, unlike WAL which would write every
page twice), no fsync, foreign-key and CHECK evaluation off (ids and values come from
the generator; the tests verify both), and the plain `ix_*` indexes dropped and rebuilt,
since one sort is much faster than millions of random B-tree inserts. The index drops
are inside the transaction, so a failure leaves the schema as it was.

PostgreSQL: COPY per table and chunk in one transaction, the same index trick, foreign
keys of the loaded tables dropped and added back (validated in one pass each), and the
id sequences moved past the ids written.

Column arrays follow the convention of `portal.demo.generate`: numpy arrays, masked
where the value is NULL; datetime64 columns become the text SQLAlchemy itself stores.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Protocol

import numpy as np
import sqlalchemy as sa

BATCH = 100_000  # rows per executemany / COPY call: bounded memory for the row tuples


class Writer(Protocol):
    def write(self, table: str, columns: dict[str, np.ndarray]) -> None: ...


def python_values(column: np.ndarray) -> list:
    """A column as Python values for the driver: None where masked, text for times."""
    data = np.ma.getdata(column)
    mask = np.ma.getmaskarray(column) if np.ma.is_masked(column) else None
    if mask is not None and mask.all():
        return [None] * len(data)
    if data.dtype.kind == "M":
        if mask is not None:
            data = np.where(mask, data[~mask][0], data)  # masked slots may hold anything
        data = format_times(data)
    if mask is None:
        return data.tolist()
    values = data.astype(object)
    values[mask] = None
    return values.tolist()


def format_times(values: np.ndarray) -> np.ndarray:
    """datetime64 as 'YYYY-MM-DD' (days) or 'YYYY-MM-DD HH:MM:SS.ffffff' (seconds), the
    formats SQLAlchemy uses on SQLite and PostgreSQL accepts. Built from a table of the
    days in range plus a table of the 86,400 times of day: several times faster than
    formatting each value."""
    if len(values) == 0:
        return np.empty(0, dtype="U26")
    number = values.astype("datetime64[D]").astype(np.int64)
    low = int(number.min())
    span = np.arange(low, int(number.max()) + 1).astype("datetime64[D]")
    text = np.datetime_as_string(span, unit="D")[number - low]
    if np.datetime_data(values.dtype)[0] == "D":
        return text
    of_day = values.astype("datetime64[s]").astype(np.int64) - number * 86_400
    return np.strings.add(text, _times_of_day()[of_day])


@cache
def _times_of_day() -> np.ndarray:
    return np.array(
        [
            f" {h:02d}:{m:02d}:{s:02d}.000000"
            for h in range(24)
            for m in range(60)
            for s in range(60)
        ]
    )


def _batches(columns: dict[str, np.ndarray]) -> Iterator[list[list]]:
    size = len(next(iter(columns.values())))
    for start in range(0, size, BATCH):
        yield [python_values(col[start : start + BATCH]) for col in columns.values()]


class SqliteWriter:
    def __init__(self, connection) -> None:
        self.connection = connection

    def write(self, table: str, columns: dict[str, np.ndarray]) -> None:
        names = ", ".join(columns)
        marks = ", ".join("?" * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608  (our names)
        for values in _batches(columns):
            self.connection.executemany(sql, zip(*values, strict=True))


class PostgresWriter:
    def __init__(self, connection) -> None:
        self.connection = connection
        self.with_ids: set[str] = set()  # tables whose id sequence must move on

    def write(self, table: str, columns: dict[str, np.ndarray]) -> None:
        if "id" in columns:
            self.with_ids.add(table)
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with self.connection.cursor() as cursor:
            for values in _batches(columns):
                with cursor.copy(statement) as copy:
                    for row in zip(*values, strict=True):
                        copy.write_row(row)


@contextmanager
def bulk_writer(engine: sa.Engine, tables: tuple[str, ...]) -> Iterator[Writer]:
    """A writer for `tables` on a connection of its own; everything it writes commits
    at the end, or nothing does. Other connections must be closed first (SQLite can
    only leave WAL mode when it is alone)."""
    engine.dispose()
    raw = engine.raw_connection()
    try:
        if engine.dialect.name == "postgresql":
            with _postgres_bulk(raw.driver_connection, tables) as writer:
                yield writer
        else:
            with _sqlite_bulk(raw.driver_connection, tables) as writer:
                yield writer
    finally:
        raw.close()
        engine.dispose()


def sqlite_schema_drop(engine: sa.Engine) -> None:
    """Drop every table (their indexes and triggers go with them). Foreign keys are
    off first: with them on, SQLite empties each table row by row before dropping it,
    looking up every referencing row, and that takes hours on a large database."""
    engine.dispose()
    raw = engine.raw_connection()
    connection = raw.driver_connection
    isolation = connection.isolation_level
    connection.isolation_level = None
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        tables = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite~_%' ESCAPE '~'"
        ).fetchall()
        connection.execute("BEGIN")
        for (table,) in tables:
            connection.execute(f'DROP TABLE "{table}"')
        connection.execute("COMMIT")
        connection.execute("VACUUM")  # give the space back now rather than keep it free
    finally:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.isolation_level = isolation
        raw.close()
        engine.dispose()


_SQLITE_FAST = {
    "journal_mode": "DELETE",
    "synchronous": "OFF",
    "foreign_keys": "OFF",
    # The enum CHECKs (`x IN (...)`) rebuild their value list on every executed row:
    # 3 µs a row becomes 15-30. The generator only writes valid values, and
    # `PRAGMA integrity_check` still verifies every CHECK (the tests run it).
    "ignore_check_constraints": "ON",
    "cache_size": "-1000000",  # about 1 GB of page cache, KiB when negative
    "temp_store": "MEMORY",
}


@contextmanager
def _sqlite_bulk(connection, tables: tuple[str, ...]) -> Iterator[Writer]:
    isolation = connection.isolation_level
    connection.isolation_level = None  # we issue BEGIN and COMMIT ourselves
    saved = {name: connection.execute(f"PRAGMA {name}").fetchone()[0] for name in _SQLITE_FAST}
    try:
        for name, value in _SQLITE_FAST.items():
            connection.execute(f"PRAGMA {name}={value}")
        connection.execute("BEGIN")
        indexes = _sqlite_plain_indexes(connection, tables)
        for name, _ in indexes:
            connection.execute(f'DROP INDEX "{name}"')
        yield SqliteWriter(connection)
        for _, create in indexes:
            connection.execute(create)
        connection.execute("COMMIT")
        # Statistics for the planner, sampled so that it takes a moment even at 1M.
        connection.execute("PRAGMA analysis_limit=1000")
        connection.execute("ANALYZE")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        for name, value in saved.items():
            connection.execute(f"PRAGMA {name}={value}")
        connection.isolation_level = isolation


def _sqlite_plain_indexes(connection, tables: tuple[str, ...]) -> list[tuple[str, str]]:
    rows = connection.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' "
        "AND sql IS NOT NULL AND name LIKE 'ix~_%' ESCAPE '~' ORDER BY name"
    ).fetchall()
    return [(name, sql) for name, table, sql in rows if table in tables]


@contextmanager
def _postgres_bulk(connection, tables: tuple[str, ...]) -> Iterator[Writer]:
    try:
        with connection.cursor() as cursor:
            removed = _postgres_set_aside(cursor, tables)
        writer = PostgresWriter(connection)
        yield writer
        with connection.cursor() as cursor:
            for statement in removed:
                cursor.execute(statement)
            for table in sorted(writer.with_ids):
                _postgres_sequence_reset(cursor, table)
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")
    connection.commit()


def _postgres_set_aside(cursor, tables: tuple[str, ...]) -> list[str]:
    """Drop the plain indexes and the foreign keys of `tables`; return the statements
    that put them back. A foreign key checks each COPY row with a query of its own;
    added back, it validates everything in one join."""
    cursor.execute(
        "SELECT format('ALTER TABLE %%I DROP CONSTRAINT %%I', conrelid::regclass, conname), "
        "format('ALTER TABLE %%I ADD CONSTRAINT %%I %%s', conrelid::regclass, conname, "
        "pg_get_constraintdef(oid)) FROM pg_constraint WHERE contype = 'f' "
        "AND connamespace = current_schema()::regnamespace "
        "AND conrelid::regclass::text = ANY(%s) ORDER BY conname",
        (list(tables),),
    )
    keys = cursor.fetchall()
    cursor.execute(
        "SELECT format('DROP INDEX %%I', indexname), indexdef FROM pg_indexes "
        "WHERE schemaname = current_schema() AND indexname LIKE 'ix\\_%%' "
        "AND tablename = ANY(%s) ORDER BY indexname",
        (list(tables),),
    )
    indexes = cursor.fetchall()
    for drop, _ in keys + indexes:
        cursor.execute(drop)
    return [create for _, create in indexes + keys]


def _postgres_sequence_reset(cursor, table: str) -> None:
    """Ids were written explicitly; the next ORM insert must not reuse one."""
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", (table,))
    sequence = cursor.fetchone()[0]
    if sequence is None:
        return
    cursor.execute(
        f"SELECT setval(%s, COALESCE((SELECT max(id) FROM {table}), 1), "  # noqa: S608
        f"(SELECT max(id) FROM {table}) IS NOT NULL)",
        (sequence,),
    )
