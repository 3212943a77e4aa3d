"""The fast formats write exactly what Flask-Babel writes, in every language."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import flask_babel
import pytest

from portal.formats import (
    date_medium,
    datetime_short,
    decimal,
    money,
    number,
    percent,
    percent_whole,
)

LANGUAGES = ("es", "en")
rng = random.Random(3)
AMOUNTS = [0, None, 1, -1, 5, 99, 100, 101, 999, 1_000, 99_999, 100_000, 123_456, -123_456]
AMOUNTS += [10**9, 10**12 + 1, -(10**10)] + [rng.randint(-(10**8), 10**8) for _ in range(300)]
START = datetime(2019, 1, 1)
MOMENTS = [START + timedelta(minutes=rng.randint(0, 8 * 366 * 24 * 60)) for _ in range(400)]
# Both clock changes in Madrid, around midnight, and a value that already carries a zone.
CLOCK_CHANGES = [(2025, 3, 30, 0, 59), (2025, 3, 30, 1, 0), (2025, 3, 30, 1, 1)]
CLOCK_CHANGES += [(2025, 10, 26, 0, 59), (2025, 10, 26, 1, 0), (2025, 10, 26, 1, 30)]
CLOCK_CHANGES += [(2025, 12, 31, 22, 59), (2025, 12, 31, 23, 0), (2024, 2, 29, 12, 0)]
MOMENTS += [datetime(*parts) for parts in CLOCK_CHANGES]
MOMENTS += [datetime(2025, 6, 1, 12, 0, 30, 5, tzinfo=timezone(timedelta(hours=-5)))]
DAYS = [m.date() for m in MOMENTS] + [date(2000, 1, 1), date(2099, 12, 31)]


@pytest.fixture(params=LANGUAGES)
def language(app, request):
    with app.test_request_context(headers={"Accept-Language": request.param}):
        assert str(flask_babel.get_locale()) == request.param
        yield request.param


def test_money_matches_babel(language):
    for cents in AMOUNTS:
        assert money(cents) == flask_babel.format_currency((cents or 0) / 100, "EUR"), cents


def test_number_matches_babel(language):
    for value in AMOUNTS:
        assert number(value) == flask_babel.format_decimal(value or 0), value
    assert number(2.5) == flask_babel.format_decimal(2.5)


def test_money_of_a_fraction_of_a_cent_is_left_to_babel(language):
    assert money(1234.5) == flask_babel.format_currency(12.345, "EUR")


def test_date_medium_matches_babel(language):
    for value in DAYS + MOMENTS:
        assert date_medium(value) == flask_babel.format_date(value, "medium"), value
    assert date_medium(None) == ""


def test_datetime_short_matches_babel(language):
    for value in MOMENTS:
        assert datetime_short(value) == flask_babel.format_datetime(value, "short"), value
    assert datetime_short(None) == ""


PERCENTS = [0, None, 1, 5, 9, 10, 50, 89, 99, 100, 101, 250, 1_000, 12_345, -5, -100]


def test_percent_whole_matches_babel(language):
    for value in PERCENTS + [rng.randint(-(10**6), 10**6) for _ in range(200)]:
        assert percent_whole(value) == flask_babel.format_percent((value or 0) / 100), value
    assert percent_whole(89.5) == flask_babel.format_percent(0.895)


def test_percent_and_decimal_are_babels(language):
    for value in (0, 0.0049, 0.005, 0.07, 0.125, 0.89, 1, 2.675, -0.3, 1234.5678):
        assert percent(value) == flask_babel.format_percent(value)
        assert decimal(value) == flask_babel.format_decimal(value, format="#,##0.00")
    assert decimal(3, 0) == flask_babel.format_decimal(3, format="#,##0")


def test_spanish_writes_decimal_commas_and_a_spaced_percent(app):
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert (decimal(3), decimal(0.07), decimal(1234.5)) == ("3,00", "0,07", "1.234,50")
        assert percent_whole(89) == "89\xa0%" and percent(0.89) == "89\xa0%"
        with flask_babel.force_locale("en"):
            assert (decimal(3), decimal(0.07), percent_whole(89)) == ("3.00", "0.07", "89%")
