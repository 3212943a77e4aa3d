"""The demo company as numbers: pure numpy, no Flask, no database.

Everything is drawn from `numpy.random.default_rng([seed, ...])`, so a seed and a date
give the same company every time. Customers are built in chunks; each chunk returns
column arrays per table (`Columns`), ready for a bulk writer.

The patterns are real, so the portal's analytics have something to find:

- *Employees differ.* Each employee has a quality factor (normal, mean 0). It raises
  the CSAT, NPS and ease (low effort) of the survey answers linked to them, lowers the
  complaints they cause and raises the share of promises they keep on time.
- *Complaints drive churn.* A customer whose complaint stays unresolved often stops
  buying soon after it (and buys less until then); a resolved complaint rarely does.
- *Account anorexia.* About one customer in eleven with a year of history buys less
  often and spends less per ticket over their last months than in their own past.
- *Advocates.* About 6% of customers buy twice as often, complain less and answer
  surveys with high NPS.
- *Households.* About 8% of customers share a phone number with the customer before
  them (often a surname too), so a phone lookup can return several people.
- *Open items.* Recent complaints are often still open and recent promises unkept;
  a few promises are overdue. The frontline demo login always has some of each.

Survey scales: CSAT 1-5 (5 best), NPS 0-10, effort 1-7 where 1 means "no effort at all"
(lower is better).

Modules: `people` (who the customers are, hidden traits), `identity` (their card
columns), `contacts` (interactions, complaints, promises), `sales` (purchases),
`surveys`, `ledger` (points, privileges), `words` (names and texts). Column arrays are
numpy arrays, masked where NULL, with datetime64 for dates and times; customers are
indexed by chunk position until `chunk_build` swaps in their ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from portal.customers.normalise import fold
from portal.demo import contacts, identity, ledger, people, sales, surveys
from portal.demo.people import Staff
from portal.demo.words import TEAM_SIZES, TEAMS

DEMO_PASSWORD = "demo"  # noqa: S105  (the documented demo password)

Columns = dict[str, np.ndarray]


def rng_for(seed: int, *stream: int) -> np.random.Generator:
    """An independent, reproducible stream per purpose (org, chunk 0, chunk 1, ...)."""
    return np.random.default_rng([seed, *stream])


@dataclass(frozen=True)
class Employee:
    email: str
    name: str
    roles: tuple[str, ...]
    team: int | None  # index into words.TEAMS
    quality: float


# The four documented logins; the frontline and manager logins share the first team.
DEMO_LOGINS = (
    ("frontline@demo.example", "Lucía Peña Ortega", "frontline", 0),
    ("trainer@demo.example", "Jorge Ibáñez Soler", "trainer", None),
    ("manager@demo.example", "Carmen Núñez Vidal", "manager", 0),
    ("admin@demo.example", "Raúl Gil Herrero", "admin", None),
)


def org_build(rng: np.random.Generator) -> tuple[Employee, ...]:
    """About sixty people in six teams, each team with a manager, plus a trainer and an
    admin. The manager and frontline demo logins work in the first team."""
    taken = {login[0] for login in DEMO_LOGINS}
    quality = rng.normal(0.0, 1.0, size=sum(TEAM_SIZES) + len(DEMO_LOGINS))
    everyone: list[Employee] = []
    for email, name, role, team in DEMO_LOGINS:
        # The frontline login is a good (not the best) employee: their page looks healthy.
        q = 0.5 if role == "frontline" else float(quality[len(everyone)])
        everyone.append(Employee(email, name, (role,), team, q))
    for team, size in enumerate(TEAM_SIZES):
        demo_members = sum(1 for e in everyone if e.team == team)
        for k in range(size - demo_members):
            role = "manager" if team > 0 and k == 0 else "frontline"
            email, name = _employee_name(rng, taken)
            everyone.append(Employee(email, name, (role,), team, float(quality[len(everyone)])))
    return tuple(everyone)


def _employee_name(rng: np.random.Generator, taken: set[str]) -> tuple[str, str]:
    first = str(rng.choice(people.FIRST[: people.N_SPANISH_FIRST]))
    last1, last2 = (str(s) for s in rng.choice(people.LAST[: people.N_SPANISH_LAST], 2))
    local = f"{fold(first).split()[0]}.{fold(last1).replace(' ', '')}"
    if local + "@demo.example" in taken:
        local += "." + fold(last2).replace(" ", "")
    while local + "@demo.example" in taken:
        local += str(rng.integers(10))
    taken.add(local + "@demo.example")
    return local + "@demo.example", f"{first} {last1} {last2}"


def staff_build(
    employees: tuple[Employee, ...], user_ids: dict[str, int], team_ids: list[int]
) -> Staff:
    """The serving employees as arrays, once the database has given them ids."""
    serving = [e for e in employees if e.team is not None]
    manager = np.array(["manager" in e.roles for e in serving])
    managers = {e.team: user_ids[e.email] for e in serving if "manager" in e.roles}
    owns = np.where(manager, 0.0, 1.0)
    featured = next(i for i, e in enumerate(serving) if e.email == DEMO_LOGINS[0][0])
    owns[featured] = 2.0  # the demo login owns a visible portfolio
    weights = np.array([t[2] for t in TEAMS])
    return Staff(
        user_id=np.array([user_ids[e.email] for e in serving], dtype=np.int64),
        team=np.array([e.team for e in serving]),
        quality=np.array([e.quality for e in serving]),
        owns=owns,
        serves=np.where(manager, 0.3, 1.0),
        team_id=np.array(team_ids, dtype=np.int64),
        team_weight=weights / weights.sum(),
        team_manager=np.array([managers[t] for t in range(len(TEAMS))], dtype=np.int64),
        featured=featured,
    )


@dataclass
class Chunk:
    tables: dict[str, Columns]
    terms: tuple[np.ndarray, np.ndarray]  # (index into people.TERMS, customer id)
    counts: dict[str, int] = field(default_factory=dict)


TABLE_ORDER = (
    "customers",
    "interactions",
    "complaints",
    "promises",
    "purchases",
    "survey_answers",
    "points_entries",
    "privileges",
)


def chunk_build(
    rng: np.random.Generator,
    *,
    staff: Staff,
    first_id: int,
    size: int,
    next_ids: dict[str, int],
    today: np.datetime64,
    showcase: bool = False,
) -> Chunk:
    """`size` customers from id `first_id`, with everything that happened to them over
    the two years before `today`. `next_ids` gives the first id of each child table."""
    now = int(np.datetime64(today, "D").astype("datetime64[s]").astype(np.int64))
    crowd = people.crowd_build(rng, staff=staff, size=size, now=now)
    chosen = people.showcase_pick(crowd, staff) if showcase else np.empty(0, np.int64)
    talk = contacts.contacts_build(rng, crowd, staff, now=now, showcase=chosen)
    bought = sales.purchases_build(rng, crowd, staff, now=now)
    tables = {"interactions": contacts.interaction_columns(rng, talk, staff)}
    interaction_ids = _assign_ids(tables["interactions"], next_ids["interactions"])
    tables["complaints"] = contacts.complaint_columns(rng, talk, staff, interaction_ids)
    tables["promises"] = contacts.promise_columns(rng, talk, staff, interaction_ids, now)
    tables["purchases"] = sales.purchase_columns(bought, staff)
    receipts = sales.references(_assign_ids(tables["purchases"], next_ids["purchases"]), bought)
    tables["purchases"]["reference"] = receipts
    tables["survey_answers"] = surveys.survey_columns(
        rng, crowd, staff, talk, bought, interaction_ids, now
    )
    tables["points_entries"] = ledger.points_columns(rng, crowd, staff, bought, talk, receipts, now)
    tables["privileges"] = ledger.privilege_columns(rng, crowd, staff, now)
    ids = first_id + np.arange(size, dtype=np.int64)
    last = _last_activity(size, talk, bought)
    tables["customers"] = identity.customer_columns(rng, crowd, staff, ids, last, now)
    for name in ("complaints", "promises", "survey_answers", "points_entries", "privileges"):
        _assign_ids(tables[name], next_ids[name])
    _to_customer_ids(tables, ids)
    ordered = {name: tables[name] for name in TABLE_ORDER}
    counts = {name: len(columns["id"]) for name, columns in ordered.items()}
    return Chunk(ordered, people.term_pairs(crowd, ids), counts)


def _last_activity(size: int, c: contacts.Contacts, bought: sales.Sales) -> np.ndarray:
    """Latest purchase or contact per customer, -1 for none."""
    last = np.full(size, -1, dtype=np.int64)
    np.maximum.at(last, c.cust, c.t)
    np.maximum.at(last, bought.cust, bought.t)
    return last


def _assign_ids(columns: Columns, first: int) -> np.ndarray:
    """Ids follow the rows' order (customer, then time), so index inserts append."""
    n = len(next(iter(columns.values())))
    ids = first + np.arange(n, dtype=np.int64)
    columns["id"] = ids
    columns.update({k: columns.pop(k) for k in list(columns) if k != "id"})  # id first
    return ids


def _to_customer_ids(tables: dict[str, Columns], ids: np.ndarray) -> None:
    """Builders index customers by position in the chunk; the database wants ids."""
    for name, columns in tables.items():
        if name != "customers":
            columns["customer_id"] = ids[columns["customer_id"]]


def name_terms_sorted(terms: list[tuple[np.ndarray, np.ndarray]]) -> Columns:
    """All (term, customer) pairs in primary-key order, so the B-tree only appends."""
    term = np.concatenate([t for t, _ in terms]) if terms else np.empty(0, np.int64)
    cust = np.concatenate([c for _, c in terms]) if terms else np.empty(0, np.int64)
    order = np.lexsort((cust, term))  # TERMS is sorted, so index order is text order
    return {"term": people.TERMS[term[order]], "customer_id": cust[order]}
