"""The demo company's training record: assignments, lessons read, quiz attempts answer
by answer, completions, so that "My training" and the trainers' reports have real
records to compute from.

Each employee gets an ability and each question a difficulty; an answer is right with
the logistic chance of the difference (a one-parameter item response model), so the
reports' difficulty and discrimination figures come out as such data would give them.
Scenarios are walked step by step with the grading rules, as a learner would. The
demo's own frontline login gets a record that shows every state at once: done, passed
after failing once, half read, not started, overdue.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

import numpy as np
import sqlalchemy as sa

from portal.auth.models import Role, User, user_roles
from portal.demo.generate import DEMO_LOGINS, rng_for
from portal.extensions import db
from portal.training import grading
from portal.training.learning import completion_of, questions_of
from portal.training.models import Answer, Assignment, Attempt, LessonProgress
from portal.training.queries import modules_newest

# Days from today to each module's due date, in slug order: two already past.
DUE_OFFSETS = (-21, -6, 9, 23, 40)
SHOWCASE = DEMO_LOGINS[0][0]
# The showcase login, module by module (slug order, due as in DUE_OFFSETS): passed;
# nothing yet, so overdue; failed once, then passed; half read; nothing yet.
SHOWCASE_PLAN = ("pass", "none", "fail-pass", "reading", "none")


def training_build(*, seed: int, today: date) -> dict[str, int]:
    """Write the training record for every frontline employee; returns row counts."""
    rng = rng_for(seed, 9)
    modules = sorted(
        (m for m in modules_newest(published_only=True) if m.language == "es"),
        key=lambda m: m.slug,
    )
    trainer = db.session.scalar(sa.select(User).where(User.email == DEMO_LOGINS[1][0]))
    learners = list(
        db.session.scalars(
            sa.select(User)
            .join(user_roles, user_roles.c.user_id == User.id)
            .join(Role, Role.id == user_roles.c.role_id)
            .where(Role.name == "frontline")
            .order_by(User.id)
        )
    )
    if not modules or not learners:
        return {}
    counts = dict.fromkeys(("assignments", "attempts", "answers", "completions"), 0)
    for module, offset in zip(modules, DUE_OFFSETS, strict=False):
        db.session.add(
            Assignment(
                module_slug=module.slug,
                role="frontline",
                due_on=today + timedelta(days=offset),
                assigned_by_id=trainer.id if trainer else None,
                created_at=_moment(today, offset - module.due_within_days, 9),
            )
        )
        counts["assignments"] += 1
    difficulty = {(m.slug, q.id): rng.normal(0.0, 0.9) for m in modules for q in questions_of(m)}
    for learner in learners:
        ability, diligence = rng.normal(0.0, 1.0), rng.random()
        for index, (module, offset) in enumerate(zip(modules, DUE_OFFSETS, strict=False)):
            if learner.email == SHOWCASE:
                plan = SHOWCASE_PLAN[index]
            else:
                plan = _plan(rng, diligence, offset)
            _learn(rng, learner, module, offset, today, plan, ability, difficulty, counts)
    db.session.commit()
    return {f"training_{name}": value for name, value in counts.items()}


def _plan(rng: np.random.Generator, diligence: float, offset: int) -> str:
    """What an employee has done so far on a module due `offset` days from today."""
    start_chance = (0.9 if offset < 0 else 0.55) * (0.45 + diligence * 0.6)
    roll = rng.random()
    if roll < start_chance:
        return "take"
    return "reading" if roll < start_chance + 0.12 else "none"


def _moment(today: date, days: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(today + timedelta(days=days), time(hour, minute))


def _learn(rng, learner, module, offset, today, plan, ability, difficulty, counts) -> None:
    lessons = [lesson.slug for lesson in module.lessons]
    if plan == "none" or not lessons:
        return
    read = lessons if plan != "reading" else lessons[: max(1, len(lessons) // 2)]
    # Work happens some days before the due date, never in the future.
    day = min(-1, offset - int(rng.integers(1, 12)))
    db.session.add(
        LessonProgress(
            user_id=learner.id,
            module_slug=module.slug,
            lesson_slug=read[-1],
            lessons_seen=read,
            updated_at=_moment(today, day, 10),
        )
    )
    if plan == "reading":
        return
    forced = {"pass": [True], "fail-pass": [False, True]}.get(plan)
    for number in range(module.attempts):
        want = forced[number] if forced else None
        passed = _attempt(
            rng,
            learner,
            module,
            _moment(today, day, 11, number * 20),
            ability,
            difficulty,
            want,
            counts,
        )
        if passed or (forced is not None and number + 1 >= len(forced)):
            break
        if forced is None and rng.random() < 0.35:
            break  # gave up for now
        ability += 0.6  # a retry after the feedback goes better


def _attempt(rng, learner, module, started, ability, difficulty, want, counts) -> bool:
    questions = questions_of(module)
    attempt = Attempt(
        user_id=learner.id,
        module=module,
        seed=int(rng.integers(0, 2**31)),
        started_at=started,
    )
    db.session.add(attempt)
    given: list[grading.Given] = []
    moment, wrong = started, 0
    while (step := grading.next_step(questions, given)) is not None:
        if want is None:
            gap = 1.1 * ability - difficulty[(module.slug, step.question.id)] + 2.2
            right = rng.random() < 1 / (1 + math.exp(-gap))
        else:  # the showcase: a sure pass, or a fail with at least two wrong steps
            right = want or (wrong >= 2 and rng.random() < 0.5)
        wrong += not right
        choices = _answer(rng, step, right)
        answer = grading.check_answer(step, step.question.id, step.node, choices)
        given.append(answer)
        moment += timedelta(seconds=int(rng.integers(20, 90)))
        attempt.answers.append(
            Answer(
                qid=answer.qid,
                node=answer.node,
                choices=list(answer.choices),
                correct=grading.is_correct(step, answer),
                answered_at=moment,
            )
        )
        counts["answers"] += 1
    result = grading.score(questions, given)
    attempt.submitted_at = moment
    attempt.score, attempt.max_score = result.points, result.out_of
    attempt.passed = result.passes(module.pass_mark)
    counts["attempts"] += 1
    if attempt.passed:
        db.session.flush()
        db.session.add(completion_of(attempt, result.percent))
        counts["completions"] += 1
    return bool(attempt.passed)


def _answer(rng: np.random.Generator, step: grading.Step, right: bool) -> list[str]:
    """The options a learner picks: the right set, or a plausible wrong one."""
    choices = step.choices
    good = [c.id for c in choices if c.correct]
    bad = [c.id for c in choices if not c.correct]
    if step.question.type == "multiple":
        if right or not bad:
            return good
        return sorted({*good[: max(1, len(good) - 1)], str(rng.choice(bad))})
    if right or not bad:
        return [str(rng.choice(good))]
    return [str(rng.choice(bad))]
