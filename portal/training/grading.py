"""Taking a quiz: which step comes next, what an answer is worth, the final score. Pure.

An attempt is a list of answers in the order given. A single or multiple choice
question takes one answer; a scenario takes one per node visited, following each
chosen option's `next` until an option ends it. A question scores 1 when right: the
exact set of correct options, or (scenario) a finished path of correct options only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from portal.training.quiz import Choice, Question


@dataclass(frozen=True)
class Given:
    """One answer as stored: question, scenario node ('' elsewhere), chosen options."""

    qid: str
    node: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """What the learner answers now: a question, and for a scenario the node."""

    question: Question
    node: str = ""

    @property
    def text(self) -> str:
        if self.question.type != "scenario":
            return self.question.prompt
        return self.question.node(self.node).text

    @property
    def choices(self) -> tuple[Choice, ...]:
        if self.question.type != "scenario":
            return self.question.choices
        return self.question.node(self.node).choices


def N_(message: str) -> str:
    """Marks a message for translation (the view translates it); grading stays pure."""
    return message


class AnswerError(ValueError):
    """An answer that does not fit the step the attempt is at."""


def _path(question: Question, given: dict[tuple[str, str], Given]) -> tuple[list[Given], str]:
    """The scenario answers along the path taken, and the node still open ('' if done)."""
    path, node = [], question.start or ""
    while node:
        answer = given.get((question.id, node))
        if answer is None:
            return path, node
        path.append(answer)
        choice = _choice(question.node(node).choices, answer.choices[0])
        node = choice.next or ""
    return path, ""


def _choice(choices: tuple[Choice, ...], choice_id: str) -> Choice:
    return next(c for c in choices if c.id == choice_id)


def _index(answers: list[Given]) -> dict[tuple[str, str], Given]:
    return {(a.qid, a.node): a for a in answers}


def next_step(questions: tuple[Question, ...], answers: list[Given]) -> Step | None:
    """The first question not fully answered, in the module's order; None when done."""
    given = _index(answers)
    for question in questions:
        if question.type == "scenario":
            _path_taken, open_node = _path(question, given)
            if open_node:
                return Step(question, open_node)
        elif (question.id, "") not in given:
            return Step(question)
    return None


def check_answer(step: Step, qid: str, node: str, choices: list[str]) -> Given:
    """The answer, if it answers `step`; AnswerError (shown as is) if it does not."""
    if qid != step.question.id or node != step.node:
        raise AnswerError(N_("That question is not the one this attempt is at."))
    allowed = {c.id for c in step.choices}
    picked = tuple(dict.fromkeys(choices))
    if not picked:
        raise AnswerError(N_("Choose an answer."))
    if any(c not in allowed for c in picked):
        raise AnswerError(N_("That answer is not one of the options."))
    if step.question.type != "multiple" and len(picked) != 1:
        raise AnswerError(N_("Choose one answer."))
    return Given(qid, node, picked)


def is_correct(step: Step, answer: Given) -> bool:
    """Whether this answer (one step) was right."""
    right = {c.id for c in step.choices if c.correct}
    if step.question.type == "multiple":
        return set(answer.choices) == right
    return answer.choices[0] in right


def question_correct(question: Question, answers: list[Given]) -> bool:
    given = _index(answers)
    if question.type != "scenario":
        answer = given.get((question.id, ""))
        return answer is not None and is_correct(Step(question), answer)
    path, open_node = _path(question, given)
    return bool(path) and not open_node and all(is_correct(Step(question, a.node), a) for a in path)


@dataclass(frozen=True)
class Score:
    points: int
    out_of: int

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.out_of) if self.out_of else 0

    def passes(self, pass_mark: int) -> bool:
        return self.percent >= pass_mark


def score(questions: tuple[Question, ...], answers: list[Given]) -> Score:
    return Score(sum(question_correct(q, answers) for q in questions), len(questions))


def shuffled(choices: tuple[Choice, ...], seed: int, where: str) -> list[Choice]:
    """The options in an order fixed for this attempt and step, different between
    attempts, so nobody learns 'the second one' instead of the answer."""
    order = list(choices)
    random.Random(f"{seed}:{where}").shuffle(order)
    return order
