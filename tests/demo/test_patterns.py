"""The demo data holds the patterns the portal's analytics must find, and its rows are
consistent: ledger balances, name terms, normalised identifiers, constraints."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from itertools import pairwise

import numpy as np
import pytest

from portal import create_app
from portal.customers.normalise import fold, name_terms, normalise_email, normalise_phone
from portal.demo import generate
from portal.demo.cli import demo_command
from portal.extensions import db

SEED = 11
CUSTOMERS = 3000


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One demo company of 3,000 customers on SQLite, shared by this module's tests."""
    base = tmp_path_factory.mktemp("demo")
    path = base / "demo.db"
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "INSTANCE_PATH": str(base / "instance"),
        }
    )
    args = ["--customers", str(CUSTOMERS), "--seed", str(SEED)]
    result = app.test_cli_runner().invoke(demo_command, args)
    assert result.exit_code == 0, result.output
    with app.app_context():
        db.engine.dispose()
    return app, path


@pytest.fixture
def sql(built):
    connection = sqlite3.connect(built[1])
    yield lambda query, *params: connection.execute(query, params).fetchall()
    connection.close()


def test_patterns_better_employees_earn_better_satisfaction(sql):
    quality = {e.email: e.quality for e in generate.org_build(generate.rng_for(SEED, 0))}
    rows = sql(
        "SELECT u.email, avg(s.csat) FROM survey_answers s JOIN users u ON u.id = s.employee_id "
        "WHERE s.csat IS NOT NULL GROUP BY u.email HAVING count(*) >= 5"
    )
    ranked = sorted(rows, key=lambda row: quality[row[0]])
    tenth = max(len(ranked) // 10, 3)
    bottom = np.mean([csat for _, csat in ranked[:tenth]])
    top = np.mean([csat for _, csat in ranked[-tenth:]])
    assert top - bottom > 0.6


def test_patterns_unresolved_complaints_drive_churn(sql):
    recent = (
        "SELECT avg(EXISTS (SELECT 1 FROM purchases p WHERE p.customer_id = c.id "
        "AND p.occurred_at >= datetime('now', '-90 days'))), count(*) FROM customers c WHERE "
    )
    unresolved = "EXISTS (SELECT 1 FROM complaints k WHERE k.customer_id = c.id AND "
    unresolved += "k.status != 'resolved')"
    ((sore, n_sore),) = sql(recent + unresolved)
    ((calm, _),) = sql(recent + "NOT " + unresolved)
    assert n_sore >= 20
    assert calm - sore > 0.1


def test_patterns_some_accounts_shrink(sql):
    """Spend over the last six months well under half the customer's own earlier pace."""
    ((shrinking,),) = sql(
        "SELECT count(*) FROM (SELECT customer_id, "
        "sum(CASE WHEN occurred_at >= datetime('now', '-180 days') THEN amount_cents END) AS now_, "
        "sum(CASE WHEN occurred_at < datetime('now', '-180 days') "
        "AND occurred_at >= datetime('now', '-545 days') THEN amount_cents END) AS before_ "
        "FROM purchases GROUP BY customer_id) WHERE now_ > 0 AND before_ > 0 "
        "AND now_ * 2 < 0.4 * before_"
    )
    assert shrinking >= CUSTOMERS * 0.02


def test_patterns_households_share_phone_numbers(sql):
    shared = sql(
        "SELECT phone_norm, count(*) FROM customers WHERE phone_norm IS NOT NULL "
        "GROUP BY phone_norm HAVING count(*) >= 2"
    )
    assert len(shared) >= CUSTOMERS * 0.03
    number = shared[0][0]
    formats = sql("SELECT phone FROM customers WHERE phone_norm = ?", number)
    assert len(formats) >= 2


def test_patterns_advocates_buy_more_often(sql):
    per_customer = (
        "SELECT avg(n) FROM (SELECT c.id, (SELECT count(*) FROM purchases p "
        "WHERE p.customer_id = c.id) AS n, (SELECT avg(nps) FROM survey_answers s "
        "WHERE s.customer_id = c.id) AS nps FROM customers c) WHERE "
    )
    ((promoters,),) = sql(per_customer + "nps >= 9")
    ((detractors,),) = sql(per_customer + "nps <= 6")
    assert promoters > detractors * 1.1


def test_patterns_open_items_are_recent_enough_to_show(sql):
    ((open_recent,),) = sql(
        "SELECT count(*) FROM complaints WHERE status != 'resolved' "
        "AND opened_at >= datetime('now', '-30 days')"
    )
    ((overdue,),) = sql(
        "SELECT count(*) FROM promises WHERE kept_at IS NULL AND due_on < date('now') "
        "AND due_on >= date('now', '-14 days')"
    )
    ((upcoming,),) = sql(
        "SELECT count(*) FROM promises WHERE kept_at IS NULL AND due_on >= date('now')"
    )
    assert open_recent >= 5 and overdue >= 3 and upcoming >= 3


def test_patterns_every_channel_and_scale_is_used(sql):
    channels = {c for (c,) in sql("SELECT DISTINCT channel FROM interactions")}
    assert channels == {"store", "phone", "email", "chat", "web"}
    ((low, high),) = sql("SELECT min(csat), max(csat) FROM survey_answers")
    assert (low, high) == (1, 5)
    ((low, high),) = sql("SELECT min(nps), max(nps) FROM survey_answers")
    assert (low, high) == (0, 10)
    ((low, high),) = sql("SELECT min(effort), max(effort) FROM survey_answers")
    assert low >= 1 and high <= 7
    languages = dict(sql("SELECT language, count(*) FROM customers GROUP BY language"))
    assert languages["es"] > languages["en"] > 0


def test_points_ledger_balances_follow_the_deltas(sql):
    rows = sql(
        "SELECT customer_id, seq, kind, delta, balance_after, expires_on FROM points_entries "
        "ORDER BY customer_id, seq"
    )
    ledgers = defaultdict(list)
    for row in rows:
        ledgers[row[0]].append(row[1:])
    for entries in ledgers.values():
        assert [e[0] for e in entries] == list(range(1, len(entries) + 1))
        balance = 0
        for _seq, kind, delta, balance_after, expires_on in entries:
            balance += delta
            assert balance_after == balance >= 0
            assert (delta < 0) == (kind == "redeem")
            if kind == "award":
                assert expires_on is not None
    kinds = {kind for (kind,) in sql("SELECT DISTINCT kind FROM points_entries")}
    assert {"award", "redeem"} <= kinds


def test_points_created_in_time_order(sql):
    rows = sql("SELECT customer_id, created_at FROM points_entries ORDER BY customer_id, seq")
    for (a, at), (b, bt) in pairwise(rows):
        assert a != b or at <= bt


def test_name_terms_match_the_names(sql):
    terms = defaultdict(set)
    for term, customer in sql("SELECT term, customer_id FROM customer_name_terms"):
        terms[customer].add(term)
    for cid, first, last, folded in sql(
        "SELECT id, first_name, last_name, name_folded FROM customers"
    ):
        assert terms[cid] == set(name_terms(first, last)), cid
        assert folded == fold(f"{first} {last}")
    accented = sql(
        "SELECT count(*) FROM customers WHERE first_name || last_name GLOB '*[áéíóúñÁÉÍÓÚÑ]*'"
    )
    assert accented[0][0] > CUSTOMERS * 0.3


def test_identifiers_are_stored_as_typed_and_normalised(sql):
    rows = sql("SELECT number, loyalty_id, email, email_norm, phone, phone_norm FROM customers")
    for number, _loyalty, email, email_norm, phone, phone_norm in rows:
        assert number.startswith("C") and len(number) == 8
        assert email_norm == normalise_email(email)
        assert phone_norm == normalise_phone(phone)
    with_card = sum(1 for row in rows if row[1]) / len(rows)
    assert 0.6 < with_card < 0.8
    styles = {("+" in p, "-" in p, " " in p) for (_, _, _, _, p, _) in rows if p}
    assert len(styles) >= 4


def test_last_activity_is_the_latest_purchase_or_contact(sql):
    mismatched = sql(
        "SELECT c.id FROM customers c WHERE c.last_activity_at IS NOT (SELECT max(t) FROM "
        "(SELECT occurred_at AS t FROM purchases WHERE customer_id = c.id UNION ALL "
        "SELECT occurred_at FROM interactions WHERE customer_id = c.id))"
    )
    assert mismatched == []


def test_bulk_load_respects_every_constraint_and_restores_settings(sql):
    assert sql("PRAGMA integrity_check") == [("ok",)]  # includes the CHECK constraints
    assert sql("PRAGMA foreign_key_check") == []
    assert sql("PRAGMA journal_mode") == [("wal",)]
    names = {name for (name,) in sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    expected = {ix.name for table in db.metadata.tables.values() for ix in table.indexes}
    assert expected <= names


def test_trainer_and_manager_pages_have_recent_material(built):
    from portal.auth.models import User
    from portal.home import queries

    app, _ = built
    with app.app_context():
        manager = db.session.scalar(db.select(User).where(User.email == "manager@demo.example"))
        members = queries.team_overview_list(actor=manager)
        assert sum(m["surveys"] for m in members) > 0
        assert queries.low_satisfaction_list(actor=manager)  # their own teams' answers
        assert len(queries.low_satisfaction_by_department(actor=manager)) >= 3
        db.session.remove()
        db.engine.dispose()
