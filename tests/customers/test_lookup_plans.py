"""The lookup's prefix ranges are answered from indexes on both engines."""

import sqlalchemy as sa

from portal.customers.models import Customer, CustomerNameTerm
from portal.customers.queries import _prefix
from portal.extensions import db
from tests._db import on_postgres


def _explain(stmt) -> str:
    compiled = stmt.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as conn:
        if on_postgres():
            conn.execute(sa.text("SET enable_seqscan = off"))
            rows = conn.execute(sa.text(f"EXPLAIN {compiled}")).all()
        else:
            rows = conn.execute(sa.text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    return " | ".join(str(row[-1]) for row in rows)


def test_name_term_prefix_uses_the_term_index(app):
    plan = _explain(
        sa.select(CustomerNameTerm.customer_id).where(_prefix(CustomerNameTerm.term, "jos"))
    )
    if on_postgres():
        assert "Index" in plan and "term" in plan, plan
    else:
        assert "USING PRIMARY KEY (term>? AND term<?)" in plan or "term>" in plan, plan
        assert "SCAN" not in plan.replace("SCAN anon", ""), plan


def test_phone_prefix_uses_the_phone_index(app):
    plan = _explain(sa.select(Customer.id).where(_prefix(Customer.phone_norm, "34612")))
    assert "ix_customers_phone_norm" in plan, plan


def test_prefix_columns_compare_bytewise(app):
    """Ranges like term >= 'jos' AND term < 'jot' need byte order: C on PostgreSQL,
    BINARY (the default) on SQLite."""
    with db.engine.connect() as conn:
        if on_postgres():
            collation = conn.execute(
                sa.text(
                    "SELECT collation_name FROM information_schema.columns "
                    "WHERE table_name = 'customer_name_terms' AND column_name = 'term'"
                )
            ).scalar()
            assert collation == "C"
        else:
            index = conn.execute(
                sa.text(
                    "SELECT name FROM pragma_index_list('customer_name_terms') WHERE origin = 'pk'"
                )
            ).scalar()
            columns = conn.execute(sa.text(f"SELECT name, coll FROM pragma_index_xinfo('{index}')"))
            assert ("term", "BINARY") in [tuple(row) for row in columns]
