"""Question difficulty and discrimination from per-attempt results, without an app."""

import math

import pandas as pd
import pytest

from portal.training.stats import DIFFICULTY, DISCRIMINATION, question_stats


def results(rows):
    return pd.DataFrame(rows, columns=["attempt", "question", "correct"])


def test_difficulty_is_the_share_correct_and_discrimination_follows_the_rest():
    # Five attempts. q1 is answered right exactly by the strong attempts (high
    # discrimination); q2 by everybody (no discrimination); q3 by the weak ones.
    strong = {1: 1, 2: 1, 3: 1, 4: 0, 5: 0}
    rows = []
    for attempt, good in strong.items():
        rows += [(attempt, "q1", good), (attempt, "q2", 1), (attempt, "q3", 1 - good)]
        rows += [(attempt, "q4", good), (attempt, "q5", good)]
    stats = question_stats(results(rows)).set_index("question")
    assert stats.loc["q1", DIFFICULTY] == pytest.approx(0.6)
    assert stats.loc["q2", DIFFICULTY] == 1.0 and math.isnan(stats.loc["q2", DISCRIMINATION])
    assert stats.loc["q1", DISCRIMINATION] == pytest.approx(1.0)
    assert stats.loc["q3", DISCRIMINATION] == pytest.approx(-1.0)
    assert stats.loc["q1", "attempts"] == 5


def test_too_few_attempts_leave_discrimination_unknown():
    stats = question_stats(results([(1, "q1", 1), (2, "q1", 0), (1, "q2", 0), (2, "q2", 1)]))
    assert stats[DISCRIMINATION].isna().all()
    assert list(stats[DIFFICULTY]) == [0.5, 0.5]


def test_no_results_give_an_empty_table():
    assert question_stats(results([])).empty


def test_inputs_are_not_changed():
    frame = results([(1, "q1", 1), (2, "q1", 0)])
    before = frame.copy()
    question_stats(frame)
    pd.testing.assert_frame_equal(frame, before)
