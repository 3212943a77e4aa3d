"""A save through htmx while another process holds the database's write lock: the card
says the system is busy above the form, keeps what was typed, and the same button
saves it once the lock is gone."""

import re
import sqlite3

import sqlalchemy as sa
from playwright.sync_api import expect


def test_a_busy_save_says_so_keeps_the_form_and_saves_on_retry(page, base_url, sign_in, live_app):
    app, _url = live_app
    path = sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in("frontline")
    page.goto(f"{base_url}/customers/search?q=jose nunez")
    page.locator("#lookup-list a").first.click()
    expect(page).to_have_url(re.compile(r"/customers/\d+\?via=search$"))
    form = page.locator("#interaction-form")
    form.get_by_label("Notes").fill("Asked for the invoice again")
    lock = sqlite3.connect(path, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    try:  # the app waits its busy timeout (5 s), then answers 503
        with page.expect_response(lambda r: "/interactions" in r.url, timeout=30_000) as answer:
            form.get_by_role("button", name="Save interaction").click()
        assert answer.value.status == 503
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    note = page.locator(".busy-note")
    expect(note).to_contain_text("Nothing was saved; try again.")
    expect(note).to_have_attribute("role", "alert")
    expect(page.locator("#i-notes")).to_have_value("Asked for the invoice again")
    with page.expect_response(lambda r: "/interactions" in r.url) as answer:
        form.get_by_role("button", name="Save interaction").click()
    assert answer.value.status == 200
    expect(page.get_by_text("Interaction saved.")).to_be_visible()
    expect(page.locator(".busy-note")).to_have_count(0)
