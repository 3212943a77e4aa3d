"""The quiz editor in Chromium: a button redraws the form in place (htmx), typing in
both languages and saving writes both quiz files of the draft."""

import re

from playwright.sync_api import expect


def test_add_an_answer_in_place_and_save_both_languages(page, base_url, sign_in):
    sign_in("trainer")
    page.goto(f"{base_url}/training/authoring")
    page.get_by_label("Module id").fill("editor-check")
    page.get_by_role("button", name="Start a new module").click()
    page.get_by_role("link", name="Edit the quiz question by question").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quiz of editor-check")
    page.evaluate("window.stillThisPage = true")
    page.get_by_role("button", name="Add an answer").first.click()
    expect(page.get_by_text("Changed, not saved yet.")).to_be_visible()
    assert page.evaluate("window.stillThisPage === true")  # swapped in place, not reloaded
    page.locator("textarea[name='q-0-c-2-text-es']").fill("Una tercera opción")
    page.locator("textarea[name='q-0-c-2-text-en']").fill("A third option")
    page.locator("textarea[name='q-0-c-2-feedback-es']").fill("No es la mejor.")
    page.locator("textarea[name='q-0-c-2-feedback-en']").fill("Not the best one.")
    page.get_by_role("button", name="Save quiz").click()
    expect(page.locator("#quiz-editor")).to_contain_text("Quiz saved.")
    # the template's prompts are still there, and the check names them
    expect(page.locator("#quiz-editor")).to_contain_text("'prompt' is still the template's")
    page.goto(f"{base_url}/training/authoring/editor-check/edit")
    expect(page.get_by_label("quiz.en.yaml", exact=True)).to_have_value(
        re.compile("text: A third option")
    )
    expect(page.get_by_label("quiz.yaml", exact=True)).to_have_value(
        re.compile("text: Una tercera opción")
    )
