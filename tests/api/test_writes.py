"""Writing through the API: interactions and survey answers, with the card's services,
validation and audit; bad input is 422 with a message per field and stores nothing."""

import pytest
import sqlalchemy as sa

from portal.audit.models import AuditEvent
from portal.customers.models import Interaction, SurveyAnswer
from portal.extensions import db
from tests import factories
from tests.api.conftest import error_of
from tests.customers.test_actions import INTERACTION


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def system(caller):
    return caller("frontline")


@pytest.fixture
def customer(app):
    c = factories.customer()
    db.session.commit()
    return c


def test_post_an_interaction(system, customer):
    response = system.post(f"/customers/{customer.id}/interactions", json=INTERACTION)
    assert response.status_code == 201
    body = response.get_json()
    stored = db.session.get(Interaction, body["id"])
    assert (stored.customer_id, stored.employee_id, stored.notes) == (
        customer.id,
        system.user.id,
        "Asked about the warranty",
    )
    assert body["channel"] == "phone" and body["occurred_at"].endswith("Z")
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "interaction.logged")
    )
    assert (event.actor_id, event.target_id) == (system.user.id, customer.id)
    assert event.detail["interaction_id"] == stored.id


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"channel": "pigeon"}, "channel", "one of"),
        ({"outcome": None}, "outcome", "Required"),
        ({"notes": "x" * 2001}, "notes", "2000"),
        ({"notes": 12}, "notes", "text"),
        ({"script_id": "7"}, "script_id", "whole number"),
        ({"script_id": True}, "script_id", "whole number"),
        ({"script_id": 999, "script_followed": "followed"}, "script_id", "no longer available"),
        ({"colour": "red"}, "colour", "Unknown"),
    ],
)
def test_bad_interaction_is_422_and_stores_nothing(system, customer, change, field, words):
    body = {**INTERACTION, **change}
    response = system.post(f"/customers/{customer.id}/interactions", json=body)
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid" and words in error["fields"][field]
    assert _count(Interaction) == 0
    logged = sa.select(AuditEvent).where(AuditEvent.action == "interaction.logged")
    assert db.session.scalar(logged) is None


def test_every_bad_field_is_named_at_once(system, customer):
    response = system.post(f"/customers/{customer.id}/interactions", json={"channel": "x"})
    assert set(error_of(response)["fields"]) == {"channel", "type", "department", "outcome"}


@pytest.mark.parametrize("data", ["not json", "[1, 2]", '"text"', "{bad"])
def test_a_body_that_is_not_a_json_object_is_400(system, customer, data):
    response = system.client.post(
        f"/api/v1/customers/{customer.id}/interactions",
        data=data,
        headers={**system.headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 400 and "JSON object" in error_of(response)["message"]


def test_html_and_sql_in_notes_are_stored_as_text_and_escaped_on_the_card(
    system, customer, login_as, client
):
    notes = "<script>alert(1)</script> '); DROP TABLE interactions; --"
    response = system.post(
        f"/customers/{customer.id}/interactions", json={**INTERACTION, "notes": notes}
    )
    assert response.status_code == 201 and response.get_json()["notes"] == notes
    assert db.session.scalar(sa.select(Interaction.notes)) == notes
    login_as("frontline")
    page = client.get(f"/customers/{customer.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)" in page


def test_writing_to_a_customer_out_of_scope_is_404(app, caller):
    app.config["CUSTOMER_SCOPE"] = "team"
    mine, other = factories.team("Mine"), factories.team("Other")
    system = caller("frontline", team_id=mine.id)
    outside = factories.customer(team_id=other.id)
    db.session.commit()
    assert system.post(f"/customers/{outside.id}/interactions", json=INTERACTION).status_code == 404
    assert _count(Interaction) == 0


def test_post_a_survey_answer_for_an_interaction(caller, system, customer):
    served = caller("frontline")
    logged = served.post(f"/customers/{customer.id}/interactions", json=INTERACTION).get_json()
    answer = {"department": "support", "csat": 2, "nps": 9, "interaction_id": logged["id"]}
    response = system.post(f"/customers/{customer.id}/survey-answers", json=answer)
    assert response.status_code == 201
    body = response.get_json()
    assert (body["csat"], body["nps"], body["effort"], body["interaction_id"]) == (
        2,
        9,
        None,
        logged["id"],
    )
    # The answer counts for the employee who served, not for the survey tool's account.
    assert db.session.get(SurveyAnswer, body["id"]).employee_id == served.user.id
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "survey.answered"))
    assert (event.actor_id, event.target_id) == (system.user.id, customer.id)
    assert event.detail == {"answer_id": body["id"], "interaction_id": logged["id"]}


def test_a_survey_answer_on_its_own_shows_on_the_card(system, customer):
    body = {"department": "delivery", "csat": 1, "comment": "Late again"}
    assert system.post(f"/customers/{customer.id}/survey-answers", json=body).status_code == 201
    recovery = system.get(f"/customers/{customer.id}").get_json()["recovery"]
    assert recovery[0]["kind"] == "low_satisfaction" and recovery[0]["department"] == "delivery"
    assert recovery[0]["text"] == "Late again"


@pytest.mark.parametrize(
    ("answer", "field", "words"),
    [
        ({"department": "support"}, "csat", "at least one score"),
        ({"department": "support", "csat": 6}, "csat", "from 1 to 5"),
        ({"department": "support", "nps": -1}, "nps", "from 0 to 10"),
        ({"department": "support", "nps": 7.5}, "nps", "whole number"),
        ({"csat": 3}, "department", "Required"),
        ({"department": "support", "csat": 3, "interaction_id": 999}, "interaction_id", "no"),
    ],
)
def test_bad_survey_answer_is_422_and_stores_nothing(system, customer, answer, field, words):
    response = system.post(f"/customers/{customer.id}/survey-answers", json=answer)
    assert response.status_code == 422 and words in error_of(response)["fields"][field]
    assert _count(SurveyAnswer) == 0


def test_a_survey_answer_cannot_point_at_another_customer_s_interaction(system, customer):
    other = factories.customer()
    db.session.commit()
    logged = system.post(f"/customers/{other.id}/interactions", json=INTERACTION).get_json()
    answer = {"department": "support", "csat": 5, "interaction_id": logged["id"]}
    response = system.post(f"/customers/{customer.id}/survey-answers", json=answer)
    assert response.status_code == 422 and "interaction_id" in error_of(response)["fields"]
    assert _count(SurveyAnswer) == 0
