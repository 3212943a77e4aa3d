"""A trainer writes a service script in Chromium: ticks its conditions, sees in plain
words when it is chosen, sends it for review; a manager publishes it."""

import re

from playwright.sync_api import expect

from tests.browser.test_training import sign_out


def test_write_a_script_with_conditions_and_publish_it(page, base_url, sign_in):
    sign_in("trainer")
    page.goto(f"{base_url}/training/authoring")
    page.get_by_label("Script id").fill("birthday-platinum")
    page.get_by_role("button", name="Start a new script").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Draft of birthday-platinum")
    conditions = page.locator("details.conditions")
    conditions.locator("tr", has_text="tier").get_by_label("Platinum").check()
    conditions.locator("tr", has_text="occasion").get_by_label("birthday").check()
    page.get_by_role("button", name="Write these conditions into both files").click()
    expect(page.get_by_text("Conditions written into both files below.")).to_be_visible()
    english = page.get_by_label("birthday-platinum.en.md", exact=True)
    expect(english).to_have_value(re.compile(r"\nwhen: \{tier: platinum, occasion: birthday\}\n"))
    expect(page.locator("#preview")).to_contain_text("Chosen when: Platinum · birthday this week")
    # not saved yet: Send for review saves what the editor holds, then sends it
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("status").first).to_contain_text("Saved and sent for review.")
    sign_out(page)

    sign_in("manager")
    page.goto(f"{base_url}/training/authoring/scripts/birthday-platinum/edit")
    expect(page.get_by_label("birthday-platinum.en.md", exact=True)).to_have_value(
        re.compile(r"\nwhen: \{tier: platinum, occasion: birthday\}\n")
    )
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("status").first).to_contain_text("Version 1 published.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("History of birthday-platinum")
