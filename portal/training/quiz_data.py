"""Quizzes as plain data: the canonical quiz.yaml, the JSON stored per question, and
the shape both languages must share. Pure; the inverse of each other."""

from __future__ import annotations

from typing import Any

import yaml

from portal.training.quiz import Choice, Node, Question


def quiz_shape(questions: tuple[Question, ...] | list[Question]) -> list[tuple]:
    def choices(items: tuple[Choice, ...]) -> tuple:
        return tuple((c.id, c.correct, c.next) for c in items)

    return [
        (
            q.id,
            q.type,
            q.tags,
            q.start,
            choices(q.choices),
            tuple((n.id, choices(n.choices)) for n in q.nodes),
        )
        for q in questions
    ]


def _choice_data(choice: Choice, branching: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"id": choice.id, "text": choice.text, "correct": choice.correct}
    data["feedback"] = choice.feedback
    if branching and choice.next:
        data["next"] = choice.next
    return data


def question_data(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {"id": question.id, "type": question.type, "prompt": question.prompt}
    if question.tags:
        data["tags"] = list(question.tags)
    data["explanation"] = question.explanation
    if question.type != "scenario":
        data["choices"] = [_choice_data(c, False) for c in question.choices]
        return data
    data["start"] = question.start
    data["nodes"] = [
        {"id": n.id, "text": n.text, "choices": [_choice_data(c, True) for c in n.choices]}
        for n in question.nodes
    ]
    return data


def dump_quiz(questions: tuple[Question, ...] | list[Question]) -> str:
    """quiz.yaml in canonical form: `parse_quiz` of it gives the same questions."""
    data = {"questions": [question_data(q) for q in questions]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _choice_from(data: dict[str, Any]) -> Choice:
    return Choice(data["id"], data["text"], data["correct"], data["feedback"], data.get("next"))


def question_from_data(data: dict[str, Any]) -> Question:
    """The inverse of `question_data` (for questions read back from the database)."""
    return Question(
        id=data["id"],
        type=data["type"],
        prompt=data["prompt"],
        explanation=data["explanation"],
        tags=tuple(data.get("tags", ())),
        choices=tuple(_choice_from(c) for c in data.get("choices", ())),
        start=data.get("start"),
        nodes=tuple(
            Node(n["id"], n["text"], tuple(_choice_from(c) for c in n["choices"]))
            for n in data.get("nodes", ())
        ),
    )
