"""Trainers assign modules to roles or teams; managers to the teams they manage."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.clock import today
from portal.extensions import db
from portal.training.assigning import AssignError, assignment_create
from portal.training.models import Assignment
from tests import factories
from tests.conftest import csrf_token


def post(client, **fields):
    data = {"csrf_token": csrf_token(client, "/training/assignments"), **fields}
    return client.post("/training/assignments", data=data)


def test_a_trainer_assigns_to_a_role_and_the_learner_sees_it_due(sample, login_as, client, auth):
    login_as("trainer")
    due = today() + timedelta(days=10)
    response = post(client, module="sample", target="role:frontline", due_on=due.isoformat())
    assert response.status_code == 302
    assert "All frontline staff" in client.get("/training/assignments").get_data(as_text=True)
    spanish = client.get("/training/assignments", headers={"Accept-Language": "es"})
    assert "Todo el personal de atención al cliente" in spanish.get_data(as_text=True)
    assert "Todos los formadores" in spanish.get_data(as_text=True)  # the form's choices
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "training.assigned"))
    assert event.detail["role"] == "frontline"
    auth.logout()
    login_as("frontline")
    page = client.get("/training/").get_data(as_text=True)
    assert "Assigned" in page and "Sample" in page


def test_an_empty_due_date_takes_the_modules_own_time(sample, login_as, client):
    login_as("trainer")
    assert post(client, module="sample", target="role:manager", due_on="").status_code == 302
    assert db.session.scalar(sa.select(Assignment.due_on)) == today() + timedelta(days=30)


def test_a_manager_assigns_only_to_the_teams_they_manage(sample, login_as, client):
    user = login_as("manager")
    mine, other = factories.team("Mine", manager=user), factories.team("Other")
    db.session.commit()
    page = client.get("/training/assignments").get_data(as_text=True)
    assert f'value="team:{mine.id}"' in page and f'value="team:{other.id}"' not in page
    assert 'value="role:frontline"' not in page
    for target in (f"team:{other.id}", "role:frontline"):  # not offered, so refused
        response = post(client, module="sample", target=target, due_on="")
        assert "Not a valid choice." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Assignment.id))) == 0
    # The service refuses on its own too, whatever a form lets through.
    with pytest.raises(AssignError, match="teams you manage"):
        assignment_create(actor=user, module_slug="sample", target=f"team:{other.id}", due_on=None)
    with pytest.raises(AssignError, match="a role or a team"):
        assignment_create(actor=user, module_slug="sample", target="role:frontline", due_on=None)
    assert post(client, module="sample", target=f"team:{mine.id}", due_on="").status_code == 302
    assert db.session.scalar(sa.select(Assignment.team_id)) == mine.id


def test_bad_input_comes_back_with_a_message_and_what_was_typed(sample, login_as, client):
    login_as("trainer")
    past = (today() - timedelta(days=1)).isoformat()
    page = post(client, module="sample", target="role:frontline", due_on=past).get_data(
        as_text=True
    )
    assert "The due date cannot be in the past." in page
    assert f'value="{past}"' in page and 'selected value="role:frontline"' in page
    page = post(client, module="nope", target="role:frontline", due_on="").get_data(as_text=True)
    assert "Not a valid choice." in page
    assert db.session.scalar(sa.select(sa.func.count(Assignment.id))) == 0


def test_the_same_module_cannot_be_assigned_twice_to_the_same_team(sample, login_as, client):
    login_as("trainer")
    team = factories.team("North")
    db.session.commit()
    assert post(client, module="sample", target=f"team:{team.id}", due_on="").status_code == 302
    page = post(client, module="sample", target=f"team:{team.id}", due_on="")
    assert "This module is already assigned to them" in page.get_data(as_text=True)
    assert post(client, module="sample", target="role:frontline", due_on="").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Assignment.id))) == 2


def test_the_list_shows_titles_in_the_readers_language(sample, login_as, client):
    login_as("trainer")  # the test user reads English
    post(client, module="sample", target="role:frontline", due_on="")
    page = client.get("/training/assignments").get_data(as_text=True)
    assert "<td>Sample</td>" in page and "<td>sample</td>" not in page


def test_an_assignment_is_changed_and_removed_after_confirming(sample, login_as, client):
    user = login_as("manager")
    mine, other = factories.team("Mine", manager=user), factories.team("Other")
    db.session.commit()
    post(client, module="sample", target=f"team:{mine.id}", due_on="")
    theirs = Assignment(module_slug="sample", team_id=other.id, due_on=today())
    db.session.add(theirs)
    db.session.commit()
    assignment_id, theirs_id = db.session.scalar(sa.select(Assignment.id)), theirs.id
    edit = f"/training/assignments/{assignment_id}/edit"
    assert f'href="{edit}"' in client.get("/training/assignments").get_data(as_text=True)
    token = csrf_token(client, edit)
    past = (today() - timedelta(days=1)).isoformat()
    page = client.post(edit, data={"csrf_token": token, "due_on": past}).get_data(as_text=True)
    assert "The due date cannot be in the past." in page and f'value="{past}"' in page
    later = today() + timedelta(days=60)
    assert client.post(edit, data={"csrf_token": token, "due_on": later}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Assignment, assignment_id).due_on == later
    remove = f"/training/assignments/{assignment_id}/remove"
    confirm = client.get(remove).get_data(as_text=True)
    assert "Remove the assignment of Sample?" in confirm
    assert db.session.get(Assignment, assignment_id) is not None  # asking removes nothing
    assert client.post(remove, data={"csrf_token": token}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Assignment, assignment_id) is None
    actions = set(db.session.scalars(sa.select(AuditEvent.action)))
    assert {"training.assignment_changed", "training.assignment_removed"} <= actions
    # another team's assignment is not the manager's to change
    assert client.get(f"/training/assignments/{theirs_id}/edit").status_code == 404
    other_remove = f"/training/assignments/{theirs_id}/remove"
    assert client.post(other_remove, data={"csrf_token": token}).status_code == 404


def test_frontline_staff_cannot_change_assignments(sample, login_as, client):
    assignment = Assignment(module_slug="sample", role="frontline", due_on=today())
    db.session.add(assignment)
    db.session.commit()
    login_as("frontline")
    assert client.get(f"/training/assignments/{assignment.id}/edit").status_code == 403
    token = csrf_token(client, "/")
    response = client.post(
        f"/training/assignments/{assignment.id}/remove", data={"csrf_token": token}
    )
    assert response.status_code == 403
