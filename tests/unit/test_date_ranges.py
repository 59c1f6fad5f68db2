"""The named day ranges of the statistics view, by code."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.date_ranges import RANGE_CODES, DayRange, RangeCode, day_range

THURSDAY = dt.date(2026, 11, 26)


def test_today_and_yesterday() -> None:
    assert day_range(RangeCode.TODAY, THURSDAY) == DayRange(RangeCode.TODAY, THURSDAY, THURSDAY)
    yesterday = day_range(RangeCode.YESTERDAY, THURSDAY)
    assert (yesterday.first, yesterday.last, yesterday.days) == (dt.date(2026, 11, 25),) * 2 + (1,)


def test_yesterday_across_a_year() -> None:
    got = day_range(RangeCode.YESTERDAY, dt.date(2027, 1, 1))
    assert got.first == got.last == dt.date(2026, 12, 31)


def test_this_week_runs_from_monday_to_today() -> None:
    got = day_range(RangeCode.THIS_WEEK, THURSDAY)
    assert (got.first, got.last, got.days) == (dt.date(2026, 11, 23), THURSDAY, 4)
    monday = day_range(RangeCode.THIS_WEEK, dt.date(2026, 11, 23))
    assert monday.first == monday.last == dt.date(2026, 11, 23)
    sunday = day_range(RangeCode.THIS_WEEK, dt.date(2026, 11, 29))
    assert (sunday.first, sunday.days) == (dt.date(2026, 11, 23), 7)


def test_this_month_runs_from_the_first_to_today() -> None:
    got = day_range(RangeCode.THIS_MONTH, THURSDAY)
    assert (got.first, got.last, got.days) == (dt.date(2026, 11, 1), THURSDAY, 26)
    assert day_range(RangeCode.THIS_MONTH, dt.date(2026, 3, 1)).days == 1


def test_custom_takes_its_two_days_in_either_order() -> None:
    a, b = dt.date(2026, 10, 30), dt.date(2026, 11, 2)
    got = day_range(RangeCode.CUSTOM, THURSDAY, (b, a))
    assert (got.first, got.last, got.end) == (a, b, dt.date(2026, 11, 3))
    assert got.dates() == (a, dt.date(2026, 10, 31), dt.date(2026, 11, 1), b)
    with pytest.raises(ValueError):
        day_range(RangeCode.CUSTOM, THURSDAY)


def test_every_code_has_a_range() -> None:
    custom = (THURSDAY, THURSDAY)
    for code in RANGE_CODES:
        assert day_range(code, THURSDAY, custom).code is code
        assert str(code) == code.value and code.value.isascii()
