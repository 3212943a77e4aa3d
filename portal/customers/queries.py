"""Reads for the frontline: customer lookup, scoped to what the actor may see."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from portal.auth.models import Team, User
from portal.customers.models import Customer, CustomerNameTerm
from portal.customers.normalise import fold
from portal.customers.search import Plan, plan, prefix_upper_bound
from portal.extensions import db

RESULT_LIMIT = 10
CANDIDATE_CAP = 1000  # never count or rank more index entries than this per keystroke


def customer_scope(actor: User) -> sa.ColumnElement[bool]:
    """Which customers the actor may see: the whole company, or (CUSTOMER_SCOPE=team)
    the customers of the teams the actor belongs to or manages."""
    if current_app.config.get("CUSTOMER_SCOPE", "company") != "team":
        return sa.true()
    managed = sa.select(Team.id).where(Team.manager_id == actor.id)
    return sa.or_(Customer.team_id == actor.team_id, Customer.team_id.in_(managed))


def customer_get(*, actor: User, customer_id: int) -> Customer | None:
    stmt = sa.select(Customer).where(Customer.id == customer_id, customer_scope(actor))
    return db.session.scalar(stmt)


def customer_search(*, actor: User, text: str, limit: int = RESULT_LIMIT) -> tuple[Plan, list]:
    """About `limit` best matches: exact before prefix, then most recently active."""
    query = plan(text)
    if query.kind == "too_short":
        return query, []
    where = _MATCHERS[query.kind](query)
    stmt = (
        sa.select(Customer)
        .where(where, customer_scope(actor))
        .order_by(*_ranking(query), Customer.last_activity_at.desc().nulls_last(), Customer.id)
        .limit(limit)
    )
    return query, list(db.session.scalars(stmt))


def customers_by_phone(*, actor: User, phone_norm: str, limit: int = 20) -> list[Customer]:
    stmt = (
        sa.select(Customer)
        .where(Customer.phone_norm == phone_norm, customer_scope(actor))
        .order_by(Customer.last_activity_at.desc().nulls_last(), Customer.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def _prefix(column, prefix: str) -> sa.ColumnElement[bool]:
    # A range, not LIKE: the bound parameters keep the index usable on both engines.
    return sa.and_(column >= prefix, column < prefix_upper_bound(prefix))


def _match_email(query: Plan) -> sa.ColumnElement[bool]:
    return _prefix(Customer.email_norm, query.text)


def _match_digits(query: Plan) -> sa.ColumnElement[bool]:
    return sa.or_(
        _prefix(Customer.phone_norm, query.phone_prefix),
        Customer.number.in_(_code_forms(query.text)),
        Customer.loyalty_id.in_(_code_forms(query.text)),
    )


def _match_code(query: Plan) -> sa.ColumnElement[bool]:
    return sa.or_(
        Customer.number == query.text,
        Customer.loyalty_id == query.text,
        _prefix(Customer.number, query.text),
    )


def _code_forms(digits: str) -> list[str]:
    """Numbers are printed with a letter and zero padding (C0012345, L00012345);
    staff often type only the significant digits."""
    bare = digits.lstrip("0") or "0"
    return [digits, f"C{bare.zfill(7)}", f"L{bare.zfill(8)}"]


def _match_name(query: Plan) -> sa.ColumnElement[bool]:
    driver = _most_selective(query.words)
    candidates = (
        sa.select(CustomerNameTerm.customer_id)
        .where(_prefix(CustomerNameTerm.term, driver))
        .limit(CANDIDATE_CAP)
    )
    conditions = [Customer.id.in_(candidates)]
    for word in query.words:
        if word == driver:
            continue
        term = sa.select(CustomerNameTerm.term).where(
            CustomerNameTerm.customer_id == Customer.id, _prefix(CustomerNameTerm.term, word)
        )
        conditions.append(term.exists())
    return sa.and_(*conditions)


def _most_selective(words: tuple[str, ...]) -> str:
    """The word with the fewest matching terms, counted only up to the cap."""
    if len(words) == 1:
        return words[0]
    best, best_count = words[0], None
    for word in words:
        capped = (
            sa.select(sa.literal(1))
            .where(_prefix(CustomerNameTerm.term, word))
            .limit(CANDIDATE_CAP)
            .subquery()
        )
        count = db.session.scalar(sa.select(sa.func.count()).select_from(capped))
        if best_count is None or count < best_count:
            best, best_count = word, count
    return best


def _ranking(query: Plan) -> list:
    if query.kind != "name":
        exact = sa.or_(
            Customer.email_norm == query.text,
            Customer.phone_norm == query.phone_prefix,
            Customer.number.in_(_code_forms(query.text)) if query.kind == "digits" else sa.false(),
            Customer.number == query.text,
            Customer.loyalty_id == query.text,
        )
        return [sa.case((exact, 0), else_=1)]
    folded = fold(query.text)
    exact_words = [
        sa.select(CustomerNameTerm.term)
        .where(CustomerNameTerm.customer_id == Customer.id, CustomerNameTerm.term == word)
        .exists()
        for word in query.words
    ]
    return [
        sa.case(
            (Customer.name_folded == folded, 0),
            (sa.and_(*exact_words), 1),
            else_=2,
        )
    ]


_MATCHERS = {
    "email": _match_email,
    "digits": _match_digits,
    "code": _match_code,
    "name": _match_name,
}
