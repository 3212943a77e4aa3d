"""Reads for the frontline: customer lookup, scoped to what the actor may see."""

from __future__ import annotations

from functools import lru_cache

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from portal.auth.models import Team, User
from portal.customers.models import Customer, CustomerNameTerm
from portal.customers.normalise import fold
from portal.customers.search import Plan, plan, prefix_upper_bound
from portal.extensions import db

RESULT_LIMIT = 10
CANDIDATE_CAP = 1000  # never count or rank more index entries than this per keystroke


def customer_get(*, actor: User, customer_id: int) -> Customer | None:
    """The customer with the employee who looks after them, if the actor may see it."""
    params = {"cid": customer_id, **_scope_params(actor)}
    return db.session.scalar(_get_statement(_team_scoped()), params)


@lru_cache(maxsize=2)
def _get_statement(scoped: bool) -> sa.Select:
    stmt = sa.select(Customer).options(joinedload(Customer.owner))
    return stmt.where(Customer.id == sa.bindparam("cid"), _scope_clause(scoped))


def customer_search(*, actor: User, text: str, limit: int = RESULT_LIMIT) -> tuple[Plan, list]:
    """About `limit` best matches: exact before prefix, then most recently active."""
    query = plan(text)
    if query.kind == "too_short":
        return query, []
    params = {**_search_params(query), **_scope_params(actor), "limit": limit}
    driver = 0
    if query.kind == "name":
        driver = _most_selective(query.words)
    stmt = _search_statement(query.kind, len(query.words), driver, _team_scoped())
    return query, list(db.session.scalars(stmt, params))


def customers_by_phone(*, actor: User, phone_norm: str, limit: int = 20) -> list[Customer]:
    stmt = (
        sa.select(Customer)
        .where(Customer.phone_norm == phone_norm, _scope_clause(_team_scoped()))
        .order_by(Customer.last_activity_at.desc().nulls_last(), Customer.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt, _scope_params(actor)))


def _prefix(column, prefix: str) -> sa.ColumnElement[bool]:
    # A range, not LIKE: the bound parameters keep the index usable on both engines.
    return sa.and_(column >= prefix, column < prefix_upper_bound(prefix))


def _prefix_param(column, name: str) -> sa.ColumnElement[bool]:
    """The same range with the bounds as parameters `<name>_lo` and `<name>_hi`."""
    return sa.and_(column >= sa.bindparam(f"{name}_lo"), column < sa.bindparam(f"{name}_hi"))


def _capped_prefix(column, name: str) -> sa.ColumnElement[bool]:
    """Customers whose `column` starts with the prefix, at most CANDIDATE_CAP of them in
    index order: "+34 61" starts 68,000 phones at 1M customers, and ranking all of them
    by activity took 190 ms. The exact value, when stored, sorts first in the range, so
    the exact match always stays among the candidates."""
    candidates = (
        sa.select(Customer.id)
        .where(_prefix_param(column, name))
        .limit(sa.bindparam("cap", type_=sa.Integer))
    )
    return Customer.id.in_(candidates)


def _bounds(name: str, prefix: str) -> dict[str, str]:
    return {f"{name}_lo": prefix, f"{name}_hi": prefix_upper_bound(prefix)}


def _code_forms(digits: str) -> list[str]:
    """Numbers are printed with a letter and zero padding (C0012345, L00012345);
    staff often type only the significant digits."""
    bare = digits.lstrip("0") or "0"
    return [digits, f"C{bare.zfill(7)}", f"L{bare.zfill(8)}"]


def _team_scoped() -> bool:
    return current_app.config.get("CUSTOMER_SCOPE", "company") == "team"


def _scope_clause(scoped: bool) -> sa.ColumnElement[bool]:
    """Which customers the actor may see: the whole company, or (CUSTOMER_SCOPE=team)
    those of the teams the actor belongs to or manages, given as the parameters
    `scope_team` and `scope_actor` (see `_scope_params`)."""
    if not scoped:
        return sa.true()
    managed = sa.select(Team.id).where(Team.manager_id == sa.bindparam("scope_actor"))
    return sa.or_(Customer.team_id == sa.bindparam("scope_team"), Customer.team_id.in_(managed))


def _scope_params(actor: User) -> dict:
    if not _team_scoped():
        return {}
    return {"scope_team": actor.team_id, "scope_actor": actor.id}


def _search_params(query: Plan) -> dict:
    """The bound values of the statement `_search_statement` builds for this plan."""
    params: dict = {"text": query.text, "phone": query.phone_prefix, "cap": CANDIDATE_CAP}
    if query.kind == "email":
        params.update(_bounds("q", query.text))
    elif query.kind == "digits":
        params.update(_bounds("phone", query.phone_prefix), forms=_code_forms(query.text))
    elif query.kind == "code":
        params.update(_bounds("q", query.text))
    else:
        params.update(folded=fold(query.text))
        for index, word in enumerate(query.words):
            params.update(_bounds(f"w{index}", word), **{f"w{index}": word})
    return params


# Building a statement costs about as much as running it (0.2-0.9 ms per keystroke),
# so each shape of lookup is built once, with its values as parameters.
@lru_cache(maxsize=256)
def _search_statement(kind: str, words: int, driver: int, scoped: bool) -> sa.Select:
    where = _name_match(words, driver) if kind == "name" else _MATCHERS[kind]()
    scope = sa.true()
    if scoped:
        managed = sa.select(Team.id).where(Team.manager_id == sa.bindparam("scope_actor"))
        scope = sa.or_(
            Customer.team_id == sa.bindparam("scope_team"), Customer.team_id.in_(managed)
        )
    ranking = _name_ranking(words) if kind == "name" else _code_ranking(kind)
    return (
        sa.select(Customer)
        .where(where, scope)
        .order_by(ranking, Customer.last_activity_at.desc().nulls_last(), Customer.id)
        .limit(sa.bindparam("limit", type_=sa.Integer))
    )


def _match_email() -> sa.ColumnElement[bool]:
    return _capped_prefix(Customer.email_norm, "q")


def _match_digits() -> sa.ColumnElement[bool]:
    forms = sa.bindparam("forms", expanding=True)
    return sa.or_(
        _capped_prefix(Customer.phone_norm, "phone"),
        Customer.number.in_(forms),
        Customer.loyalty_id.in_(forms),
    )


def _match_code() -> sa.ColumnElement[bool]:
    text = sa.bindparam("text")
    return sa.or_(
        Customer.number == text,
        Customer.loyalty_id == text,
        _capped_prefix(Customer.number, "q"),
    )


def _name_match(words: int, driver: int) -> sa.ColumnElement[bool]:
    """Candidates from the most selective word's terms (capped), then every other word
    must prefix one of the customer's terms."""
    candidates = (
        sa.select(CustomerNameTerm.customer_id)
        .where(_prefix_param(CustomerNameTerm.term, f"w{driver}"))
        .limit(sa.bindparam("cap", type_=sa.Integer))
    )
    conditions = [Customer.id.in_(candidates)]
    for index in range(words):
        if index == driver:
            continue
        term = sa.select(CustomerNameTerm.term).where(
            CustomerNameTerm.customer_id == Customer.id,
            _prefix_param(CustomerNameTerm.term, f"w{index}"),
        )
        conditions.append(term.exists())
    return sa.and_(*conditions)


CAPPED_COUNT = sa.select(sa.func.count()).select_from(
    sa.select(sa.literal(1))
    .where(_prefix_param(CustomerNameTerm.term, "w"))
    .limit(sa.bindparam("cap", type_=sa.Integer))
    .subquery()
)


def _most_selective(words: tuple[str, ...]) -> int:
    """The index of the word with the fewest matching terms, counted up to the cap."""
    if len(words) == 1:
        return 0
    counts = [
        db.session.scalar(CAPPED_COUNT, {**_bounds("w", word), "cap": CANDIDATE_CAP})
        for word in words
    ]
    return counts.index(min(counts))


def _code_ranking(kind: str) -> sa.ColumnElement:
    text = sa.bindparam("text")
    exact = sa.or_(
        Customer.email_norm == text,
        Customer.phone_norm == sa.bindparam("phone"),
        Customer.number.in_(sa.bindparam("forms", expanding=True))
        if kind == "digits"
        else sa.false(),
        Customer.number == text,
        Customer.loyalty_id == text,
    )
    return sa.case((exact, 0), else_=1)


def _name_ranking(words: int) -> sa.ColumnElement:
    exact_words = [
        sa.select(CustomerNameTerm.term)
        .where(
            CustomerNameTerm.customer_id == Customer.id,
            CustomerNameTerm.term == sa.bindparam(f"w{index}"),
        )
        .exists()
        for index in range(words)
    ]
    return sa.case(
        (Customer.name_folded == sa.bindparam("folded"), 0),
        (sa.and_(*exact_words), 1),
        else_=2,
    )


_MATCHERS = {"email": _match_email, "digits": _match_digits, "code": _match_code}


COUNT_CAP = 100  # "more than 100" is all anyone needs; counting further costs at 1M rows


def customer_search_count(*, actor: User, text: str, cap: int = COUNT_CAP) -> int:
    """How many customers the lookup matches, counted up to `cap` + 1 (one more than
    `cap` means "more than `cap`"): the index range stops after that many rows."""
    query = plan(text)
    if query.kind == "too_short":
        return 0
    params = {**_search_params(query), **_scope_params(actor), "count_cap": cap + 1}
    driver = _most_selective(query.words) if query.kind == "name" else 0
    stmt = _count_statement(query.kind, len(query.words), driver, _team_scoped())
    return db.session.scalar(stmt, params)


@lru_cache(maxsize=256)
def _count_statement(kind: str, words: int, driver: int, scoped: bool) -> sa.Select:
    where = _name_match(words, driver) if kind == "name" else _MATCHERS[kind]()
    capped = (
        sa.select(sa.literal(1))
        .select_from(Customer)
        .where(where, _scope_clause(scoped))
        .limit(sa.bindparam("count_cap", type_=sa.Integer))
    )
    return sa.select(sa.func.count()).select_from(capped.subquery())
