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
