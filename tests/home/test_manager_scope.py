"""A manager's home shows the people of the teams they manage, never another team's.

Two teams, each with its own manager; every figure and quote on the home of the
manager of team A comes from team A's people only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.clock import utcnow
from portal.customers.models import Interaction, SurveyAnswer
from portal.extensions import db
from tests import factories


@pytest.fixture
def two_teams(app):
    """Team A (manager Marta) and team B (manager Nico), one employee each, with unhappy
    customers' comments about both employees in different departments."""
    marta = factories.user(["manager"], name="Marta Manager")
    nico = factories.user(["manager"], name="Nico Manager")
    team_a = factories.team("Alfa", manager=marta)
    team_b = factories.team("Beta", manager=nico)
    ana = factories.user(name="Ana Alfa", team_id=team_a.id)
    bea = factories.user(name="Bea Beta", team_id=team_b.id)
    customer = factories.customer()
    when = utcnow() - timedelta(days=2)
    for employee, comment, department, csat in (
        (ana, "Ana kept me waiting", "billing", 1),
        (bea, "Bea was rude to me", "delivery", 2),
        (bea, "Bea again, no thanks", "delivery", 1),
    ):
        db.session.add(
            SurveyAnswer(
                customer_id=customer.id,
                employee_id=employee.id,
                csat=csat,
                comment=comment,
                department=department,
                answered_at=when,
            )
        )
        db.session.add(
            Interaction(
                customer_id=customer.id,
                employee_id=employee.id,
                channel="store",
                department=department,
                type="enquiry",
                outcome="resolved",
                occurred_at=when,
            )
        )
    db.session.commit()
    return {"marta": marta, "nico": nico, "ana": ana, "bea": bea}


def test_manager_home_quotes_only_their_teams_people(two_teams, auth, client):
    auth.login(two_teams["marta"].email)
    page = client.get("/").get_data(as_text=True)
    assert "Ana kept me waiting" in page and "Ana Alfa" in page
    assert "Bea was rude" not in page and "Bea again" not in page
    assert "Bea Beta" not in page


def test_manager_home_department_figures_count_only_their_teams(two_teams, auth, client):
    auth.login(two_teams["marta"].email)
    page = client.get("/").get_data(as_text=True)
    quality = page[page.index("Where customers were unhappy") :]
    assert "Delivery" not in quality  # only team B's answers were about delivery
    assert "Billing" in quality


def test_other_manager_sees_their_own_team_only(two_teams, auth, client):
    auth.login(two_teams["nico"].email)
    page = client.get("/").get_data(as_text=True)
    assert "Bea was rude" in page and "Bea Beta" in page
    assert "Ana kept me waiting" not in page and "Ana Alfa" not in page


def test_trainer_home_still_reads_every_team(two_teams, login_as, client):
    login_as("trainer")
    page = client.get("/").get_data(as_text=True)
    assert "Ana kept me waiting" in page and "Bea was rude" in page
