"""Training reports: completion and overdue by team and module; question statistics; CSV."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from portal.clock import today
from portal.extensions import db
from portal.training import learning
from portal.training.models import Assignment, Module
from tests import factories
from tests.conftest import csrf_token


def bar(percent: int) -> str:
    """A share as the report writes it: a bar for the eye, then the figure."""
    return f'<progress max="100" value="{percent}" aria-hidden="true"></progress> {percent}%'


def team_with_people(name: str, manager=None, people: int = 2):
    team = factories.team(name, manager=manager)
    members = [factories.user(["frontline"], team_id=team.id) for _ in range(people)]
    return team, members


def take(user, module: Module, right: set[str]) -> None:
    """One whole attempt: questions whose id is in `right` answered right, others wrong."""
    attempt = learning.attempt_start(user=user, module=module)
    while True:
        step = learning.grading.next_step(learning.questions_of(module), learning.given_of(attempt))
        if step is None:
            break
        good = step.question.id in right
        choice = next(c.id for c in step.choices if c.correct == good)
        learning.answer_record(
            user=user, attempt=attempt, qid=step.question.id, node=step.node, choices=[choice]
        )
    db.session.commit()


def test_completion_and_overdue_by_team_and_module(sample, login_as, client):
    team, (ana, _eva) = team_with_people("=Norte")
    db.session.add(Assignment(module_slug="sample", team_id=team.id, due_on=today() - timedelta(1)))
    db.session.commit()
    take(ana, sample, right={"q1", "q2", "q3", "q4", "q5"})
    login_as("trainer")
    page = client.get("/training/reports").get_data(as_text=True)
    assert "<td>=Norte</td><td>Sample</td><td>2</td><td>1</td>" in page
    assert '<span class="badge danger">1</span>' in page and f"{bar(50)}</td>" in page
    csv = client.get("/training/reports/completion.csv")
    text = csv.get_data(as_text=True)
    assert csv.mimetype == "text/csv" and text.startswith("\ufeffTeam,Module")
    assert "'=Norte,sample,2,1,1,50" in text  # a formula-looking cell is neutralised


def test_a_manager_sees_only_the_teams_they_manage(sample, login_as, client):
    manager = login_as("manager")
    mine, _people = team_with_people("Mine", manager=manager)
    other, _others = team_with_people("Other")
    for team in (mine, other):
        db.session.add(Assignment(module_slug="sample", team_id=team.id, due_on=today()))
    db.session.commit()
    page = client.get("/training/reports").get_data(as_text=True)
    assert "<td>Mine</td>" in page and "<td>Other</td>" not in page


def test_question_difficulty_and_discrimination_from_stored_answers(sample, login_as, client):
    _team, people = team_with_people("Sur", people=5)
    # Three strong learners get q1 right, two weak ones do not; q2 everybody gets right.
    for index, person in enumerate(people):
        strong = index < 3
        take(person, sample, right={"q2", "q1", "q3"} if strong else {"q2"})
    login_as("trainer")
    page = client.get("/training/reports?module=sample").get_data(as_text=True)
    page = re.sub(r">\s+<", "><", page)
    assert f"<td>What do you do? 1</td><td>5</td><td>{bar(60)}</td><td>1.00</td>" in page
    assert f"<td>What do you do? 2</td><td>5</td><td>{bar(100)}</td>" in page
    assert "not enough answers yet" in page  # q2: everybody right, nothing to tell apart
    csv = client.get("/training/reports/questions.csv?module=sample").get_data(as_text=True)
    assert "q1,What do you do? 1,5,0.60,1.00" in csv and "q2,What do you do? 2,5,1.00," in csv
    # Spanish: decimal commas on the page and in the file, whose cells ";" then separates.
    spanish = {"Accept-Language": "es"}
    page = client.get("/training/reports?module=sample", headers=spanish).get_data(as_text=True)
    assert "<td>1,00</td>" in re.sub(r">\s+<", "><", page) and "60\xa0%" in page
    csv = client.get("/training/reports/questions.csv?module=sample", headers=spanish)
    assert "q1;¿Qué hace? 1;5;0,60;1,00" in csv.get_data(as_text=True)


def test_unknown_module_in_a_report_is_404(sample, login_as, client):
    login_as("trainer")
    assert client.get("/training/reports?module=nope").status_code == 404
    assert client.get("/training/reports/questions.csv?module=nope").status_code == 404


def test_frontline_staff_cannot_read_reports(sample, login_as, client):
    login_as("frontline")
    assert client.get("/training/reports").status_code == 403
    assert client.get("/training/reports/completion.csv").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(Assignment.id))) == 0


def test_a_trainer_resets_the_attempts_of_a_learner_who_used_them_all(sample, login_as, client):
    _team, (ana,) = team_with_people("Este", people=1)
    for _ in range(2):  # the sample allows 2 attempts
        take(ana, sample, right=set())
    login_as("trainer")
    page = client.get("/training/reports?module=sample").get_data(as_text=True)
    assert "Learners with no attempt left" in page and ana.name in page
    token = csrf_token(client, "/training/reports")
    response = client.post(
        "/training/reports/reset", data={"csrf_token": token, "module": "sample", "learner": ana.id}
    )
    assert response.status_code == 302
    assert learning.attempts_used(ana.id, "sample") == 0
    take(ana, sample, right={"q1", "q2", "q3", "q4", "q5"})  # a fresh attempt is allowed
    assert learning.completion_valid(ana.id, "sample") is not None
    # The voided attempts still count in the question figures: 3 attempts in all.
    page = re.sub(
        r">\s+<", "><", client.get("/training/reports?module=sample").get_data(as_text=True)
    )
    assert "<td>What do you do? 1</td><td>3</td>" in page


def test_a_manager_cannot_reset_someone_outside_their_teams(sample, login_as, client):
    _team, (eva,) = team_with_people("Lejos", people=1)
    login_as("manager")
    token = csrf_token(client, "/training/reports")
    response = client.post(
        "/training/reports/reset", data={"csrf_token": token, "module": "sample", "learner": eva.id}
    )
    assert response.status_code == 404


def test_the_overdue_are_listed_with_their_due_date_and_a_team_filter(sample, login_as, client):
    north, (ana, eva) = team_with_people("Norte")
    south, (luis,) = team_with_people("Sur", people=1)
    late = today() - timedelta(days=3)
    for team in (north, south):
        db.session.add(Assignment(module_slug="sample", team_id=team.id, due_on=late))
    db.session.commit()
    take(ana, sample, right={"q1", "q2", "q3", "q4", "q5"})  # done: not overdue
    login_as("trainer")
    page = re.sub(r">\s+<", "><", client.get("/training/reports").get_data(as_text=True))
    due = late.strftime("%d")
    for person, team in ((eva, "Norte"), (luis, "Sur")):
        assert re.search(
            rf"<td>{person.name}</td><td>{team}</td><td>Sample</td><td>[^<]*{due}", page
        )
    assert f"<td>{ana.name}</td>" not in page
    page = client.get(f"/training/reports?team={south.id}").get_data(as_text=True)
    assert f"<td>{luis.name}</td>" in page and f"<td>{eva.name}</td>" not in page
    assert "<td>Norte</td>" not in page and "<td>Sur</td>" in page


def test_a_manager_cannot_filter_reports_by_another_team(sample, login_as, client):
    manager = login_as("manager")
    mine, (ana,) = team_with_people("Mine", manager=manager, people=1)
    other, (eva,) = team_with_people("Other", people=1)
    for team in (mine, other):
        db.session.add(
            Assignment(module_slug="sample", team_id=team.id, due_on=today() - timedelta(1))
        )
    db.session.commit()
    page = client.get(f"/training/reports?team={other.id}").get_data(as_text=True)
    assert f"<td>{eva.name}</td>" not in page and "<td>Other</td>" not in page
    assert f"<td>{ana.name}</td>" in page


def test_questions_sort_by_difficulty_hardest_first(sample, login_as, client):
    _team, people = team_with_people("Sur", people=5)
    for index, person in enumerate(people):
        take(person, sample, right={"q2", "q1", "q3"} if index < 3 else {"q2"})
    login_as("trainer")
    page = client.get("/training/reports?module=sample&sort=difficulty").get_data(as_text=True)
    order = re.findall(r"<td>What do you do\? (\d)</td>", page)
    assert order == ["4", "1", "3", "2"]  # nobody right, 3 of 5 (quiz order kept), everybody
    page = client.get("/training/reports?module=sample").get_data(as_text=True)
    assert re.findall(r"<td>What do you do\? (\d)</td>", page)[:2] == ["1", "2"]
