"""Small builders for test data; each flushes so ids exist, the test commits."""

from __future__ import annotations

import itertools
from datetime import date

from werkzeug.security import generate_password_hash

from portal.auth import services
from portal.auth.models import Team, User
from portal.customers.models import Customer
from portal.customers.normalise import fold, normalise_email, normalise_phone
from portal.extensions import db

_seq = itertools.count(1)
# Hashing is deliberately slow; every test user shares one precomputed hash.
PASSWORD = "password123"
_HASH = generate_password_hash(PASSWORD)


def team(name: str | None = None, manager: User | None = None) -> Team:
    t = Team(name=name or f"Team {next(_seq)}", manager_id=manager.id if manager else None)
    db.session.add(t)
    db.session.flush()
    return t


def user(roles: list[str] | None = None, **fields) -> User:
    n = next(_seq)
    return services.user_create(
        actor=None,
        email=fields.pop("email", f"user{n}@example.test"),
        name=fields.pop("name", f"Test User {n}"),
        password="",
        password_hash=_HASH,
        roles=roles or ["frontline"],
        **fields,
    )


def customer(first: str = "Lucía", last: str = "Núñez Peña", **fields) -> Customer:
    n = next(_seq)
    email = fields.pop("email", f"cust{n}@example.test")
    phone = fields.pop("phone", f"6{n:08d}")
    c = Customer(
        number=fields.pop("number", f"C{n:07d}"),
        first_name=first,
        last_name=last,
        name_folded=fold(f"{first} {last}"),
        email=email,
        email_norm=normalise_email(email),
        phone=phone,
        phone_norm=normalise_phone(phone),
        customer_since=fields.pop("customer_since", date(2023, 1, 1)),
        **fields,
    )
    db.session.add(c)
    db.session.flush()
    return c
