"""Each demo role signs in through the form, lands on its home page, and signs out."""

import re

import pytest
from playwright.sync_api import expect

HOME_SECTION = {
    "frontline": "Your promises due this week",
    "trainer": "Where customers were unhappy, last 30 days",
    "manager": "Your teams, last 30 days",
    "admin": "Active users by role",
}


@pytest.mark.parametrize("role", sorted(HOME_SECTION))
def test_role_signs_in_lands_home_and_signs_out(page, base_url, sign_in, role):
    sign_in(role)
    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Demo")
    expect(page.get_by_role("heading", name=HOME_SECTION[role])).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_wrong_password_shows_the_generic_message(page, base_url, sign_in):
    sign_in("frontline", password="not-the-password")
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_role("alert")).to_have_text(
        "That e-mail and password do not match an active account."
    )
