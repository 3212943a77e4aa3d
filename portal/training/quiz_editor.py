"""The quiz editor's model: both languages of a module's quiz as one structure. Pure.

What both languages must share (ids, types, tags, which answers are right, where a
scenario branch leads) is one field; what is said (prompts, answers, feedback,
explanations) has a Spanish and an English field side by side. So a trainer who adds a
question or an answer adds it to both files at once, and the two quiz files can never
drift apart in shape. The editor posts flat field names (`q-0-c-1-text-en`); `from_form`
reads them back, `apply` performs the buttons (add or remove a question, an answer or a
scenario step), and `to_questions` gives each language's questions for `dump_quiz`.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field

from portal.training.quiz import TYPES, Choice, Node, Question
from portal.training.quiz_data import quiz_shape

LANGUAGES = ("es", "en")
MAX_QUESTIONS, MAX_CHOICES, MAX_NODES = 40, 8, 12
MAX_TEXT = 4000


def _texts() -> dict[str, str]:
    return dict.fromkeys(LANGUAGES, "")


@dataclass
class EditChoice:
    id: str
    correct: bool = False
    next: str = ""  # scenario: the step it leads to; empty ends the scenario
    text: dict[str, str] = field(default_factory=_texts)
    feedback: dict[str, str] = field(default_factory=_texts)


@dataclass
class EditNode:
    id: str
    text: dict[str, str] = field(default_factory=_texts)
    choices: list[EditChoice] = field(default_factory=list)


@dataclass
class EditQuestion:
    id: str
    type: str = "single"
    tags: str = ""  # comma-separated, as typed
    start: str = ""
    prompt: dict[str, str] = field(default_factory=_texts)
    explanation: dict[str, str] = field(default_factory=_texts)
    choices: list[EditChoice] = field(default_factory=list)
    nodes: list[EditNode] = field(default_factory=list)


class NotEditable(ValueError):
    """The two quiz files do not share one shape, so they cannot be edited as one."""


# --- questions <-> the editor's structure -------------------------------------------------


def from_questions(es: list[Question], en: list[Question]) -> list[EditQuestion]:
    if quiz_shape(es) != quiz_shape(en):
        raise NotEditable("the Spanish and English quizzes differ in shape")
    return [_question(pair) for pair in zip(es, en, strict=True)]


def _both(pair: tuple, name: str) -> dict[str, str]:
    return {language: getattr(item, name) for language, item in zip(LANGUAGES, pair, strict=True)}


def _choice(pair: tuple[Choice, Choice]) -> EditChoice:
    first = pair[0]
    return EditChoice(
        id=first.id,
        correct=first.correct,
        next=first.next or "",
        text=_both(pair, "text"),
        feedback=_both(pair, "feedback"),
    )


def _question(pair: tuple[Question, Question]) -> EditQuestion:
    first = pair[0]
    return EditQuestion(
        id=first.id,
        type=first.type,
        tags=", ".join(first.tags),
        start=first.start or "",
        prompt=_both(pair, "prompt"),
        explanation=_both(pair, "explanation"),
        choices=[_choice(c) for c in zip(pair[0].choices, pair[1].choices, strict=True)],
        nodes=[
            EditNode(
                id=n_es.id,
                text={"es": n_es.text, "en": n_en.text},
                choices=[_choice(c) for c in zip(n_es.choices, n_en.choices, strict=True)],
            )
            for n_es, n_en in zip(pair[0].nodes, pair[1].nodes, strict=True)
        ],
    )


def to_questions(items: list[EditQuestion], language: str) -> list[Question]:
    """One language's questions, as typed (checking them is parse_quiz's job)."""

    def choices(values: list[EditChoice], branching: bool) -> tuple[Choice, ...]:
        return tuple(
            Choice(
                c.id,
                c.text[language],
                c.correct,
                c.feedback[language],
                (c.next or None) if branching else None,
            )
            for c in values
        )

    out = []
    for q in items:
        scenario = q.type == "scenario"
        out.append(
            Question(
                id=q.id,
                type=q.type,
                prompt=q.prompt[language],
                explanation=q.explanation[language],
                tags=tuple(t.strip() for t in q.tags.split(",") if t.strip()),
                choices=() if scenario else choices(q.choices, False),
                start=(q.start or None) if scenario else None,
                nodes=tuple(Node(n.id, n.text[language], choices(n.choices, True)) for n in q.nodes)
                if scenario
                else (),
            )
        )
    return out


# --- the posted form ------------------------------------------------------------------------


def _get(form: Mapping[str, str], name: str) -> str:
    return str(form.get(name, "") or "").replace("\r\n", "\n")[:MAX_TEXT]


def _texts_from(form: Mapping[str, str], prefix: str) -> dict[str, str]:
    return {language: _get(form, f"{prefix}-{language}") for language in LANGUAGES}


def _present(form: Mapping[str, str], stem: str, limit: int):
    """`stem-0`, `stem-1`, ... for as long as the form holds that item's id."""
    for i in range(limit):
        name = f"{stem}-{i}"
        if f"{name}-id" not in form:
            return
        yield name


def _choices_from(form: Mapping[str, str], prefix: str) -> list[EditChoice]:
    return [
        EditChoice(
            id=_get(form, f"{name}-id").strip(),
            correct=f"{name}-correct" in form,
            next=_get(form, f"{name}-next").strip(),
            text=_texts_from(form, f"{name}-text"),
            feedback=_texts_from(form, f"{name}-feedback"),
        )
        for name in _present(form, f"{prefix}-c", MAX_CHOICES)
    ]


def from_form(form: Mapping[str, str]) -> list[EditQuestion]:
    """The editor's structure from its posted fields; missing fields read as empty."""
    out = []
    for prefix in _present(form, "q", MAX_QUESTIONS):
        kind = _get(form, f"{prefix}-type")
        nodes = [
            EditNode(
                id=_get(form, f"{node}-id").strip(),
                text=_texts_from(form, f"{node}-text"),
                choices=_choices_from(form, node),
            )
            for node in _present(form, f"{prefix}-n", MAX_NODES)
        ]
        out.append(
            EditQuestion(
                id=_get(form, f"{prefix}-id").strip(),
                type=kind if kind in TYPES else "single",
                tags=_get(form, f"{prefix}-tags"),
                start=_get(form, f"{prefix}-start").strip(),
                prompt=_texts_from(form, f"{prefix}-prompt"),
                explanation=_texts_from(form, f"{prefix}-explanation"),
                choices=_choices_from(form, prefix),
                nodes=nodes,
            )
        )
    return out


def normalise(items: list[EditQuestion]) -> list[EditQuestion]:
    """Keep what was typed when a question changes type: a question turned into a
    scenario gets one step holding its answers; a scenario turned into a plain question
    takes the answers of its first step."""
    for q in items:
        if q.type == "scenario" and not q.nodes:
            q.start = q.start or "n1"
            q.nodes = [EditNode(id=q.start, choices=q.choices or [_new_choice([])])]
            q.choices = []
        elif q.type != "scenario" and not q.choices and q.nodes:
            q.choices = [dataclasses.replace(c, next="") for c in q.nodes[0].choices]
            q.nodes, q.start = [], ""
    return items


# --- the buttons ----------------------------------------------------------------------------

ACTION = re.compile(
    r"(?P<verb>add-question|add-choice|add-node|remove-question|remove-choice|remove-node"
    r"|move-up|move-down)"
    r"(?::(?P<a>\d+))?(?::(?P<b>\d+))?(?::(?P<c>\d+))?"
)


def _free(taken: list[str], candidates) -> str:
    return next(c for c in candidates if c not in taken)


def _letters():
    yield from string.ascii_lowercase
    yield from (f"{x}{y}" for x in string.ascii_lowercase for y in string.ascii_lowercase)


def _numbered(prefix: str):
    n = 1
    while True:
        yield f"{prefix}{n}"
        n += 1


def _new_choice(choices: list[EditChoice]) -> EditChoice:
    return EditChoice(id=_free([c.id for c in choices], _letters()))


def _new_question(items: list[EditQuestion], kind: str) -> EditQuestion:
    question = EditQuestion(id=_free([q.id for q in items], _numbered("q")), type=kind)
    if kind == "scenario":
        question.start = "n1"
        question.nodes = [EditNode(id="n1")]
        question.nodes[0].choices = [_new_choice([]), EditChoice(id="b")]
    else:
        question.choices = [_new_choice([]), EditChoice(id="b")]
    return question


def apply(items: list[EditQuestion], action: str) -> list[EditQuestion]:
    """The structure after one button: `add-question:single`-style verbs take the type;
    the others (`move-up:2` moves the third question up) take the positions of the
    question, step and answer they act on. An action that names nothing that exists, or
    would pass a limit, changes nothing."""
    items = normalise(copy.deepcopy(items))
    if action.startswith("add-question:"):
        kind = action.split(":", 1)[1]
        if kind in TYPES and len(items) < MAX_QUESTIONS:
            items.append(_new_question(items, kind))
        return items
    match = ACTION.fullmatch(action)
    if match is None:
        return items
    verb = match["verb"]
    a, b, c = (int(match[k]) if match[k] is not None else None for k in "abc")
    if a is None or a >= len(items):
        return items
    if verb in ("remove-question", "move-up", "move-down"):
        _change_questions(items, verb, a)
    elif verb in ("add-node", "remove-node"):
        _change_nodes(items[a], verb, b)
    else:
        _change_choices(items[a], verb, b, c)
    return items


def _change_questions(items: list[EditQuestion], verb: str, a: int) -> None:
    if verb == "remove-question":
        del items[a]
        return
    other = a - 1 if verb == "move-up" else a + 1
    if 0 <= other < len(items):
        items[a], items[other] = items[other], items[a]


def _change_nodes(question: EditQuestion, verb: str, b: int | None) -> None:
    if verb == "add-node" and len(question.nodes) < MAX_NODES:
        node_id = _free([n.id for n in question.nodes], _numbered("n"))
        question.nodes = [*question.nodes, EditNode(id=node_id, choices=[_new_choice([])])]
    elif verb == "remove-node" and b is not None and b < len(question.nodes):
        question.nodes = [n for i, n in enumerate(question.nodes) if i != b]


def _change_choices(question: EditQuestion, verb: str, b: int | None, c: int | None) -> None:
    if question.type == "scenario":
        if b is None or b >= len(question.nodes):
            return
        holder, index = question.nodes[b], c
    else:
        holder, index = question, b
    choices = list(holder.choices)
    if verb == "add-choice" and len(choices) < MAX_CHOICES:
        choices.append(_new_choice(choices))
    elif verb == "remove-choice" and index is not None and index < len(choices):
        del choices[index]
    holder.choices = choices
