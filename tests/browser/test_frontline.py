"""A frontline employee finds a customer by keyboard, reads the card and logs the call."""

import re

import sqlalchemy as sa
from playwright.sync_api import expect

from portal.customers.models import Interaction
from portal.extensions import db
from portal.service_scripts.models import ServiceScript


def test_lookup_by_keyboard_card_banner_and_logging(page, base_url, sign_in, live_app):
    sign_in("frontline")
    search = page.get_by_role("combobox")
    search.click()
    search.press_sequentially("jose nun", delay=40)  # accent left out on purpose
    option = page.locator("#lookup-list [role=option]").first
    expect(option).to_contain_text("José Núñez Peña")
    search.press("ArrowDown")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/customers/\d+\?via=search$"))
    banner = page.get_by_role("alert")
    expect(banner).to_contain_text("Recover before you offer anything")
    expect(banner).to_contain_text("Complaint with Billing")
    # The customer speaks Spanish, so the script beside the card is in Spanish.
    script = page.locator("#script-panel")
    expect(script).to_contain_text("Recuperar al cliente tras una mala experiencia")
    expect(script).to_contain_text("Hola, José.")
    # Why it was chosen is for the employee, in the interface's language.
    expect(script).to_contain_text("low score with Billing 3 days ago")
    expect(script).to_contain_text("Applies commandment 1: Earn my trust")

    form = page.locator("aside.act form").first
    form.get_by_label("Channel").select_option("phone")
    form.get_by_label("Type").select_option("complaint")
    form.get_by_label("Department").select_option("billing")
    form.get_by_label("Outcome").select_option("pending")
    form.get_by_label("Notes").fill("Apologised; refund requested from Billing")
    form.get_by_label("2", exact=True).check()
    form.get_by_label("followed", exact=True).check()
    form.get_by_role("button", name="Save interaction").click()

    expect(page.get_by_role("status").first).to_contain_text("Interaction saved.")
    first_event = page.locator("#timeline .event").first
    expect(first_event).to_contain_text("Apologised; refund requested from Billing")
    expect(page.locator("#timeline .event-survey").first).to_contain_text("CSAT 2/5")

    app, _url = live_app
    with app.app_context():
        slug, followed = db.session.execute(
            sa.select(ServiceScript.slug, Interaction.script_followed)
            .join(ServiceScript, ServiceScript.id == Interaction.script_id)
            .where(Interaction.notes == "Apologised; refund requested from Billing")
        ).one()
        db.session.remove()
    assert (slug, followed) == ("recovery-after-bad-experience", True)


def test_privacy_mode_hides_everything_sensitive_and_follows_the_shortcut(page, base_url, sign_in):
    sign_in("frontline")
    page.goto(f"{base_url}/customers/search?q=jose nunez")
    page.locator("#lookup-list a").first.click()
    expect(page).to_have_url(re.compile(r"/customers/\d+\?via=search$"))
    expect(page.locator("body")).not_to_have_class(re.compile("privacy"))
    # Alt+P works while the cursor is in the search box.
    page.locator("#lookup-q").focus()
    with page.expect_response(lambda r: r.url.endswith("/customers/privacy")):
        page.keyboard.press("Alt+p")
    expect(page.locator("body")).to_have_class(re.compile("privacy"))
    toggle = page.get_by_role("button", name="Privacy mode")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    # Phone, e-mail, complaint text and survey comments are blurred, not only value.
    for text in ("612 34 56 78", "jose.nunez@example.test", "Charged twice", "Nobody called"):
        blurred = page.get_by_text(text).first.evaluate(
            "e => getComputedStyle(e.closest('.sensitive') || e).filter"
        )
        assert blurred.startswith("blur"), text
    # The server remembers it for the session: a reload keeps it.
    page.reload()
    expect(page.locator("body")).to_have_class(re.compile("privacy"))
    with page.expect_response(lambda r: r.url.endswith("/customers/privacy")):
        toggle.click()
    expect(page.locator("body")).not_to_have_class(re.compile("privacy"))
    page.reload()
    expect(page.locator("body")).not_to_have_class(re.compile("privacy"))


def test_the_scripts_lesson_opens_from_the_card_and_leads_back(page, base_url, sign_in):
    sign_in("frontline")
    page.goto(f"{base_url}/customers/search?q=jose nunez")
    page.locator("#lookup-list a").first.click()
    expect(page).to_have_url(re.compile(r"/customers/\d+\?via=search$"))
    card_url = page.url.split("?")[0]
    page.locator("#script-panel").get_by_role("link", name="Lesson: Earn my trust").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Earn my trust")
    expect(page.locator(".lesson")).to_contain_text("Lesson 1 of 10")
    page.get_by_role("link", name="Back to the customer").first.click()
    expect(page).to_have_url(card_url)
    expect(page.locator("#script-panel")).to_be_visible()
