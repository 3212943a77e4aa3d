"""Acting from the card: interactions with satisfaction, promises, points."""

import threading
from datetime import timedelta

import sqlalchemy as sa

from portal.clock import today
from portal.customers import services
from portal.customers.models import Interaction, PointsEntry, Promise, SurveyAnswer
from portal.extensions import db
from tests import factories
from tests.conftest import csrf_token


def _post(client, c, path, headers=None, **fields):
    prefix = {"interactions": "i", "promises": "p", "points": "pt"}.get(path.split("/")[0], "")
    token = csrf_token(client, f"/customers/{c.id}")
    data = {f"{prefix}-csrf_token" if prefix else "csrf_token": token}
    data.update({f"{prefix}-{k}": v for k, v in fields.items()})
    return client.post(f"/customers/{c.id}/{path}", data=data, headers=headers or {})


INTERACTION = {
    "channel": "phone",
    "type": "enquiry",
    "department": "support",
    "outcome": "resolved",
    "notes": "Asked about the warranty",
}


def test_log_an_interaction_with_a_satisfaction_answer(login_as, client):
    user = login_as("frontline")
    c = factories.customer()
    db.session.commit()
    response = _post(client, c, "interactions", **INTERACTION, csat="2", nps="5")
    assert response.status_code == 302  # plain POST: Post/Redirect/Get
    interaction = db.session.scalar(sa.select(Interaction))
    answer = db.session.scalar(sa.select(SurveyAnswer))
    assert (interaction.employee_id, interaction.notes) == (user.id, "Asked about the warranty")
    assert (answer.interaction_id, answer.csat, answer.nps, answer.effort) == (
        interaction.id,
        2,
        5,
        None,
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert page.index("Asked about the warranty") < page.index('id="timeline"') + 2000


def test_htmx_post_returns_the_updated_card_body(login_as, client, htmx_headers):
    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    response = _post(client, c, "interactions", headers=htmx_headers, **INTERACTION)
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in text
    assert text.lstrip().startswith('<div class="card-layout" id="card-body">')
    assert "Interaction saved." in text and "Asked about the warranty" in text
    # The note is in the timeline, and the form is empty again for the next one.
    form = text[text.index('id="i-notes"') :].split("</textarea>")[0]
    assert "Asked about the warranty" not in form


def test_invalid_scores_come_back_with_the_message_and_what_was_typed(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    fields = {**INTERACTION, "nps": "11", "notes": "Keep this note"}
    page = _post(client, c, "interactions", **fields).get_data(as_text=True)
    assert "Number must be between 0 and 10." in page and "Keep this note" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Interaction)) == 0


def test_promise_recorded_then_kept(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    due = (today() + timedelta(days=2)).isoformat()
    _post(client, c, "promises", kind="call_back", description="Call back on Friday", due_on=due)
    promise = db.session.scalar(sa.select(Promise))
    assert promise.description == "Call back on Friday" and promise.kept_at is None
    token = csrf_token(client, f"/customers/{c.id}")
    client.post(f"/customers/{c.id}/promises/{promise.id}/kept", data={"csrf_token": token})
    db.session.refresh(promise)
    assert promise.kept_at is not None
    assert "Call back on Friday" not in client.get(f"/customers/{c.id}").get_data(as_text=True)


def test_promise_with_an_invalid_or_past_date(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    page = _post(client, c, "promises", kind="refund", description="Refund", due_on="31/02/2026")
    assert "Not a valid date value." in page.get_data(as_text=True)
    past = (today() - timedelta(days=1)).isoformat()
    page = _post(client, c, "promises", kind="refund", description="Refund", due_on=past)
    assert "A promise cannot be due in the past." in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Promise)) == 0


def test_a_promise_due_years_ahead_is_refused_and_what_was_typed_stays(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    fields = {"kind": "refund", "description": "Refund the lamp", "due_on": "2999-03-01"}
    text = _post(client, c, "promises", **fields).get_data(as_text=True)
    assert "A promise must be due within a year, by " in text
    assert 'value="2999-03-01"' in text and 'value="Refund the lamp"' in text
    within = (today() + timedelta(days=365)).isoformat()
    assert _post(client, c, "promises", **{**fields, "due_on": within}).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Promise)) == 1


def test_award_and_redeem_points_never_below_zero(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    _post(client, c, "points", action="award", points="300", reason="Birthday")
    page = _post(client, c, "points", action="redeem", points="500", reason="Gift").get_data(
        as_text=True
    )
    assert "Not enough points: the balance is 300." in page
    _post(client, c, "points", action="redeem", points="100", reason="Gift")
    balances = db.session.scalars(sa.select(PointsEntry.balance_after).order_by(PointsEntry.seq))
    assert list(balances) == [300, 200]


LIMITS = {"limits": {"frontline": {"award": 500, "redeem": 5000}}}


def test_a_frontline_employee_cannot_award_a_fortune_in_one_click(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    page = _post(client, c, "points", action="award", points="999999", reason="Oops")
    text = page.get_data(as_text=True)
    assert "You can award up to 500 points at once; more needs a manager." in text
    assert 'value="999999"' in text  # what was typed stays
    assert db.session.scalar(sa.select(sa.func.count(PointsEntry.id))) == 0


def test_points_limits_come_from_the_configuration_per_role_and_action(app, login_as, client):
    app.config["POINTS_LIMITS"] = {
        "frontline": {"award": 50, "redeem": 20},
        "manager": {"award": 5000, "redeem": 5000},
    }
    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    assert _post(client, c, "points", action="award", points="50", reason="ok").status_code == 302
    page = _post(client, c, "points", action="redeem", points="30", reason="x")
    assert "You can redeem up to 20 points at once" in page.get_data(as_text=True)
    manager = factories.user(roles=["manager"])
    db.session.commit()
    services.points_change(
        actor=manager,
        customer=c,
        points=4000,
        redeem=False,
        reason="Goodwill for the flood",
        limits=app.config["POINTS_LIMITS"],
    )
    balances = db.session.scalars(sa.select(PointsEntry.balance_after).order_by(PointsEntry.seq))
    assert list(balances) == [50, 4050]


def test_a_role_without_a_limit_cannot_change_points(app):
    assert services.points_limit({"trainer"}, "award", app.config["POINTS_LIMITS"]) == 0
    assert services.points_limit({"frontline", "manager"}, "award", {"manager": {"award": 9}}) == 9


def test_numbers_in_points_messages_follow_the_language(login_as, client):
    manager = login_as("manager")
    c = factories.customer()
    db.session.commit()
    services.points_change(
        actor=manager,
        customer=c,
        points=12000,
        redeem=False,
        reason="t",
        **{"limits": {"manager": {"award": 12000}}},
    )
    db.session.commit()
    for language, message in (
        ("en", "Not enough points: the balance is 12,000."),
        ("es", "No hay puntos suficientes: el saldo es de 12.000."),
    ):
        headers = {"Accept-Language": language}
        page = _post(client, c, "points", headers, action="redeem", points="20000", reason="x")
        assert message in page.get_data(as_text=True)


def test_two_concurrent_redemptions_cannot_overspend(app):
    actor = factories.user()
    c = factories.customer()
    db.session.commit()
    services.points_change(actor=actor, customer=c, points=100, redeem=False, reason="t", **LIMITS)
    db.session.commit()
    barrier, outcomes = threading.Barrier(2), []

    def redeem():
        with app.app_context():
            customer = db.session.get(type(c), c.id)
            user = db.session.get(type(actor), actor.id)
            db.session.execute(sa.select(PointsEntry.seq)).all()  # both read the same balance
            barrier.wait()
            try:
                services.points_change(
                    actor=user, customer=customer, points=80, redeem=True, reason="race", **LIMITS
                )
                db.session.commit()
                outcomes.append("ok")
            except (services.CardError, sa.exc.OperationalError):
                db.session.rollback()
                outcomes.append("refused")

    threads = [threading.Thread(target=redeem) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    db.session.expire_all()
    balances = list(
        db.session.scalars(sa.select(PointsEntry.balance_after).order_by(PointsEntry.seq))
    )
    assert sorted(outcomes) == ["ok", "refused"]
    assert balances == [100, 20]


def test_a_trainer_cannot_act_on_a_card(login_as, client):
    login_as("trainer")
    c = factories.customer()
    db.session.commit()
    token = csrf_token(client, "/profile")
    data = {"i-csrf_token": token, **{f"i-{k}": v for k, v in INTERACTION.items()}}
    assert client.post(f"/customers/{c.id}/interactions", data=data).status_code == 403


def test_a_refused_save_names_what_to_fix_and_focuses_the_first_wrong_field(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    response = _post(client, c, "interactions", **{**INTERACTION, "nps": "11", "effort": "9"})
    text = response.get_data(as_text=True)
    summary = text[text.index('<div class="error-summary" role="alert">') :]
    summary = summary[: summary.index("</div>")]
    assert 'href="#i-nps"' in summary and 'href="#i-effort"' in summary
    # Only the first wrong field takes the focus; what was typed stays.
    assert text.count("autofocus") == 1
    assert 'aria-invalid="true" autofocus id="i-nps"' in text
    assert "Asked about the warranty" in text
