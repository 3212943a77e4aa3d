"""The demo's training record: assignments, lessons read, attempts answered step by step
with the grading rules, completions; the showcase login shows every state."""

from __future__ import annotations

import sqlalchemy as sa

from portal.auth.models import User
from portal.demo.cli import demo_command
from portal.extensions import db
from portal.training import grading, reports
from portal.training.learning import given_of, questions_of
from portal.training.models import Assignment, Attempt, Completion, LessonProgress
from portal.training.queries import my_training


def build(runner):
    result = runner.invoke(demo_command, ["--customers", "150"])
    assert result.exit_code == 0, result.output
    assert " quiz attempts, " in result.output and " completions" in result.output


def test_every_attempt_is_scored_as_the_grading_rules_score_its_answers(runner):
    build(runner)
    attempts = db.session.scalars(sa.select(Attempt)).all()
    assert len(attempts) > 50
    for attempt in attempts:
        result = grading.score(questions_of(attempt.module), given_of(attempt))
        assert (attempt.score, attempt.max_score) == (result.points, result.out_of)
        assert attempt.passed == result.passes(attempt.module.pass_mark)
        assert grading.next_step(questions_of(attempt.module), given_of(attempt)) is None
        assert attempt.started_at <= attempt.submitted_at
    passed = {a.id for a in attempts if a.passed}
    completions = db.session.scalars(sa.select(Completion)).all()
    assert {c.attempt_id for c in completions} == passed
    assert db.session.scalar(sa.select(sa.func.count(Assignment.id))) == 5


def test_the_showcase_login_shows_every_state(runner, app):
    build(runner)
    lucia = db.session.scalar(sa.select(User).where(User.email == "frontline@demo.example"))
    with app.test_request_context():
        items = {item.module.slug: item for item in my_training(lucia, "es")}
    states = {slug: item.status for slug, item in items.items()}
    assert states == {
        "clienting": "done",  # due three weeks ago, done
        "interaction-variables": "overdue",  # due last week, not started
        "loyalty-clover": "done",  # failed once, then passed
        "retention-rules": "due",  # half read
        "ten-commandments": "due",
    }
    tries = db.session.scalars(
        sa.select(Attempt.passed).where(Attempt.user_id == lucia.id).order_by(Attempt.id)
    ).all()
    assert tries == [True, False, True]
    reading = db.session.get(LessonProgress, (lucia.id, "retention-rules"))
    lessons = items["retention-rules"].module.lessons
    assert 0 < len(reading.lessons_seen) < len(lessons)
    assert items["retention-rules"].resume_at == reading.lesson_slug


def test_the_reports_have_figures_for_every_module(runner, app):
    build(runner)
    with app.test_request_context():
        trainer = db.session.scalar(sa.select(User).where(User.email == "trainer@demo.example"))
        for slug in ("clienting", "interaction-variables", "ten-commandments"):
            table = reports.question_report(slug, "es", trainer)
            assert table is not None and len(table) >= 5
            assert table["attempts"].min() >= 5
            assert 0.3 < table["difficulty"].mean() < 1.0


def test_the_question_report_read_as_rows_matches_the_orm_reading(runner, app):
    """The report reads plain rows for speed; the figures equal grading each stored
    attempt loaded through the ORM, as the report did before."""
    import pandas as pd

    from portal.training import stats
    from portal.training.models import Module
    from portal.training.quiz_data import question_from_data

    build(runner)
    with app.test_request_context():
        trainer = db.session.scalar(sa.select(User).where(User.email == "trainer@demo.example"))
        for slug in ("clienting", "interaction-variables", "ten-commandments"):
            attempts = db.session.scalars(
                sa.select(Attempt)
                .join(Module, Module.id == Attempt.module_id)
                .where(Module.slug == slug, Attempt.submitted_at.is_not(None))
            ).all()
            rows = [
                (
                    a.id,
                    q.qid,
                    int(grading.question_correct(question_from_data(q.data), given_of(a))),
                )
                for a in attempts
                for q in a.module.questions
            ]
            frame = pd.DataFrame(rows, columns=[stats.ATTEMPT, stats.QUESTION, stats.CORRECT])
            expected = stats.question_stats(frame)
            actual = reports.question_report(slug, "es", trainer).drop(columns="prompt")
            pd.testing.assert_frame_equal(actual, expected)
