"""Quiz statistics over stored answers, with pandas. Pure: DataFrames in and out.

`results` has one row per (attempt, question): columns ATTEMPT, QUESTION, CORRECT (0/1).
Difficulty is the share of attempts that got the question right. Discrimination is the
point-biserial correlation between getting it right and the attempt's score on the
other questions (the item left out, so it does not correlate with itself); it is NaN
when nobody or everybody got it right, or with fewer than MIN_ATTEMPTS attempts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ATTEMPT, QUESTION, CORRECT = "attempt", "question", "correct"
ATTEMPTS, DIFFICULTY, DISCRIMINATION = "attempts", "difficulty", "discrimination"
MIN_ATTEMPTS = 5


def question_stats(results: pd.DataFrame) -> pd.DataFrame:
    """Per question: attempts, difficulty (share correct) and discrimination."""
    columns = [QUESTION, ATTEMPTS, DIFFICULTY, DISCRIMINATION]
    if results.empty:
        return pd.DataFrame(columns=columns)
    wide = results.pivot_table(index=ATTEMPT, columns=QUESTION, values=CORRECT, aggfunc="max")
    totals = wide.sum(axis=1)
    rows = []
    for question in wide.columns:
        item = wide[question].dropna()
        rest = totals.loc[item.index] - item
        rows.append(
            {
                QUESTION: question,
                ATTEMPTS: int(item.size),
                DIFFICULTY: float(item.mean()),
                DISCRIMINATION: _point_biserial(item, rest),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def _point_biserial(item: pd.Series, rest: pd.Series) -> float:
    if item.size < MIN_ATTEMPTS or item.nunique() < 2 or rest.nunique() < 2:
        return float("nan")
    return float(np.corrcoef(item.to_numpy(float), rest.to_numpy(float))[0, 1])
