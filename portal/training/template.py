"""The texts a new module starts from, and how to tell they are still there. Pure.

A new module is written from this template so that its files have the right shape;
the content check refuses the template's own words and answers with no words in them,
so that a learner never reads "Module title" or "…"."""

from __future__ import annotations

import re

# Per language: module title, first lesson's title, its text, the question prompt.
TEMPLATE = {
    "es": ("Título del módulo", "Primera lección", "Texto de la lección.", "¿Pregunta?"),
    "en": ("Module title", "First lesson", "Lesson text.", "Question?"),
}
PLACEHOLDER = "…"  # what the template puts in every answer, explanation and feedback

TITLES = {texts[0] for texts in TEMPLATE.values()}
LESSON_TITLES = {texts[1] for texts in TEMPLATE.values()}
LESSON_TEXTS = {texts[2] for texts in TEMPLATE.values()}
PROMPT = re.compile(
    "^(?:" + "|".join(re.escape(texts[3]) for texts in TEMPLATE.values()) + r")(?:\s*\d+)?$"
)


def has_words(text: str) -> bool:
    """False for a text of only punctuation and spaces, such as the template's '…'."""
    return any(char.isalnum() for char in text)


def is_template_prompt(text: str) -> bool:
    return PROMPT.match(text.strip()) is not None
