"""Writes for learners: reading progress, quiz attempts, answers, completions.

Services flush and never commit; the view commits once. Rules about turns, choices
and scores are in grading.py (pure); this module applies them to stored attempts.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from portal.audit.services import audit_record
from portal.auth.models import User
from portal.clock import today, utcnow
from portal.extensions import db
from portal.i18n import N_
from portal.training import grading
from portal.training.models import Answer, Attempt, Completion, LessonProgress, Module
from portal.training.quiz import Question
from portal.training.quiz_data import question_from_data


class LearningError(ValueError):
    """A rule the learner's request broke; `message` is shown (translated) as is."""

    def __init__(self, message: str, **params) -> None:
        super().__init__(message)
        self.message, self.params = message, params


def questions_of(module: Module) -> tuple[Question, ...]:
    return tuple(question_from_data(q.data) for q in module.questions)


def given_of(attempt: Attempt) -> list[grading.Given]:
    return [grading.Given(a.qid, a.node, tuple(a.choices)) for a in attempt.answers]


def progress_record(*, user: User, module: Module, lesson_slug: str) -> LessonProgress:
    progress = db.session.get(LessonProgress, (user.id, module.slug))
    if progress is None:
        progress = LessonProgress(user_id=user.id, module_slug=module.slug, lessons_seen=[])
        db.session.add(progress)
    progress.lesson_slug = lesson_slug
    if lesson_slug not in (progress.lessons_seen or []):
        progress.lessons_seen = [*(progress.lessons_seen or []), lesson_slug]
    progress.updated_at = utcnow()
    db.session.flush()
    return progress


@dataclass(frozen=True)
class Standing:
    """Where a learner stands on one module."""

    completion: Completion | None = None  # the one that counts now
    open_attempt: Attempt | None = None
    used: int = 0  # attempts since the last completion, resets excluded


def standings(user_id: int, slug: str | None = None) -> dict[str, Standing]:
    """Per module slug (or only `slug`): the valid completion (not expired, not re-opened
    by a major change), the open attempt, and the attempts used since the last completion
    (a new cycle begins when a completion expires or is re-opened). Two statements."""
    completions = sa.select(Completion).where(Completion.user_id == user_id)
    attempts = (
        sa.select(Attempt, Module.slug)
        .join(Module, Module.id == Attempt.module_id)
        .where(Attempt.user_id == user_id, Attempt.voided_at.is_(None))
    )
    if slug is not None:
        completions = completions.where(Completion.module_slug == slug)
        attempts = attempts.where(Module.slug == slug)
    last: dict[str, datetime] = {}
    valid: dict[str, Completion] = {}
    for completion in db.session.scalars(completions.order_by(Completion.completed_at)):
        last[completion.module_slug] = completion.completed_at
        counts = completion.reopened_at is None and (
            completion.expires_on is None or completion.expires_on > today()
        )
        if counts:
            valid[completion.module_slug] = completion
    used: dict[str, int] = {}
    open_attempts: dict[str, Attempt] = {}
    for attempt, module_slug in db.session.execute(attempts.order_by(Attempt.started_at)):
        if module_slug not in last or attempt.started_at > last[module_slug]:
            used[module_slug] = used.get(module_slug, 0) + 1
        if attempt.submitted_at is None:
            open_attempts[module_slug] = attempt
    return {
        key: Standing(valid.get(key), open_attempts.get(key), used.get(key, 0))
        for key in {*valid, *open_attempts, *used, *([slug] if slug else [])}
    }


def standing(user_id: int, slug: str) -> Standing:
    return standings(user_id, slug).get(slug, Standing())


def completion_valid(user_id: int, slug: str) -> Completion | None:
    return standing(user_id, slug).completion


def attempts_used(user_id: int, slug: str) -> int:
    return standing(user_id, slug).used


def attempt_open(user_id: int, slug: str) -> Attempt | None:
    return standing(user_id, slug).open_attempt


def attempt_start(*, user: User, module: Module) -> Attempt:
    """Resume the open attempt, or start one if attempts are left and the module is
    not already completed."""
    now = standing(user.id, module.slug)
    if now.open_attempt is not None:
        return now.open_attempt
    if now.completion is not None:
        raise LearningError(N_("You have already completed this module."))
    if now.used >= module.attempts:
        raise LearningError(N_("You have used every attempt. Ask a trainer to reset them."))
    attempt = Attempt(user_id=user.id, module_id=module.id, seed=secrets.randbelow(2**31))
    db.session.add(attempt)
    db.session.flush()
    audit_record(
        actor=user,
        action="quiz.started",
        target_type="training_module",
        target_id=module.id,
        detail={"attempt_id": attempt.id, "version": module.version},
    )
    return attempt


def answer_record(*, user: User, attempt: Attempt, qid: str, node: str, choices: list[str]):
    """Store one answer if it answers the step the attempt is at; finish the attempt
    after its last step. Returns the stored Answer."""
    if attempt.submitted_at is not None:
        raise LearningError(N_("This attempt is already submitted."))
    questions = questions_of(attempt.module)
    step = grading.next_step(questions, given_of(attempt))
    if step is None:
        raise LearningError(N_("This attempt is already submitted."))
    try:
        given = grading.check_answer(step, qid, node, choices)
    except grading.AnswerError as error:
        raise LearningError(str(error)) from error
    answer = Answer(
        attempt=attempt,
        qid=given.qid,
        node=given.node,
        choices=list(given.choices),
        correct=grading.is_correct(step, given),
    )
    db.session.add(answer)
    db.session.flush()
    if grading.next_step(questions, given_of(attempt)) is None:
        _finish(user, attempt, questions)
    return answer


def _finish(user: User, attempt: Attempt, questions: tuple[Question, ...]) -> None:
    module = attempt.module
    result = grading.score(questions, given_of(attempt))
    attempt.submitted_at = utcnow()
    attempt.score, attempt.max_score = result.points, result.out_of
    attempt.passed = result.passes(module.pass_mark)
    detail = {"attempt_id": attempt.id, "score": result.percent, "passed": attempt.passed}
    audit_record(
        actor=user,
        action="quiz.submitted",
        target_type="training_module",
        target_id=module.id,
        detail=detail,
    )
    if attempt.passed:
        db.session.add(completion_of(attempt, result.percent))
    db.session.flush()


def completion_of(attempt: Attempt, percent: int) -> Completion:
    """The completion a passed attempt earns: the exact version, the score, and the day
    it stops counting (the module's recertification interval after submitting)."""
    module, at = attempt.module, attempt.submitted_at
    days = module.recertify_after_days
    return Completion(
        user_id=attempt.user_id,
        module_slug=module.slug,
        module_id=module.id,
        version=module.version,
        attempt_id=attempt.id,
        score_percent=percent,
        completed_at=at,
        expires_on=at.date() + timedelta(days=days) if days else None,
    )


def attempts_reset(*, actor: User, learner_id: int, slug: str) -> int:
    """Give a learner their attempts back: past attempts stop counting (they stay stored,
    with their answers, for the reports). Returns how many were voided."""
    ids = db.session.scalars(
        sa.select(Attempt.id)
        .join(Module, Module.id == Attempt.module_id)
        .where(Attempt.user_id == learner_id, Module.slug == slug, Attempt.voided_at.is_(None))
    ).all()
    if ids:
        db.session.execute(sa.update(Attempt).where(Attempt.id.in_(ids)).values(voided_at=utcnow()))
    audit_record(
        actor=actor,
        action="quiz.attempts_reset",
        target_type="user",
        target_id=learner_id,
        detail={"module": slug, "voided": len(ids)},
    )
    return len(ids)


def learners_out_of_attempts(slug: str, attempts: int, user_ids: list[int] | None = None):
    """(user id, name, attempts used) of learners with no attempt left and no valid
    completion of the module."""
    from portal.auth.models import User as Person

    counted = (
        sa.select(Attempt.user_id, sa.func.count(Attempt.id).label("used"))
        .join(Module, Module.id == Attempt.module_id)
        .where(Module.slug == slug, Attempt.voided_at.is_(None), Attempt.submitted_at.is_not(None))
        .group_by(Attempt.user_id)
        .subquery()
    )
    stmt = (
        sa.select(Person.id, Person.name, counted.c.used)
        .join(counted, counted.c.user_id == Person.id)
        .where(counted.c.used >= attempts)
        .order_by(Person.name)
    )
    if user_ids is not None:
        stmt = stmt.where(Person.id.in_(user_ids))
    return [
        row
        for row in db.session.execute(stmt)
        if attempts_used(row.id, slug) >= attempts and completion_valid(row.id, slug) is None
    ]
