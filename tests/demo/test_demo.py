"""`flask --app portal demo`: builds the demo company, refuses to overwrite data, rebuilds
on --reset, leaves data alone on --keep-existing, and is reproducible by seed."""

from __future__ import annotations

import hashlib

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from werkzeug.security import check_password_hash

from portal import create_app
from portal.auth.models import Team, User
from portal.clock import today
from portal.customers.models import Customer, Interaction, PointsEntry, Purchase
from portal.demo.cli import KEPT, demo_command
from portal.extensions import db
from portal.home import queries
from tests import factories

SMALL = ["--customers", "200"]
LOGINS = {
    "frontline@demo.example": "frontline",
    "trainer@demo.example": "trainer",
    "manager@demo.example": "manager",
    "admin@demo.example": "admin",
}


def _demo(runner, *args: str):
    return runner.invoke(demo_command, [*SMALL, *args])


def _counts() -> dict[str, int]:
    tables = ("users", "teams", "customers", "purchases", "interactions", "audit_events")
    return {t: db.session.scalar(sa.text(f"SELECT count(*) FROM {t}")) for t in tables}


def _digest(*tables: str) -> str:
    """The content of some tables, ordered by id; creation stamps of users excluded."""
    sha = hashlib.sha256()
    for table in tables:
        for row in db.session.execute(sa.text(f"SELECT * FROM {table} ORDER BY id")):
            sha.update(repr(tuple(row)).encode())
    return sha.hexdigest()


DETERMINISTIC = ("customers", "purchases", "interactions", "points_entries", "survey_answers")


def test_demo_builds_the_company_and_prints_the_logins(runner):
    result = _demo(runner)
    assert result.exit_code == 0, result.output
    for email in LOGINS:
        assert email in result.output
    assert 'password "demo"' in result.output
    counts = _counts()
    assert counts["customers"] == 200
    assert counts["teams"] == 6
    assert 55 <= counts["users"] <= 65
    assert counts["purchases"] > 200 and counts["interactions"] > 200


def test_demo_logins_exist_with_their_roles_and_password(runner):
    assert _demo(runner).exit_code == 0
    for email, role in LOGINS.items():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        assert user.role_names == {role}
        assert check_password_hash(user.password_hash, "demo")
    hashes = set(db.session.scalars(sa.select(User.password_hash)))
    assert len(hashes) == 1  # hashed once, shared by everybody


def test_demo_login_through_the_form(runner, auth):
    assert _demo(runner).exit_code == 0
    response = auth.login("frontline@demo.example", "demo")
    assert response.status_code == 302


def test_demo_frontline_and_manager_home_pages_have_data(runner):
    assert _demo(runner).exit_code == 0
    frontline = db.session.scalar(sa.select(User).where(User.email == "frontline@demo.example"))
    manager = db.session.scalar(sa.select(User).where(User.email == "manager@demo.example"))
    team = db.session.get(Team, frontline.team_id)
    assert team.manager_id == manager.id
    owned = db.session.scalar(sa.select(sa.func.count()).where(Customer.owner_id == frontline.id))
    assert owned >= 5
    due = queries.promises_due_list(actor=frontline)
    assert len(due) >= 4
    assert any(row.Promise.due_on < today() for row in due)  # some are overdue
    assert len(queries.interactions_recent_list(actor=frontline)) >= 5
    members = queries.team_overview_list(actor=manager)
    assert any(m["name"] == frontline.name and m["interactions"] > 0 for m in members)


def test_demo_refuses_a_database_with_data(runner):
    assert _demo(runner).exit_code == 0
    before = _counts()
    result = _demo(runner, "--seed", "2")
    assert result.exit_code != 0
    assert "already holds data" in result.output
    assert "--reset" in result.output
    assert len(result.output.strip().splitlines()[-1]) < 200  # one clear line
    db.session.remove()
    assert _counts() == before


def test_demo_refuses_when_only_a_user_exists(runner):
    factories.user(roles=["admin"])
    db.session.commit()
    result = _demo(runner)
    assert result.exit_code != 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Customer)) == 0


def test_demo_keep_existing_leaves_data_and_succeeds(runner):
    assert _demo(runner).exit_code == 0
    before = _counts()
    result = _demo(runner, "--keep-existing", "--seed", "9")
    assert result.exit_code == 0
    assert KEPT in result.output
    db.session.remove()
    assert _counts() == before


def test_demo_keep_existing_on_an_empty_database_builds(runner):
    result = _demo(runner, "--keep-existing")
    assert result.exit_code == 0
    assert _counts()["customers"] == 200


def test_demo_reset_and_keep_existing_together_is_an_error(runner):
    result = _demo(runner, "--reset", "--keep-existing")
    assert result.exit_code == 2
    assert _counts()["customers"] == 0


def test_demo_reset_rebuilds_from_scratch(runner):
    assert _demo(runner).exit_code == 0
    result = runner.invoke(demo_command, ["--customers", "150", "--reset"])
    assert result.exit_code == 0, result.output
    counts = _counts()
    assert counts["customers"] == 150
    assert 55 <= counts["users"] <= 65  # not twice the staff
    ids = db.session.scalars(sa.select(Customer.id).order_by(Customer.id)).all()
    assert ids == list(range(1, 151))


def test_demo_reset_leaves_the_migrated_schema_with_its_audit_guard(runner):
    assert _demo(runner).exit_code == 0
    assert _demo(runner, "--reset").exit_code == 0
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []
    with pytest.raises(sa.exc.DatabaseError, match="append-only"), db.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_events"))


def test_demo_same_seed_same_rows_other_seed_other_rows(runner):
    assert _demo(runner, "--seed", "4").exit_code == 0
    first = _digest(*DETERMINISTIC)
    assert _demo(runner, "--seed", "4", "--reset").exit_code == 0
    assert _digest(*DETERMINISTIC) == first
    assert _demo(runner, "--seed", "5", "--reset").exit_code == 0
    assert _digest(*DETERMINISTIC) != first


def test_demo_orm_writes_after_the_bulk_load_get_fresh_ids(runner):
    """On PostgreSQL the sequences must have moved past the ids the loader wrote."""
    assert _demo(runner).exit_code == 0
    customer = db.session.get(Customer, 1)
    purchase = Purchase(customer_id=customer.id, occurred_at=customer.created_at, amount_cents=1)
    entry = PointsEntry(
        customer_id=customer.id, seq=10_000, kind="adjust", delta=0, balance_after=0, reason="x"
    )
    db.session.add_all([purchase, entry])
    db.session.flush()
    top = db.session.scalar(sa.select(sa.func.max(Interaction.id)))
    assert purchase.id > 200 and entry.id > 1 and top > 0
    db.session.rollback()


def test_demo_builds_on_a_fresh_machine_without_a_schema(tmp_path):
    """No database file at all: the command migrates first, then builds."""
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'fresh.db'}",
            "INSTANCE_PATH": str(tmp_path / "instance"),
        }
    )
    result = app.test_cli_runner().invoke(demo_command, ["--customers", "50"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Customer)) == 50
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("bad", [["--customers", "0"], ["--seed", "-1"]])
def test_demo_rejects_bad_options(runner, bad):
    assert runner.invoke(demo_command, bad).exit_code == 2
