"""Each home section follows a capability; the figures come from the database."""

from datetime import timedelta

import pytest

from portal.clock import today, utcnow
from portal.customers.models import Promise, SurveyAnswer
from portal.extensions import db
from tests import factories

SECTIONS = {
    "promises": "Your promises due this week",
    "team": "Your teams, last 30 days",
    "quality": "Where customers were unhappy, last 30 days",
    "admin": "Active users by role",
}
EXPECTED = {
    "frontline": {"promises"},
    "trainer": {"quality"},
    "manager": {"promises", "team", "quality"},
    "admin": {"admin"},
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_home_sections_by_role(login_as, client, role):
    login_as(role)
    page = client.get("/").get_data(as_text=True)
    shown = {key for key, heading in SECTIONS.items() if heading in page}
    assert shown == EXPECTED[role]


def test_manager_sees_each_member_with_computed_figures(login_as, client):
    manager = login_as("manager")
    team = factories.team("Sevilla", manager=manager)
    ana = factories.user(name="Ana Ruiz", team_id=team.id)
    c = factories.customer()
    for score in (4, 5, 2):
        db.session.add(
            SurveyAnswer(
                customer_id=c.id,
                employee_id=ana.id,
                csat=score,
                answered_at=utcnow() - timedelta(days=3),
            )
        )
    db.session.add(
        Promise(
            customer_id=c.id,
            employee_id=ana.id,
            kind="call_back",
            description="x",
            due_on=today() - timedelta(days=1),
        )
    )
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    row = page[page.index("Ana Ruiz") :].split("</tr>")[0]
    assert "3.67" in row  # mean CSAT of 4, 5, 2
    assert row.count('class="num">1<') == 1  # one overdue promise
    spanish = client.get("/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "3,67" in spanish[spanish.index("Ana Ruiz") :].split("</tr>")[0]
    # the unhappy share per department: 1 low answer of 3 is "33 %" in Spanish
    assert "33\xa0%" in spanish or "33 %" in spanish


def test_customers_served_recently_lists_each_customer_once_newest_first(login_as, client):
    from portal.customers.models import Interaction

    me = login_as("frontline")
    ana, luis = factories.customer("Ana", "Repetida"), factories.customer("Luis", "Una Vez")
    for hours, who in ((1, ana), (2, ana), (3, luis), (4, ana)):
        db.session.add(
            Interaction(
                customer_id=who.id,
                employee_id=me.id,
                occurred_at=utcnow() - timedelta(hours=hours),
                channel="phone",
                type="enquiry",
                department="support",
                outcome="resolved",
            )
        )
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    recent = page[page.index("Customers you served recently") :]
    assert recent.count("Ana Repetida") == 1 and recent.count("Luis Una Vez") == 1
    assert recent.index("Ana Repetida") < recent.index("Luis Una Vez")
