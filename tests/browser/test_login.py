"""Each demo login signs in through the form, lands on its home page, and signs out."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import demo_first_name

pytestmark = pytest.mark.browser

HOME_SECTION = {
    "frontline": "Your promises due this week",
    "trainer": "Where customers were unhappy, last 30 days",
    "manager": "Your teams, last 30 days",
    "admin": "Active users by role",
}
WRONG = "That e-mail and password do not match an active account."


@pytest.mark.parametrize("role", sorted(HOME_SECTION))
def test_demo_login_signs_in_lands_home_and_signs_out(page, base_url, sign_in, role):
    sign_in(role)
    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {demo_first_name(role)}")
    expect(page.get_by_role("heading", name=HOME_SECTION[role])).to_be_visible()
    expect(page.locator("header a[href='/profile']")).to_contain_text(demo_first_name(role))

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.goto(f"{base_url}/")  # signed out for real: home sends back to the login page
    expect(page).to_have_url(re.compile(r"/login"))


def test_wrong_password_shows_the_generic_message(page, base_url, sign_in):
    sign_in("frontline", password="not-the-password")
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("alert")).to_have_text(WRONG)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
