"""Taking a quiz, without an app: steps, branching, answers out of turn, scores."""

from __future__ import annotations

import pytest

from portal.training.grading import (
    AnswerError,
    Given,
    check_answer,
    next_step,
    question_correct,
    score,
    shuffled,
)
from portal.training.quiz import Choice, Node, Question

SINGLE = Question(
    "q1",
    "single",
    "P",
    "E",
    choices=(Choice("a", "A", True, "fa"), Choice("b", "B", False, "fb")),
)
MULTIPLE = Question(
    "q2",
    "multiple",
    "P",
    "E",
    choices=(
        Choice("a", "A", True, "f"),
        Choice("b", "B", True, "f"),
        Choice("c", "C", False, "f"),
    ),
)
SCENARIO = Question(
    "q3",
    "scenario",
    "P",
    "E",
    start="n1",
    nodes=(
        Node("n1", "N1", (Choice("a", "A", True, "f", "n2"), Choice("b", "B", False, "f"))),
        Node("n2", "N2", (Choice("a", "A", True, "f"), Choice("b", "B", False, "f", "n3"))),
        Node("n3", "N3", (Choice("a", "A", True, "f"),)),
    ),
)
QUIZ = (SINGLE, MULTIPLE, SCENARIO)


def test_steps_follow_the_questions_then_the_branches():
    answers: list[Given] = []
    step = next_step(QUIZ, answers)
    assert (step.question.id, step.node) == ("q1", "")
    answers.append(Given("q1", "", ("a",)))
    answers.append(Given("q2", "", ("a", "b")))
    step = next_step(QUIZ, answers)
    assert (step.question.id, step.node, step.text) == ("q3", "n1", "N1")
    answers.append(Given("q3", "n1", ("a",)))
    assert next_step(QUIZ, answers).node == "n2"
    answers.append(Given("q3", "n2", ("a",)))  # ends the scenario
    assert next_step(QUIZ, answers) is None
    assert score(QUIZ, answers).points == 3


def test_a_wrong_turn_ends_the_scenario_and_it_scores_zero():
    answers = [Given("q3", "n1", ("b",))]
    assert not question_correct(SCENARIO, answers)
    quiz = (SCENARIO,)
    assert next_step(quiz, answers) is None
    detour = [Given("q3", "n1", ("a",)), Given("q3", "n2", ("b",)), Given("q3", "n3", ("a",))]
    assert next_step(quiz, detour) is None and not question_correct(SCENARIO, detour)


def test_multiple_choice_needs_exactly_the_correct_set():
    assert question_correct(MULTIPLE, [Given("q2", "", ("b", "a"))])
    assert not question_correct(MULTIPLE, [Given("q2", "", ("a",))])
    assert not question_correct(MULTIPLE, [Given("q2", "", ("a", "b", "c"))])


@pytest.mark.parametrize(
    ("qid", "node", "choices", "message"),
    [
        ("q2", "", ["a"], "not the one this attempt is at"),
        ("q1", "n1", ["a"], "not the one this attempt is at"),
        ("q1", "", [], "Choose an answer."),
        ("q1", "", ["z"], "not one of the options"),
        ("q1", "", ["a", "b"], "Choose one answer."),
    ],
)
def test_answers_that_do_not_fit_the_step_are_refused(qid, node, choices, message):
    with pytest.raises(AnswerError, match=message):
        check_answer(next_step(QUIZ, []), qid, node, choices)


def test_score_percent_and_pass_mark():
    answers = [Given("q1", "", ("a",)), Given("q2", "", ("a",)), Given("q3", "n1", ("b",))]
    result = score(QUIZ, answers)
    assert (result.points, result.out_of, result.percent) == (1, 3, 33)
    assert result.passes(30) and not result.passes(34)


def test_options_are_shuffled_per_attempt_but_stable_within_it():
    choices = (*MULTIPLE.choices, Choice("d", "D", False, "f"), Choice("e", "E", False, "f"))
    first = [c.id for c in shuffled(choices, 1, "q2")]
    assert first == [c.id for c in shuffled(choices, 1, "q2")]
    orders = {tuple(c.id for c in shuffled(choices, seed, "q2")) for seed in range(20)}
    assert len(orders) > 5 and sorted(first) == ["a", "b", "c", "d", "e"]
