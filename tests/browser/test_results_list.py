"""The search-as-you-type list: a combobox with one active option, that closes when
the employee leaves it, says how many matched and leads to the full results page."""

import re

from playwright.sync_api import expect

from tests.browser._axe import assert_accessible


def _type(page, text: str):
    search = page.get_by_role("combobox")
    search.click()
    search.fill("")
    with page.expect_response(lambda r: "/customers/search" in r.url):
        search.press_sequentially(text, delay=20)
    page.wait_for_timeout(400)  # the last keystroke's answer
    expect(page.locator("#lookup-list")).to_be_visible()
    return search


def test_the_list_closes_on_escape_click_outside_and_tab(page, base_url, sign_in):
    sign_in("frontline")
    search = _type(page, "gar")
    expect(search).to_have_attribute("aria-expanded", "true")
    search.press("Escape")
    expect(page.locator("#lookup-list")).to_be_hidden()
    expect(search).to_have_attribute("aria-expanded", "false")
    expect(search).to_have_value("gar")
    search.press("Escape")  # a second Escape clears the box
    expect(search).to_have_value("")

    _type(page, "gar")
    page.mouse.click(5, 700)  # the page beside the list, not the list over it
    expect(page.locator("#lookup-list")).to_be_hidden()

    _type(page, "gar")
    search.press("Tab")
    expect(page.locator("#lookup-list")).to_be_hidden()
    expect(search).to_have_attribute("aria-expanded", "false")


def test_one_option_is_active_whether_by_mouse_or_keyboard(page, base_url, sign_in):
    sign_in("frontline")
    search = _type(page, "gar")
    options = page.locator("#lookup-list [role=option]")
    options.nth(3).hover()
    search.press("ArrowDown")
    highlighted = page.evaluate(
        """() => [...document.querySelectorAll('#lookup-list [role=option]')]
                   .filter(o => getComputedStyle(o).backgroundColor !== 'rgba(0, 0, 0, 0)'
                             || o.getAttribute('aria-selected') === 'true').map(o => o.id)"""
    )
    assert highlighted == [search.get_attribute("aria-activedescendant")], highlighted
    # The option is chosen by click as well as by Enter.
    name = options.nth(1).locator("strong").inner_text()
    options.nth(1).click()
    expect(page).to_have_url(re.compile(r"/customers/\d+\?via=search$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


def test_it_says_how_many_matched_and_offers_the_full_list(page, base_url, sign_in):
    sign_in("frontline")
    search = _type(page, "garcia")
    count = page.locator("#lookup-count")
    expect(count).to_contain_text(re.compile(r"Customers that match: \d+|More than \d+"))
    shown = page.locator("#lookup-list [role=option]").count()
    assert shown == 10
    number = re.search(r"\d+", count.inner_text()).group()
    assert int(number) > shown
    assert_accessible(page)
    page.locator("#lookup-list").get_by_role("link", name=re.compile("all")).click()
    expect(page).to_have_url(re.compile(r"/customers/search\?q=garcia$"))
    assert page.locator("#lookup-list a[href*='/customers/']").count() > shown
    assert_accessible(page)
    search = page.get_by_role("combobox")
    expect(search).to_have_value("garcia")


def test_the_search_page_passes_axe(page, base_url, sign_in):
    sign_in("frontline")
    page.goto(f"{base_url}/customers/search?q=jose")
    assert_accessible(page)
    _type(page, "jose")
    assert_accessible(page)
