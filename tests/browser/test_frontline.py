"""A frontline employee finds a customer by keyboard, reads the card and logs the call."""

import re

from playwright.sync_api import expect


def test_lookup_by_keyboard_card_banner_and_logging(page, base_url, sign_in):
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

    form = page.locator("aside.act form").first
    form.get_by_label("Channel").select_option("phone")
    form.get_by_label("Type").select_option("complaint")
    form.get_by_label("Department").select_option("billing")
    form.get_by_label("Outcome").select_option("pending")
    form.get_by_label("Notes").fill("Apologised; refund requested from Billing")
    form.get_by_label("2", exact=True).check()
    form.get_by_role("button", name="Save interaction").click()

    expect(page.get_by_role("status").first).to_contain_text("Interaction saved.")
    first_event = page.locator("#timeline .event").first
    expect(first_event).to_contain_text("Apologised; refund requested from Billing")
    expect(page.locator("#timeline .event-survey").first).to_contain_text("CSAT 2/5")


def test_privacy_mode_hides_value_with_the_shortcut(page, base_url, sign_in):
    sign_in("frontline")
    page.goto(f"{base_url}/customers/search?q=jose")
    page.locator("#lookup-list a").first.click()
    expect(page.locator("body")).not_to_have_class(re.compile("privacy"))
    page.keyboard.press("Alt+p")
    expect(page.locator("body")).to_have_class(re.compile("privacy"))
    expect(page.get_by_role("button", name="Privacy mode")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("button", name="Privacy mode").click()
    expect(page.locator("body")).not_to_have_class(re.compile("privacy"))
