"""Every training page a manager opens reads the people of the teams they manage only.

Team A's three learners get every question right, team B's two get every one wrong;
the manager of team A sees three attempts at 100 %, a trainer all five."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from portal.clock import today
from portal.extensions import db
from portal.training.models import Assignment
from tests import factories
from tests.training.test_reports import bar, take

ALL = {"q1", "q2", "q3", "q4", "q5"}


@pytest.fixture
def two_teams(sample):
    marta = factories.user(["manager"], name="Marta Manager")
    team_a = factories.team("Alfa", manager=marta)
    team_b = factories.team("Beta", manager=factories.user(["manager"]))
    alfa = [factories.user(name=f"Alfa Learner {i}", team_id=team_a.id) for i in range(3)]
    beta = [factories.user(name=f"Beta Learner {i}", team_id=team_b.id) for i in range(2)]
    for team in (team_a, team_b):
        db.session.add(
            Assignment(module_slug="sample", team_id=team.id, due_on=today() - timedelta(1))
        )
    db.session.commit()
    for person in alfa:
        take(person, sample, right=ALL)
    for person in beta:
        for _ in range(2):  # every attempt used: B's learners are stuck
            take(person, sample, right=set())
    return {"marta": marta}


def flat(response) -> str:
    return re.sub(r">\s+<", "><", response.get_data(as_text=True))


def test_manager_question_report_counts_their_teams_attempts(two_teams, auth, client):
    auth.login(two_teams["marta"].email)
    page = flat(client.get("/training/reports?module=sample"))
    assert f"<td>What do you do? 1</td><td>3</td><td>{bar(100)}</td>" in page
    csv = client.get("/training/reports/questions.csv?module=sample").get_data(as_text=True)
    assert "q1,What do you do? 1,3,1.00," in csv


def test_manager_reports_name_no_one_of_another_team(two_teams, auth, client):
    auth.login(two_teams["marta"].email)
    page = flat(client.get("/training/reports?module=sample"))
    assert "Beta Learner" not in page and "<td>Beta</td>" not in page
    assert "<td>Alfa</td>" in page
    csv = client.get("/training/reports/completion.csv").get_data(as_text=True)
    assert "Alfa,sample,3,3,0,100" in csv and "Beta" not in csv


def test_manager_assignments_list_only_their_teams(two_teams, auth, client):
    auth.login(two_teams["marta"].email)
    page = client.get("/training/assignments").get_data(as_text=True)
    assert "Alfa" in page and "Beta" not in page


def test_trainer_reports_read_every_team(two_teams, login_as, client):
    login_as("trainer")
    page = flat(client.get("/training/reports?module=sample"))
    assert "<td>What do you do? 1</td><td>7</td>" in page  # 3 + 2 x 2 attempts
    assert "<td>Beta</td>" in page and "Beta Learner 0" in page
