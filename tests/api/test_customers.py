"""Reading through the API: phone lookup, search, the context card and its audit."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.clock import today, utcnow
from portal.customers.models import (
    Complaint,
    Customer,
    Department,
    PointsEntry,
    PointsKind,
    Promise,
    PromiseKind,
    Purchase,
    SurveyAnswer,
)
from portal.extensions import db
from tests import factories
from tests.api.conftest import error_of
from tests.customers.test_lookup import customer as searchable


@pytest.mark.parametrize("typed", ["612 34 56 78", "+34 612-345-678", "0034612345678", "612345678"])
def test_lookup_finds_the_number_in_any_formatting(caller, typed):
    system = caller("frontline")
    c = factories.customer("Ana", "Ruiz", phone="612345678", tier="gold")
    factories.customer("Eva", "Otra", phone="699999999")
    db.session.commit()
    body = system.get("/customers/lookup", query_string={"phone": typed}).get_json()
    assert body == {
        "phone": "34612345678",
        "customers": [{"id": c.id, "number": c.number, "name": "Ana Ruiz", "tier": "gold"}],
    }


def test_lookup_without_digits_is_400_with_the_field(caller):
    response = caller("frontline").get("/customers/lookup?phone=abc")
    assert response.status_code == 400 and "phone" in error_of(response)["fields"]


def test_lookup_stays_within_the_token_user_s_scope(app, caller):
    app.config["CUSTOMER_SCOPE"] = "team"
    mine, other = factories.team("Mine"), factories.team("Other")
    system = caller("frontline", team_id=mine.id)
    inside = factories.customer("Ana", "Dentro", phone="612345678", team_id=mine.id)
    factories.customer("Eva", "Fuera", phone="612345678", team_id=other.id)
    db.session.commit()
    found = system.get("/customers/lookup?phone=612345678").get_json()["customers"]
    assert [c["id"] for c in found] == [inside.id]


def test_search_returns_up_to_ten_matches(caller):
    system = caller("frontline")
    for n in range(12):
        searchable("Lucía", f"Núñez {n}")
    db.session.commit()
    found = system.get("/customers/search", query_string={"q": "lucia nun"}).get_json()
    assert len(found["customers"]) == 10
    assert all(c["name"].startswith("Lucía Núñez") for c in found["customers"])


def test_a_too_short_search_is_400_with_a_hint(caller):
    response = caller("frontline").get("/customers/search?q=a")
    error = error_of(response)
    assert response.status_code == 400 and "at least 2" in error["fields"]["q"]


@pytest.mark.parametrize(
    "text", ["'; DROP TABLE customers; --", "<script>alert(1)</script>", "100%_off"]
)
def test_sql_and_html_in_a_search_are_harmless(caller, text):
    system = caller("frontline")
    factories.customer()
    db.session.commit()
    response = system.get("/customers/search", query_string={"q": text})
    assert response.status_code == 200 and response.get_json() == {"customers": []}
    assert response.mimetype == "application/json"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Customer)) == 1


def _history(c):
    now = utcnow()
    for days, euros in ((10, 40), (200, 60)):
        db.session.add(
            Purchase(
                customer_id=c.id, occurred_at=now - timedelta(days=days), amount_cents=euros * 100
            )
        )
    db.session.add(
        Complaint(
            customer_id=c.id,
            department=Department.BILLING,
            summary="Charged twice",
            opened_at=now - timedelta(days=3),
        )
    )
    db.session.add(
        Promise(
            customer_id=c.id,
            kind=PromiseKind.CALL_BACK,
            description="Call back about the refund",
            due_on=today() + timedelta(days=2),
        )
    )
    db.session.add(
        PointsEntry(
            customer_id=c.id,
            seq=1,
            kind=PointsKind.AWARD,
            delta=500,
            balance_after=500,
            reason="Welcome",
            expires_on=today() + timedelta(days=10),
        )
    )


def test_context_has_the_card_s_figures_and_leaves_predictions_null(caller):
    system = caller("frontline")
    c = factories.customer("Lucía", "Núñez Peña", tier="silver")
    _history(c)
    db.session.commit()
    body = system.get(f"/customers/{c.id}").get_json()
    assert body["customer"]["name"] == "Lucía Núñez Peña"
    assert body["customer"]["tier"] == "silver"
    value = body["value"]
    assert (value["revenue_cents"], value["purchases"], value["average_ticket_cents"]) == (
        10000,
        2,
        5000,
    )
    assert value["last_90_days_cents"] == 4000 and value["last_purchase_at"].endswith("Z")
    assert body["recovery"][0]["department"] == "billing"
    assert body["recovery"][0]["at"][:10] == (utcnow() - timedelta(days=3)).date().isoformat()
    assert [x["summary"] for x in body["complaints"]] == ["Charged twice"]
    promise = body["promises"][0]
    assert promise["due_on"] == (today() + timedelta(days=2)).isoformat()
    assert promise["overdue"] is False
    assert body["points"] == {
        "balance": 500,
        "expiring": 500,
        "expiring_on": (today() + timedelta(days=10)).isoformat(),
    }
    predicted = body["predicted"]
    assert {k: v for k, v in predicted.items() if k != "note"} == dict.fromkeys(
        ("segment", "predicted_value_cents", "probability_active", "churn_risk")
    )
    assert "Not computed yet" in predicted["note"]


def test_context_opening_is_audited_via_api_with_the_token(caller):
    system = caller("frontline")
    c = factories.customer()
    db.session.commit()
    assert system.get(f"/customers/{c.id}").status_code == 200
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "customer.card_opened")
    )
    assert (event.actor_id, event.target_type, event.target_id) == (
        system.user.id,
        "customer",
        c.id,
    )
    assert event.detail == {"via": "api", "token_id": system.token.id}


def test_context_of_a_missing_customer_is_404_json(caller):
    response = caller("frontline").get("/customers/999999")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    opened = sa.select(AuditEvent).where(AuditEvent.action == "customer.card_opened")
    assert db.session.scalar(opened) is None


def test_context_out_of_scope_is_404_and_not_audited(app, caller):
    app.config["CUSTOMER_SCOPE"] = "team"
    mine, other = factories.team("Mine"), factories.team("Other")
    system = caller("frontline", team_id=mine.id)
    inside = factories.customer("Ana", "Dentro", team_id=mine.id)
    outside = factories.customer("Eva", "Fuera", team_id=other.id)
    db.session.commit()
    assert system.get(f"/customers/{inside.id}").status_code == 200
    assert system.get(f"/customers/{outside.id}").status_code == 404
    opened = db.session.scalars(
        sa.select(AuditEvent.target_id).where(AuditEvent.action == "customer.card_opened")
    ).all()
    assert opened == [inside.id]


def test_context_statement_count_does_not_grow_with_history(caller):
    system = caller("frontline")
    small, big = factories.customer(), factories.customer()
    db.session.add(Purchase(customer_id=small.id, occurred_at=utcnow(), amount_cents=100))
    for day in range(300):
        moment = utcnow() - timedelta(days=day)
        db.session.add(Purchase(customer_id=big.id, occurred_at=moment, amount_cents=1000))
        db.session.add(SurveyAnswer(customer_id=big.id, csat=4, answered_at=moment))
    db.session.commit()
    system.get(f"/customers/{small.id}")  # the token's first use writes its last-used time

    def statements(customer_id):
        seen = []

        def count(conn, cursor, statement, *args):
            seen.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert system.get(f"/customers/{customer_id}").status_code == 200
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        return len(seen)

    assert statements(small.id) == statements(big.id)
