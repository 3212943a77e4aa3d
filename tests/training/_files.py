"""A small valid module in both languages, written to a folder, for tests to break."""

from __future__ import annotations

from pathlib import Path

FRONT = """---
id: sample
title: {title}
version: 1
status: published
language: {language}
estimated_minutes: 10
audience: [frontline]
due_within_days: 30
recertify_after_days: 365
pass_mark: 80
attempts: 3
doctrine: [commandments]
change: major
---
{intro}

## {first} {{#lesson-one}}

{text} one.

## {second} {{#lesson-two}}

{text} two.
"""

QUIZ = """questions:
{singles}
  - id: q5
    type: scenario
    prompt: {prompt}
    tags: [commandment-07]
    explanation: {explanation}
    start: n1
    nodes:
      - id: n1
        text: {prompt}
        choices:
          - id: a
            text: {right}
            correct: true
            feedback: {right}
            next: n2
          - id: b
            text: {wrong}
            correct: false
            feedback: {wrong}
      - id: n2
        text: {prompt}
        choices:
          - id: a
            text: {right}
            correct: true
            feedback: {right}
"""

SINGLE = """  - id: q{n}
    type: single
    prompt: {prompt} {n}
    explanation: {explanation}
    choices:
      - id: a
        text: {right}
        correct: true
        feedback: {right}
      - id: b
        text: {wrong}
        correct: false
        feedback: {wrong}"""

WORDS = {
    "es": dict(
        title="Muestra", intro="Para qué sirve.", first="Primera", second="Segunda",
        text="Texto de la lección", prompt="¿Qué hace?", explanation="Porque sí.",
        right="Lo correcto", wrong="Lo incorrecto",
    ),
    "en": dict(
        title="Sample", intro="What it is for.", first="First", second="Second",
        text="Lesson text", prompt="What do you do?", explanation="Because.",
        right="The right thing", wrong="The wrong thing",
    ),
}  # fmt: skip
NAMES = {"es": ("module.md", "quiz.yaml"), "en": ("module.en.md", "quiz.en.yaml")}


def module_folder(root: Path, name: str = "sample") -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for language, (module_name, quiz_name) in NAMES.items():
        words = WORDS[language]
        text = FRONT.format(language=language, **words).replace("id: sample", f"id: {name}")
        (folder / module_name).write_text(text, encoding="utf-8")
        singles = "\n".join(SINGLE.format(n=n, **words) for n in range(1, 5))
        (folder / quiz_name).write_text(QUIZ.format(singles=singles, **words), encoding="utf-8")
    return folder


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")
