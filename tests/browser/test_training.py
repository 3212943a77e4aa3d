"""A trainer writes a module with a scenario question, a second trainer publishes it, a
frontline employee takes it (failing once, then passing), and the report shows it."""

import re

from playwright.sync_api import expect

MODULE = """---
id: counter-basics
title: {title}
version: 1
status: draft
language: {language}
estimated_minutes: 5
audience: [frontline]
due_within_days: 14
recertify_after_days: 365
pass_mark: 80
attempts: 3
doctrine: [commandments]
change: major
---
## {lesson} {{#counter-greeting}}

{text}
"""
SINGLE = """- id: q{n}
  type: single
  prompt: {prompt} {n}
  explanation: {explanation}
  choices:
  - id: a
    text: {right} {n}
    correct: true
    feedback: {good}
  - id: b
    text: {wrong} {n}
    correct: false
    feedback: {bad}
"""
SCENARIO = """- id: q5
  type: scenario
  prompt: {situation}
  explanation: {explanation}
  start: n1
  nodes:
  - id: n1
    text: {step1}
    choices:
    - id: a
      text: {right} step 1
      correct: true
      feedback: {good}
      next: n2
    - id: b
      text: {wrong} step 1
      correct: false
      feedback: {bad}
  - id: n2
    text: {step2}
    choices:
    - id: a
      text: {right} step 2
      correct: true
      feedback: {good}
    - id: b
      text: {wrong} step 2
      correct: false
      feedback: {bad}
"""
WORDS = {
    "es": dict(
        title="Atención en mostrador", lesson="Saludar primero", text="Salude antes de nada.",
        prompt="Pregunta", explanation="Así se hace.", right="Bien", wrong="Mal",
        good="Correcto.", bad="No.", situation="Una clienta llega enfadada al mostrador.",
        step1="Le cuenta el problema.", step2="Pide una solución.",
    ),
    "en": dict(
        title="Counter basics", lesson="Greet first", text="Greet before anything else.",
        prompt="Question", explanation="That is how.", right="Right", wrong="Wrong",
        good="Correct.", bad="No.", situation="An upset customer comes to the counter.",
        step1="She tells you the problem.", step2="She asks for a solution.",
    ),
}  # fmt: skip


def files(language: str) -> tuple[str, str]:
    words = WORDS[language]
    quiz = "questions:\n" + "".join(SINGLE.format(n=n, **words) for n in range(1, 5))
    return MODULE.format(language=language, **words), quiz + SCENARIO.format(**words)


def save_and_send_for_review(page):
    """Save the draft open on the page, send it for review, and see it wait for approval."""
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").first).to_contain_text("Draft saved.")
    page.get_by_role("button", name="Send for review").click()
    expect(
        page.get_by_text("Another trainer or a manager approves and publishes it.")
    ).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def take_quiz(page, right: bool):
    """Start or retry, then answer every step with the right (or a wrong) option."""
    page.get_by_role("button", name=re.compile("Take the quiz|Try again")).click()
    expect(page.locator("#quiz")).to_contain_text("Question 1 of 5")
    word = "Right" if right else "Wrong"
    for _ in range(10):  # at most 6 steps in this quiz
        expect(page.locator("#quiz")).to_be_visible()
        if page.locator("#quiz .review").count():
            break
        page.locator("#quiz label", has_text=word).first.click()
        with page.expect_response(
            lambda r: "/training/attempts/" in r.url and r.request.method == "POST"
        ):
            page.get_by_role("button", name="Answer").click()
        page.wait_for_load_state()
    expect(page.locator("#quiz")).to_contain_text("Passed" if right else "Not passed")


def test_write_publish_take_and_report(page, base_url, sign_in):
    sign_in("trainer")
    page.goto(f"{base_url}/training/authoring")
    page.get_by_label("Module id").fill("counter-basics")
    page.get_by_role("button", name="Start a new module").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Draft of counter-basics")
    for language, (module_field, quiz_field) in {
        "es": ("module.md", "quiz.yaml"),
        "en": ("module.en.md", "quiz.en.yaml"),
    }.items():
        module_text, quiz_text = files(language)
        page.get_by_label(module_field, exact=True).fill(module_text)
        page.get_by_label(quiz_field, exact=True).fill(quiz_text)
    expect(page.locator("#preview")).to_contain_text("Every check passes.")
    expect(page.locator("#preview")).to_contain_text("Greet before anything else.")
    save_and_send_for_review(page)
    sign_out(page)

    sign_in("trainer2")
    page.goto(f"{base_url}/training/authoring/counter-basics/edit")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("status").first).to_contain_text("Version 1 published.")
    page.goto(f"{base_url}/training/assignments")
    page.get_by_label("Module").select_option("counter-basics")
    page.get_by_label("Assign to").select_option("role:frontline")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("status").first).to_contain_text("Module assigned.")
    sign_out(page)

    sign_in("frontline")
    page.goto(f"{base_url}/training/")
    row = page.locator("tr", has_text="Counter basics")
    expect(row).to_contain_text("Assigned")
    row.get_by_role("link", name="Counter basics").click()
    take_quiz(page, right=False)
    expect(page.locator(".review")).to_contain_text("No.")  # feedback per answer
    take_quiz(page, right=True)
    page.goto(f"{base_url}/training/")
    expect(page.locator("tr", has_text="Counter basics")).to_contain_text("Done")
    sign_out(page)

    sign_in("trainer")
    page.goto(f"{base_url}/training/reports?module=counter-basics")
    expect(page.locator("table").first).to_contain_text("Counter basics")
    questions = page.locator("table", has_text="Discrimination")
    expect(questions.locator("tr", has_text="Question 1")).to_contain_text("50%")
    expect(questions.locator("tr", has_text="An upset customer")).to_contain_text("2")
