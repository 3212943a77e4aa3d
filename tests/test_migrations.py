"""The migrations build exactly the models' schema, and go down and up again."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from portal.audit.models import AuditEvent
from portal.extensions import db


def test_models_and_migrations_do_not_drift(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(app):
    downgrade(revision="base")
    assert sa.inspect(db.engine).get_table_names() == ["alembic_version"]
    upgrade()
    assert "customers" in sa.inspect(db.engine).get_table_names()


def test_audit_log_refuses_update_and_delete_in_the_database(app):
    db.session.add(AuditEvent(action="test.event"))
    db.session.commit()
    for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
        with (
            pytest.raises(sa.exc.DatabaseError, match="append-only"),
            db.engine.begin() as conn,
        ):
            conn.execute(sa.text(statement))
    assert db.session.scalar(sa.select(AuditEvent.action)) == "test.event"
