"""A failed save on the card shows what to fix where the employee is looking.

At 1366 x 900 the actions panel has no scroll area of its own, and after a refused save
(through htmx, and as a plain form post without JavaScript) a summary says what to fix,
the first wrong field has the focus, and its error is on screen (with JavaScript, the
summary too).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD

LAPTOP = {"width": 1366, "height": 900}


def _open_card(page, base_url):
    page.goto(f"{base_url}/customers/search?q=jose nunez")
    page.locator("#lookup-list a").first.click()
    expect(page).to_have_url(re.compile(r"/customers/\d+\?via=search$"))


def _in_view(page, selector: str) -> bool:
    return page.evaluate(
        """s => { const r = document.querySelector(s).getBoundingClientRect();
                  return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; }""",
        selector,
    )


def _fail_a_save(page):
    form = page.locator("#interaction-form")
    form.get_by_label("Notes").fill("Wants a call back")
    form.get_by_label("Would recommend (0–10)").fill("11")
    form.get_by_role("button", name="Save interaction").click()


def _assert_errors_in_view(page, summary_in_view: bool = True):
    summary = page.locator("#interaction-form .error-summary")
    expect(summary).to_contain_text("Not saved")
    link = summary.get_by_role("link", name=re.compile("Would recommend"))
    expect(link).to_have_attribute("href", "#i-nps")
    expect(page.locator("#i-nps")).to_be_focused()
    assert _in_view(page, "#i-nps-error")
    if summary_in_view:
        assert _in_view(page, "#interaction-form .error-summary")
    # What was typed is still there.
    expect(page.locator("#i-notes")).to_have_value("Wants a call back")


def test_the_actions_panel_has_no_scroll_of_its_own(page, base_url, sign_in):
    page.set_viewport_size(LAPTOP)
    sign_in("frontline")
    _open_card(page, base_url)
    inner = page.evaluate(
        """() => { const a = document.querySelector('aside.act');
                   return [a.scrollHeight, a.clientHeight, getComputedStyle(a).overflowY]; }"""
    )
    assert inner[0] <= inner[1] + 1 and inner[2] == "visible", inner
    page.locator("#interaction-form").get_by_role("button", name="Save interaction").focus()
    assert _in_view(page, "#interaction-form button[type=submit]")


def test_a_refused_save_through_htmx_puts_the_errors_in_view(page, base_url, sign_in):
    page.set_viewport_size(LAPTOP)
    sign_in("frontline")
    _open_card(page, base_url)
    with page.expect_response(lambda r: "/interactions" in r.url):
        _fail_a_save(page)
    _assert_errors_in_view(page)
    # The summary's link leads to the field too.
    page.locator("#interaction-form .error-summary a").first.click()
    expect(page.locator("#i-nps")).to_be_focused()


@pytest.fixture
def page_without_js(browser, base_url):
    context = browser.new_context(java_script_enabled=False, locale="en-GB", viewport=LAPTOP)
    page = context.new_page()
    page.goto(f"{base_url}/login")
    page.get_by_label("E-mail").fill("frontline@demo.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    yield page
    context.close()


def test_a_refused_save_without_javascript_puts_the_errors_in_view(page_without_js, base_url):
    page = page_without_js
    _open_card(page, base_url)
    _fail_a_save(page)
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/customers/\d+/interactions$"))
    # Without a script the browser alone scrolls, to centre the focused field; the
    # summary stays at the top of the form, a few hundred pixels above it.
    _assert_errors_in_view(page, summary_in_view=False)
