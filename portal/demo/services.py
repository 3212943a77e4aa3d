"""Building the demo company in the database: people and teams through the auth
services (a few dozen rows), customers and their history through the bulk writers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import sqlalchemy as sa
from flask import current_app
from flask_migrate import downgrade, upgrade
from werkzeug.security import generate_password_hash

from portal.auth.models import Team, User
from portal.auth.services import roles_ensure, team_save, user_create
from portal.customers.models import Customer
from portal.demo import generate
from portal.demo.load import bulk_writer, sqlite_schema_drop
from portal.demo.words import TEAMS
from portal.extensions import db

CHUNK = 50_000  # customers per chunk: big enough for numpy, small enough for memory
BULK_TABLES = (*generate.TABLE_ORDER, "customer_name_terms")
Progress = Callable[[int, str], None]


def database_holds_data() -> bool:
    return any(
        db.session.scalar(sa.select(model.id).limit(1)) is not None
        for model in (User, Team, Customer)
    )


def schema_ensure() -> None:
    """Bring the schema to the latest migration (creating it on a fresh machine)."""
    if _has_migrations():
        upgrade()
    else:
        db.create_all()


def schema_rebuild() -> None:
    """Drop every table and build them again. Deleting rows is not an option: the
    audit log's triggers refuse it, by design. On SQLite the tables are dropped directly
    (see `sqlite_schema_drop`): a downgrade that rebuilds a table in batch mode would
    take hours on a large database."""
    db.session.remove()  # an open read transaction would make PostgreSQL's DROP wait
    if db.engine.dialect.name == "sqlite":
        sqlite_schema_drop(db.engine)
        schema_ensure()
    elif _has_migrations():
        downgrade(revision="base")
        upgrade()
    else:
        db.drop_all()
        db.create_all()


def _has_migrations() -> bool:
    versions = Path(current_app.extensions["migrate"].directory) / "versions"
    return versions.is_dir() and any(versions.glob("*.py"))


def org_create(
    employees: tuple[generate.Employee, ...], password_hash: str
) -> tuple[dict[str, int], list[int]]:
    """Teams and users; returns user ids by e-mail and team ids in TEAMS order."""
    roles_ensure()
    first_admin = next(e for e in employees if "admin" in e.roles)
    admin = _user(first_admin, None, password_hash, team_id=None)
    teams = [
        team_save(actor=admin, team=None, name=name, location=city, manager_id=None)
        for name, city, _ in TEAMS
    ]
    users = {admin.email: admin}
    for person in employees:
        if person is not first_admin:
            team_id = None if person.team is None else teams[person.team].id
            users[person.email] = _user(person, admin, password_hash, team_id=team_id)
    for person in employees:
        if "manager" in person.roles and person.team is not None:
            teams[person.team].manager_id = users[person.email].id
    db.session.flush()
    return {email: user.id for email, user in users.items()}, [team.id for team in teams]


def _user(
    person: generate.Employee, actor: User | None, password_hash: str, team_id: int | None
) -> User:
    return user_create(
        actor=actor,
        email=person.email,
        name=person.name,
        password="",
        password_hash=password_hash,
        roles=list(person.roles),
        team_id=team_id,
        language="es",
    )


def demo_build(
    *, customers: int, seed: int, today: date, progress: Progress | None = None
) -> dict[str, int]:
    """Build the whole company into an empty database; returns row counts per table.
    `progress(customers_done, stage)` is told after each chunk and before the indexes."""
    progress = progress or (lambda done, stage: None)
    employees = generate.org_build(generate.rng_for(seed, 0))
    # Hashing is slow on purpose: once for everybody, not sixty times.
    password_hash = generate_password_hash(generate.DEMO_PASSWORD)
    user_ids, team_ids = org_create(employees, password_hash)
    db.session.commit()
    db.session.remove()
    staff = generate.staff_build(employees, user_ids, team_ids)
    counts = {"teams": len(team_ids), "users": len(user_ids)}
    next_ids = dict.fromkeys(generate.TABLE_ORDER, 1)
    terms = []
    with bulk_writer(db.engine, BULK_TABLES) as writer:
        for index, first in enumerate(range(1, customers + 1, CHUNK)):
            size = min(CHUNK, customers + 1 - first)
            chunk = generate.chunk_build(
                generate.rng_for(seed, 1, index),
                staff=staff,
                first_id=first,
                size=size,
                next_ids=next_ids,
                today=np.datetime64(today, "D"),
                showcase=index == 0,
            )
            for table, columns in chunk.tables.items():
                writer.write(table, columns)
                next_ids[table] += chunk.counts[table]
                counts[table] = counts.get(table, 0) + chunk.counts[table]
            terms.append(chunk.terms)
            progress(size, "customers")
        progress(0, "name index")
        name_terms = generate.name_terms_sorted(terms)
        writer.write("customer_name_terms", name_terms)
        progress(0, "indexes")
    counts["customer_name_terms"] = len(name_terms["term"])
    return counts
