"""Quizzes: single choice, multiple choice and branching scenarios. Pure.

`parse_quiz` reads quiz.yaml into Questions and reports every problem with its line;
quiz_data.py writes them back and says what both languages must share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.content_errors import Problem
from portal.training.template import has_words, is_template_prompt
from portal.yamlines import Lined, LinedList, YamlError, load

TYPES = ("single", "multiple", "scenario")
ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
QUESTION_KEYS = {
    "single": ("id", "type", "prompt", "tags", "explanation", "choices"),
    "multiple": ("id", "type", "prompt", "tags", "explanation", "choices"),
    "scenario": ("id", "type", "prompt", "tags", "explanation", "start", "nodes"),
}
CHOICE_KEYS = ("id", "text", "correct", "feedback", "next")
NODE_KEYS = ("id", "text", "choices")


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    correct: bool
    feedback: str
    next: str | None = None


@dataclass(frozen=True)
class Node:
    id: str
    text: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    explanation: str
    tags: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()  # single and multiple
    start: str | None = None  # scenario
    nodes: tuple[Node, ...] = ()  # scenario

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)


class _QuizParser:
    def __init__(self, path: str, unwritten_ok: bool = False) -> None:
        self.path, self.unwritten_ok = path, unwritten_ok
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def unwritten(self, line: int, message: str) -> None:
        """Template words left in: a problem, except while the author is still writing."""
        if not self.unwritten_ok:
            self.problem(line, message)

    def text(self, data: Lined, key: str, what: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(data.line_of(key), f"{what} needs a non-empty '{key}'")
            return ""
        if not has_words(value):
            self.unwritten(
                data.line_of(key), f"{what}: '{key}' has no words in it yet ('{value.strip()}')"
            )
        return value.strip()

    def ident(self, data: Lined, what: str) -> str:
        value = data.get("id")
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not ID.fullmatch(value):
            self.problem(data.line_of("id"), f"{what} needs an 'id' of lowercase letters/digits")
            return ""
        return value

    def keys(self, data: Lined, allowed: tuple[str, ...], what: str) -> None:
        for key in data:
            if key not in allowed:
                self.problem(data.line_of(str(key)), f"unknown key '{key}' in {what}")

    def mapping_list(self, data: Lined, key: str, what: str) -> list[Lined]:
        items = data.get(key)
        if not isinstance(items, LinedList) or not items:
            self.problem(data.line_of(key), f"{what} needs a non-empty list '{key}'")
            return []
        good = [item for item in items if isinstance(item, Lined)]
        if len(good) != len(items):
            self.problem(items.line, f"every item of '{key}' must be a mapping")
        return good

    def unique(self, items: list[tuple[str, int]], what: str) -> None:
        seen: dict[str, int] = {}
        for ident, line in items:
            if ident and ident in seen:
                self.problem(line, f"duplicate {what} id '{ident}' (also line {seen[ident]})")
            seen.setdefault(ident, line)

    def choices(self, data: Lined, what: str, branching: bool) -> tuple[Choice, ...]:
        out = []
        items = self.mapping_list(data, "choices", what)
        for item in items:
            self.keys(item, CHOICE_KEYS if branching else CHOICE_KEYS[:-1], "a choice")
            ident = self.ident(item, "a choice")
            correct = item.get("correct")
            if not isinstance(correct, bool):
                self.problem(
                    item.line_of("correct"), f"choice '{ident}' needs 'correct: true|false'"
                )
            nxt = item.get("next")
            if nxt is not None and not isinstance(nxt, str):
                self.problem(item.line_of("next"), f"choice '{ident}': 'next' must be a node id")
            out.append(
                Choice(
                    ident,
                    self.text(item, "text", f"choice '{ident}'"),
                    correct is True,
                    self.text(item, "feedback", f"choice '{ident}'"),
                    nxt if isinstance(nxt, str) else None,
                )
            )
        self.unique([(c.id, item.line) for c, item in zip(out, items, strict=True)], "choice")
        return tuple(out)

    def question(self, data: Lined) -> Question | None:
        ident = self.ident(data, "a question")
        kind = data.get("type")
        if kind not in TYPES:
            self.problem(
                data.line_of("type"),
                f"question '{ident}': 'type' must be one of {', '.join(TYPES)}",
            )
            return None
        self.keys(data, QUESTION_KEYS[kind], f"a {kind} question")
        tags = data.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            self.problem(data.line_of("tags"), f"question '{ident}': 'tags' must be a list")
            tags = []
        prompt = self.text(data, "prompt", f"question '{ident}'")
        if is_template_prompt(prompt):
            self.unwritten(
                data.line_of("prompt"),
                f"question '{ident}': 'prompt' is still the template's '{prompt}'",
            )
        common = {
            "id": ident,
            "type": kind,
            "prompt": prompt,
            "explanation": self.text(data, "explanation", f"question '{ident}'"),
            "tags": tuple(tags),
        }
        if kind != "scenario":
            choices = self.choices(data, f"question '{ident}'", branching=False)
            self._check_correct(kind, choices, data, ident)
            return Question(**common, choices=choices)
        nodes = []
        node_items = self.mapping_list(data, "nodes", f"scenario '{ident}'")
        for item in node_items:
            self.keys(item, NODE_KEYS, "a scenario node")
            node_id = self.ident(item, "a scenario node")
            choices = self.choices(item, f"node '{node_id}'", branching=True)
            if choices and not any(c.correct for c in choices):
                self.problem(item.line, f"node '{node_id}' has no correct choice")
            nodes.append(Node(node_id, self.text(item, "text", f"node '{node_id}'"), choices))
        self.unique([(n.id, i.line) for n, i in zip(nodes, node_items, strict=True)], "node")
        start = data.get("start")
        question = Question(
            **common, start=start if isinstance(start, str) else None, nodes=tuple(nodes)
        )
        self._check_branches(question, data, node_items)
        return question

    def _check_correct(
        self, kind: str, choices: tuple[Choice, ...], data: Lined, ident: str
    ) -> None:
        correct = sum(c.correct for c in choices)
        if kind == "single" and choices and correct != 1:
            self.problem(
                data.line_of("choices"),
                f"question '{ident}' (single) needs exactly one correct choice, has {correct}",
            )
        if kind == "multiple" and choices and correct < 2:
            self.problem(
                data.line_of("choices"),
                f"question '{ident}' (multiple) needs at least two correct choices, has {correct}",
            )
        if choices and len(choices) < 2:
            self.problem(data.line_of("choices"), f"question '{ident}' needs at least two choices")

    def _check_branches(self, question: Question, data: Lined, node_items: list[Lined]) -> None:
        ids = {node.id for node in question.nodes}
        lines = {node.id: item.line for node, item in zip(question.nodes, node_items, strict=True)}
        if question.start not in ids:
            self.problem(
                data.line_of("start"),
                f"scenario '{question.id}': 'start' must name one of its nodes",
            )
            return
        dangling = [
            (node.id, choice)
            for node in question.nodes
            for choice in node.choices
            if choice.next is not None and choice.next not in ids
        ]
        for node_id, choice in dangling:
            where = f"node '{node_id}', choice '{choice.id}'"
            self.problem(lines[node_id], f"{where}: 'next' names no node '{choice.next}'")
        if dangling:
            return
        reached, looped = _walk(question)
        for node in question.nodes:
            if node.id not in reached:
                self.problem(
                    lines[node.id], f"node '{node.id}' cannot be reached from '{question.start}'"
                )
        if looped:
            self.problem(lines[looped], f"scenario '{question.id}' loops back to node '{looped}'")


def _walk(question: Question) -> tuple[set[str], str | None]:
    """Nodes reachable from the start, and a node some path returns to (a loop)."""
    reached: set[str] = set()
    looped = None

    def visit(node_id: str, path: tuple[str, ...]) -> None:
        nonlocal looped
        if node_id in path:
            looped = looped or node_id
            return
        reached.add(node_id)
        node = question.node(node_id)
        for choice in node.choices if node else ():
            if choice.next:
                visit(choice.next, (*path, node_id))

    visit(question.start or "", ())
    return reached, looped


def parse_quiz(
    text: str, path: str, unwritten_ok: bool = False
) -> tuple[list[Question], list[Problem]]:
    """The questions and every problem; `unwritten_ok` lets the template's words through
    (the editors read a new module's quiz; review and publishing do not)."""
    parser = _QuizParser(path, unwritten_ok)
    try:
        data = load(text)
    except YamlError as error:
        return [], [Problem(path, error.line, error.message)]
    if not isinstance(data, Lined) or "questions" not in data:
        return [], [Problem(path, 1, "a quiz is a mapping with a list 'questions'")]
    parser.keys(data, ("questions",), "the quiz")
    questions = []
    items = parser.mapping_list(data, "questions", "the quiz")
    for item in items:
        question = parser.question(item)
        if question is not None:
            questions.append(question)
    parser.unique([(q.id, i.line) for q, i in zip(questions, items, strict=False)], "question")
    return questions, parser.problems


def quiz_problems(questions: list[Question], path: str, minimum: int) -> list[Problem]:
    problems = []
    if len(questions) < minimum:
        problems.append(
            Problem(path, 1, f"a module needs at least {minimum} questions, has {len(questions)}")
        )
    if not any(q.type == "scenario" for q in questions):
        problems.append(Problem(path, 1, "a module needs at least one scenario question"))
    return problems
