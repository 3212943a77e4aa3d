"""The context card: figures, recovery banner, open items, timeline, audit, scope."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.clock import today, utcnow
from portal.customers import card as card_queries
from portal.customers.models import (
    Complaint,
    Department,
    Interaction,
    PointsEntry,
    PointsKind,
    Promise,
    PromiseKind,
    Purchase,
    SurveyAnswer,
)
from portal.extensions import db
from tests import factories


def purchase(c, days_ago, euros):
    db.session.add(
        Purchase(
            customer_id=c.id,
            occurred_at=utcnow() - timedelta(days=days_ago),
            amount_cents=euros * 100,
        )
    )


def test_card_shows_value_and_is_audited(login_as, client):
    user = login_as("frontline")
    c = factories.customer("Lucía", "Núñez Peña")
    purchase(c, 10, 40)
    purchase(c, 200, 60)
    db.session.commit()
    page = client.get(f"/customers/{c.id}?via=search").get_data(as_text=True)
    assert "Lucía Núñez Peña" in page
    assert "€100.00" in page and "€50.00" in page  # revenue and average ticket
    assert "Not computed yet" in page  # analytics figures are never made up
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "customer.card_opened")
    )
    assert (event.actor_id, event.target_id, event.detail) == (user.id, c.id, {"via": "search"})


def test_unknown_card_is_404(login_as, client):
    login_as("frontline")
    assert client.get("/customers/999999").status_code == 404


def test_card_out_of_the_employee_scope_is_404(app, login_as, client):
    app.config["CUSTOMER_SCOPE"] = "team"
    mine, other = factories.team("Mine"), factories.team("Other")
    login_as("frontline", team_id=mine.id)
    inside = factories.customer("Ana", "Dentro", team_id=mine.id)
    outside = factories.customer("Eva", "Fuera", team_id=other.id)
    db.session.commit()
    assert client.get(f"/customers/{inside.id}").status_code == 200
    assert client.get(f"/customers/{outside.id}").status_code == 404


def test_recovery_banner_names_the_department_and_date(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.add(
        Complaint(
            customer_id=c.id,
            department=Department.BILLING,
            summary="Charged twice",
            opened_at=utcnow() - timedelta(days=3),
        )
    )
    db.session.add(
        SurveyAnswer(
            customer_id=c.id,
            department=Department.DELIVERY,
            csat=1,
            answered_at=utcnow() - timedelta(days=20),
        )
    )
    db.session.commit()
    page = client.get(f"/customers/{c.id}").get_data(as_text=True)
    assert "Recover before you offer anything" in page
    assert "Complaint with Billing on" in page and "Low satisfaction with Delivery on" in page


def test_no_banner_for_an_old_resolved_complaint(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.add(
        Complaint(
            customer_id=c.id,
            department=Department.BILLING,
            summary="x",
            status="resolved",
            opened_at=utcnow() - timedelta(days=200),
        )
    )
    db.session.commit()
    assert "Recover before" not in client.get(f"/customers/{c.id}").get_data(as_text=True)


def test_open_promises_show_with_overdue_flag(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.add(
        Promise(
            customer_id=c.id,
            kind=PromiseKind.CALL_BACK,
            description="Call about the refund",
            due_on=today() - timedelta(days=2),
        )
    )
    db.session.add(
        Promise(
            customer_id=c.id,
            kind=PromiseKind.REFUND,
            description="Kept one",
            due_on=today(),
            kept_at=utcnow(),
        )
    )
    db.session.commit()
    page = client.get(f"/customers/{c.id}").get_data(as_text=True)
    assert "Call about the refund" in page and "overdue" in page and "Kept one" not in page


def test_spend_trend_flags_a_falling_account(app):
    c = factories.customer()
    for days in (120, 150, 200, 250, 300, 350, 400):
        purchase(c, days, 100)
    purchase(c, 30, 20)
    db.session.commit()
    value = card_queries.card_get(c).value
    assert value.trend == "falling"
    assert value.recent_cents == 2000


def test_points_balance_and_what_expires_soon_spending_oldest_first(app):
    c = factories.customer()
    soon, later = today() + timedelta(days=10), today() + timedelta(days=200)
    rows = [
        (1, PointsKind.AWARD, 500, 500, soon),
        (2, PointsKind.AWARD, 800, 1300, later),
        (3, PointsKind.REDEEM, -300, 1000, None),
    ]
    for seq, kind, delta, balance, expires in rows:
        db.session.add(
            PointsEntry(
                customer_id=c.id,
                seq=seq,
                kind=kind,
                delta=delta,
                balance_after=balance,
                reason="t",
                expires_on=expires,
            )
        )
    db.session.commit()
    points = card_queries.card_get(c).points
    assert (points.balance, points.expiring, points.expiring_on) == (1000, 200, soon)


def test_the_card_lists_the_points_history_newest_first_with_who_and_why(login_as, client):
    employee = login_as("frontline", name="Marta Ruiz")
    c = factories.customer()
    rows = [
        (PointsKind.AWARD, 1200, 1200, employee.id, "Welcome gift"),
        (PointsKind.REDEEM, -200, 1000, employee.id, "Discount on a lamp"),
        (PointsKind.EXPIRE, -150, 850, None, "Expired after a year"),
    ]
    for seq, (kind, delta, balance, who, why) in enumerate(rows, start=1):
        db.session.add(
            PointsEntry(
                customer_id=c.id,
                seq=seq,
                kind=kind,
                delta=delta,
                balance_after=balance,
                reason=why,
                employee_id=who,
                created_at=utcnow() - timedelta(days=10 - seq),
            )
        )
    db.session.commit()
    page = client.get(f"/customers/{c.id}").get_data(as_text=True)
    history = page[page.index("Points history") :]
    cells = [history.index(text) for text in ("Expired after a year", "Discount on a lamp")]
    assert cells == sorted(cells)  # newest first
    assert "Welcome gift" in history and "+1,200" in history
    assert ">-200<" in history and ">Redeemed<" in history and ">Expired<" in history
    assert history.count("Marta Ruiz") == 2


def test_the_timeline_shows_every_score_of_a_survey_answer(login_as, client):
    login_as("frontline")
    c = factories.customer()
    at = utcnow() - timedelta(days=2)
    db.session.add_all(
        [
            SurveyAnswer(customer_id=c.id, answered_at=at, csat=4, nps=9, effort=2),
            SurveyAnswer(customer_id=c.id, answered_at=at, nps=3),
        ]
    )
    db.session.commit()
    timeline = client.get(f"/customers/{c.id}").get_data(as_text=True)
    timeline = timeline[timeline.index('id="timeline"') :]
    assert "CSAT 4/5" in timeline and "NPS 9/10" in timeline and "Effort 2/7" in timeline
    assert "NPS 3/10" in timeline  # an answer with no satisfaction score still shows


def test_a_long_points_ledger_shows_the_ten_newest_and_says_so(app):
    c = factories.customer()
    for seq in range(1, 26):
        db.session.add(
            PointsEntry(
                customer_id=c.id,
                seq=seq,
                kind=PointsKind.AWARD,
                delta=1,
                balance_after=seq,
                reason=f"visit {seq}",
            )
        )
    db.session.commit()
    points = card_queries.card_get(c).points
    assert [e.reason for e in points.history] == [f"visit {n}" for n in range(25, 15, -1)]
    assert points.entries == 25


@pytest.mark.parametrize(
    ("birthday", "expected"), [(date(1990, 3, 14), "birthday"), (date(1990, 5, 1), None)]
)
def test_occasion_within_the_week(app, birthday, expected):
    c = factories.customer(birthday=birthday, customer_since=date(2020, 9, 1))
    assert card_queries.occasion(c, date(2026, 3, 10)) == expected


def test_timeline_merges_kinds_newest_first_and_pages(login_as, client, htmx_headers):
    login_as("frontline")
    c = factories.customer()
    for day in range(1, 26):
        purchase(c, day * 2, 10)
    db.session.add(
        Interaction(
            customer_id=c.id,
            occurred_at=utcnow() - timedelta(days=1),
            channel="phone",
            department="support",
            type="enquiry",
            outcome="resolved",
            notes="Asked about opening hours",
        )
    )
    db.session.commit()
    page = client.get(f"/customers/{c.id}").get_data(as_text=True)
    assert page.index("Asked about opening hours") < page.index("event event-purchase")
    assert "Older history" in page
    rows, more = card_queries.timeline_page(c.id)
    assert len(rows) == card_queries.TIMELINE_PAGE and more
    older = client.get(
        f"/customers/{c.id}/timeline",
        query_string={"after": more.token()},
        headers=htmx_headers,
    ).get_data(as_text=True)
    assert "<html" not in older and older.count('class="event event-purchase"') == 6


def test_statement_count_does_not_grow_with_history(app, login_as, client):
    login_as("frontline")
    small, big = factories.customer(), factories.customer()
    purchase(small, 5, 10)
    for day in range(300):
        purchase(big, day, 10)
        db.session.add(
            SurveyAnswer(customer_id=big.id, csat=4, answered_at=utcnow() - timedelta(days=day))
        )
    db.session.commit()

    def statements(customer_id):
        seen = []

        def count(conn, cursor, statement, *args):
            seen.append(statement)

        engine = db.engine
        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get(f"/customers/{customer_id}").status_code == 200
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    assert statements(small.id) == statements(big.id)


def test_timeline_pages_neither_skip_nor_repeat_events_sharing_a_timestamp(app):
    c = factories.customer()
    moment = utcnow() - timedelta(days=1)
    for _ in range(card_queries.TIMELINE_PAGE + 5):
        db.session.add(Purchase(customer_id=c.id, occurred_at=moment, amount_cents=100))
    db.session.commit()
    first, cursor = card_queries.timeline_page(c.id)
    second, end = card_queries.timeline_page(c.id, after=cursor)
    ids = [r.id for r in first + second]
    assert len(ids) == len(set(ids)) == card_queries.TIMELINE_PAGE + 5 and end is None


def test_a_malformed_timeline_cursor_is_a_400(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    assert client.get(f"/customers/{c.id}/timeline?after=nonsense").status_code == 400


def test_radio_groups_on_the_card_are_fieldsets_named_by_a_legend(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    page = client.get(f"/customers/{c.id}").get_data(as_text=True)
    assert "<fieldset><legend>Satisfaction (1–5)</legend>" in page
    assert '<label for="i-csat">' not in page  # a label pointing at no control
