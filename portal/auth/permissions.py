"""Who may do what: one table from role to capabilities, and how views declare theirs.

Every endpoint must declare a capability (or be marked public); the factory's
`enforce_capabilities` hook denies any endpoint that declares none, so a
forgotten decorator fails closed. Which rows an actor sees is decided in queries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

ROLES = ("frontline", "trainer", "manager", "admin")

EVERYONE = frozenset({"home.view", "profile.edit", "training.learn"})

CAPABILITIES: dict[str, frozenset[str]] = {
    "frontline": EVERYONE | {"customers.search", "customers.view", "customers.act"},
    "trainer": EVERYONE
    | {"quality.view", "training.assign", "training.report", "content.author", "content.approve"},
    "manager": EVERYONE
    | {
        "customers.search",
        "customers.view",
        "customers.act",
        "teams.view",
        "quality.view",
        "training.assign",
        "training.report",
        "content.approve",
    },
    "admin": EVERYONE | {"users.manage", "teams.manage", "audit.read"},
}

PUBLIC = "public"
F = TypeVar("F", bound=Callable)


def role_grants(role: str, capability: str) -> bool:
    return capability in CAPABILITIES.get(role, frozenset())


def all_capabilities() -> frozenset[str]:
    return frozenset().union(*CAPABILITIES.values())


def requires(capability: str) -> Callable[[F], F]:
    """Declare the capability a view needs; checked before the request reaches it."""
    if capability != PUBLIC and capability not in all_capabilities():
        raise ValueError(f"no role grants the capability {capability!r}")

    def mark(view: F) -> F:
        view.capability = capability
        return view

    return mark


def public(view: F) -> F:
    view.capability = PUBLIC
    return view
