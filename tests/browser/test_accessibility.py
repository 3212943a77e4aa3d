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
