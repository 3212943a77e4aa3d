"""The service script beside the card: chosen by the card's facts, filled, switchable,
and recorded with the interaction."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.clock import utcnow
from portal.customers.models import Complaint, Department, Interaction, SurveyAnswer
from portal.extensions import db
from portal.service_scripts.content import load_scripts
from portal.service_scripts.models import ServiceScript
from portal.service_scripts.services import scripts_sync
from tests import factories
from tests.customers.test_actions import INTERACTION, _post
from tests.customers.test_card import purchase

SCRIPTS = Path(__file__).resolve().parents[2] / "content" / "scripts"


@pytest.fixture
def scripts(app):
    scripts_sync(actor=None, docs=load_scripts(SCRIPTS))
    db.session.commit()


def panel(page: str) -> str:
    start = page.index('id="script-panel"')
    return page[start : page.index("</section>", start)]


def low_score(c, department=Department.BILLING, days_ago=3):
    db.session.add(
        SurveyAnswer(
            customer_id=c.id,
            department=department,
            answered_at=utcnow() - timedelta(days=days_ago),
            csat=1,
        )
    )


def script_row(slug: str, language: str) -> ServiceScript:
    return db.session.scalar(
        sa.select(ServiceScript).where(
            ServiceScript.slug == slug, ServiceScript.language == language
        )
    )


def test_a_low_score_elsewhere_brings_the_recovery_script_filled_and_explained(
    scripts, login_as, client
):
    login_as("frontline")
    c = factories.customer("José", "Núñez Peña", language="en")
    low_score(c)
    db.session.commit()
    html = panel(client.get(f"/customers/{c.id}").get_data(as_text=True))
    assert "Winning the customer back after a bad experience" in html
    assert "low score with Billing 3 days ago" in html  # why, in plain words
    assert "Hello, José." in html and "our Billing team" in html  # filled placeholders
    assert "{" not in html
    assert "Applies commandment 1: Earn my trust" in html
    recovery = script_row("recovery-after-bad-experience", "en")
    assert f'name="i-script_id" value="{recovery.id}" form="interaction-form"' in html


def test_the_script_follows_the_customers_language(scripts, login_as, client):
    login_as("frontline")  # the interface is English; the customer speaks Spanish
    c = factories.customer("Ana", "Vidal Soler", language="es")
    low_score(c)
    db.session.commit()
    html = panel(client.get(f"/customers/{c.id}").get_data(as_text=True))
    assert 'lang="es"' in html
    assert "Recuperar al cliente tras una mala experiencia" in html
    assert "Hola, Ana." in html and "nuestro equipo de Facturación" in html
    assert "low score with Billing 3 days ago" in html  # the reasons are for the employee


def test_a_key_customer_with_a_complaint_gets_the_more_specific_script(scripts, login_as, client):
    login_as("frontline")
    c = factories.customer("Marta", "Gil Ortega", language="en", tier="gold")
    db.session.add(Complaint(customer_id=c.id, department=Department.DELIVERY, summary="Late"))
    db.session.commit()
    html = panel(client.get(f"/customers/{c.id}").get_data(as_text=True))
    assert "Gold" in html and "complaint with Delivery today" in html
    assert "our Delivery team" in html
    assert script_row("key-customer-complaint", "en").title in html
    others = html[html.index("Other scripts that fit") :]  # one click away
    assert script_row("complaint-intake", "en").title in others


def test_another_fitting_script_is_one_click_away_as_fragment_and_as_page(
    scripts, login_as, client, htmx_headers
):
    login_as("frontline")
    c = factories.customer("Marta", "Gil Ortega", language="en", tier="gold")
    db.session.add(Complaint(customer_id=c.id, department=Department.DELIVERY, summary="Late"))
    db.session.commit()
    url = f"/customers/{c.id}/scripts/complaint-intake"
    fragment = client.get(url, headers=htmx_headers).get_data(as_text=True)
    assert fragment.lstrip().startswith('<section class="script-panel" id="script-panel"')
    assert "<html" not in fragment
    assert "picked by you" in fragment
    intake = script_row("complaint-intake", "en")
    assert f'value="{intake.id}"' in fragment
    page = client.get(url).get_data(as_text=True)
    assert "<html" in page and "picked by you" in page
    # Without JavaScript the link opens the card with that script beside it.
    card = client.get(f"/customers/{c.id}?script=complaint-intake").get_data(as_text=True)
    assert "picked by you" in panel(card)


def test_an_unknown_script_is_a_404_not_the_default_script(scripts, login_as, client):
    login_as("frontline")
    c = factories.customer(language="en")
    db.session.commit()
    assert client.get(f"/customers/{c.id}/scripts/no-such-script").status_code == 404
    assert client.get(f"/customers/{c.id}/scripts/complaint-intake").status_code == 200


def test_a_script_that_does_not_fit_cannot_be_forced(scripts, login_as, client):
    login_as("frontline")
    c = factories.customer(language="en", do_not_upsell=True)
    db.session.commit()
    html = panel(client.get(f"/customers/{c.id}?script=guide-decision").get_data(as_text=True))
    assert "picked by you" not in html
    assert script_row("guide-decision", "en").title not in html  # an upsell script


def test_do_not_upsell_keeps_sales_scripts_away(scripts, login_as, client):
    login_as("frontline")
    c = factories.customer(language="en")
    for days in (40, 80, 120):
        purchase(c, days, 30)
    db.session.commit()
    guide = script_row("guide-decision", "en").title
    assert guide in panel(client.get(f"/customers/{c.id}").get_data(as_text=True))
    c.do_not_upsell = True
    db.session.commit()
    assert guide not in panel(client.get(f"/customers/{c.id}").get_data(as_text=True))


def test_without_published_scripts_the_panel_says_so(login_as, client):
    login_as("frontline")
    c = factories.customer()
    db.session.commit()
    html = panel(client.get(f"/customers/{c.id}").get_data(as_text=True))
    assert "No service script is published yet." in html


def test_the_interaction_records_the_script_and_whether_it_was_followed(scripts, login_as, client):
    login_as("frontline")
    c = factories.customer(language="en")
    low_score(c)
    db.session.commit()
    recovery = script_row("recovery-after-bad-experience", "en")
    fields = {**INTERACTION, "script_id": str(recovery.id), "script_followed": "skipped"}
    assert _post(client, c, "interactions", **fields).status_code == 302
    saved = db.session.scalar(sa.select(Interaction))
    assert (saved.script_id, saved.script_followed) == (recovery.id, False)


def test_an_unknown_script_id_comes_back_with_a_message_and_what_was_typed(
    scripts, login_as, client
):
    login_as("frontline")
    c = factories.customer(language="en")
    db.session.commit()
    fields = {**INTERACTION, "script_id": "999999", "script_followed": "followed"}
    response = _post(client, c, "interactions", **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "That script is no longer available. Reload the card." in page
    assert "Asked about the warranty" in page
    assert db.session.scalar(sa.select(sa.func.count(Interaction.id))) == 0
