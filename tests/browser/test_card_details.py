"""The card's smaller promises in a real browser: long words wrap, do-not-contact is
seen beside the contact details."""

from portal.customers.models import Complaint, Department, Interaction
from portal.extensions import db
from tests import factories

LONG_WORD = "Reference" + "X" * 400


def test_one_very_long_word_does_not_stretch_the_card(page, base_url, sign_in, live_app):
    app, _url = live_app
    with app.app_context():
        c = factories.customer("Ana", "Longword Test", number="B0000099", do_not_contact=True)
        db.session.add(
            Interaction(
                customer_id=c.id,
                channel="phone",
                type="enquiry",
                department="support",
                outcome="resolved",
                notes=LONG_WORD,
            )
        )
        db.session.add(
            Complaint(customer_id=c.id, department=Department.BILLING, summary=LONG_WORD)
        )
        db.session.commit()
        customer_id = c.id
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in("frontline")
    page.goto(f"{base_url}/customers/{customer_id}")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"page {widths[0]} px wide in a {widths[1]} px window"
    header = page.locator(".card-head")
    assert "Do not contact" in header.inner_text()
