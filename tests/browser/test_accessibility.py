"""axe-core finds no WCAG 2.x A/AA or best-practice violation on the frontline pages."""

import re

from playwright.sync_api import expect

from tests.browser._axe import assert_accessible


def _open_card(page, base_url):
    page.goto(f"{base_url}/customers/search?q=jose nunez")
    page.locator("#lookup-list a").first.click()
    expect(page).to_have_url(re.compile(r"/customers/\d+\?via=search$"))


def test_the_card_passes_axe(page, base_url, sign_in):
    sign_in("frontline")
    _open_card(page, base_url)
    expect(page.locator("#script-panel")).to_be_visible()
    assert_accessible(page)


def test_the_authoring_pages_pass_axe(page, base_url, sign_in):
    sign_in("trainer")
    page.goto(f"{base_url}/training/authoring")
    assert_accessible(page)
    # a new module's draft: the editor with its files, preview and checks
    page.get_by_label("Module id").fill("axe-check-module")
    page.get_by_role("button", name="Start a new module").click()
    expect(page).to_have_url(re.compile(r"/training/authoring/axe-check-module/edit$"))
    assert_accessible(page)
    page.goto(f"{base_url}/training/authoring/axe-check-module/quiz")
    assert_accessible(page)


def test_the_reports_pages_pass_axe(page, base_url, sign_in):
    sign_in("manager")
    page.goto(f"{base_url}/training/reports?module=ten-commandments")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base_url}/training/assignments")
    assert_accessible(page)
