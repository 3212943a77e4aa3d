"""The top bar keeps a usable search box at every width, and a phone shows the script
right after the card's banner (before the history)."""

import re

import pytest
from playwright.sync_api import expect

WIDTHS = (360, 390, 1024, 1366)
MIN_SEARCH = 200  # px: room for a name and a surname


def _search_width(page) -> float:
    return page.evaluate("document.querySelector('#lookup-q').getBoundingClientRect().width")


@pytest.mark.parametrize("role", ["manager", "frontline"])
def test_the_search_box_keeps_a_usable_width(page, base_url, sign_in, role):
    sign_in(role)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{base_url}/")
        box = _search_width(page)
        form, row = page.evaluate(
            """() => { const bar = document.querySelector('.topbar'), s = getComputedStyle(bar);
                return [bar.querySelector('.lookup').getBoundingClientRect().width,
                        bar.clientWidth - parseFloat(s.paddingLeft)
                        - parseFloat(s.paddingRight)]; }"""
        )
        # At least 200 px, or (a phone) the whole line of the bar less the button.
        assert box >= MIN_SEARCH or (form >= row - 1 and box >= row / 2), (role, width, box)
        # Nothing in the bar spills past the screen's edge.
        right = page.evaluate(
            """() => Math.max(...[...document.querySelectorAll('.topbar *')]
                        .map(e => e.getBoundingClientRect().right))"""
        )
        assert right <= width, (role, width, "bar overflows", right)


def test_a_phone_shows_the_script_right_after_the_banner(page, base_url, sign_in):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("frontline")
    page.goto(f"{base_url}/customers/search?q=jose nunez")
    page.locator("#lookup-list a").first.click()
    expect(page).to_have_url(re.compile(r"/customers/\d+\?via=search$"))
    tops = page.evaluate(
        """() => Object.fromEntries(['.recovery', '#script-panel', '#value-h', '#timeline']
             .map(s => [s, document.querySelector(s).getBoundingClientRect().top]))"""
    )
    assert tops[".recovery"] < tops["#script-panel"] < tops["#value-h"] < tops["#timeline"], tops
