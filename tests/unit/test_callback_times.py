"""The quick choices of a scheduled callback, at the edges of the working day."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from desktop_app.domain.callback_times import (
    QUICK_CHOICES,
    CustomTimeProblem,
    DayTimes,
    QuickChoice,
    custom_due_at,
    custom_problem,
    quick_times,
    resolve,
)

CST = dt.timezone(dt.timedelta(hours=8))


def at(day: dt.date, hour: int, minute: int = 0, tz: dt.tzinfo = CST) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)


DAY = dt.date(2026, 11, 27)
NEXT = dt.date(2026, 11, 28)


def test_in_one_hour_is_exactly_an_hour() -> None:
    now = at(DAY, 10, 17)
    assert resolve(QuickChoice.IN_ONE_HOUR, now).due_at == now.timestamp() + 3600


def test_end_of_day_is_today_before_the_end() -> None:
    got = resolve(QuickChoice.END_OF_DAY, at(DAY, 17, 59))
    assert got.due_at == at(DAY, 18).timestamp()
    assert not got.rolled


@pytest.mark.parametrize("hour, minute", [(18, 0), (18, 1), (23, 59)])
def test_end_of_day_after_the_end_rolls_to_tomorrow(hour: int, minute: int) -> None:
    got = resolve(QuickChoice.END_OF_DAY, at(DAY, hour, minute))
    assert got.due_at == at(NEXT, 18).timestamp()
    assert got.rolled


@pytest.mark.parametrize("hour", [0, 8, 12, 17, 18, 23])
def test_tomorrow_morning_and_afternoon_are_the_next_calendar_day(hour: int) -> None:
    now = at(DAY, hour)
    assert resolve(QuickChoice.TOMORROW_MORNING, now).due_at == at(NEXT, 9, 30).timestamp()
    assert resolve(QuickChoice.TOMORROW_AFTERNOON, now).due_at == at(NEXT, 14).timestamp()


def test_just_after_midnight_tomorrow_is_still_the_next_day() -> None:
    # At 00:10 the agent's "明天" is the calendar's: the day after today, not today.
    got = resolve(QuickChoice.TOMORROW_MORNING, at(DAY, 0, 10))
    assert got.due_at == at(NEXT, 9, 30).timestamp()


def test_the_times_of_day_are_settings() -> None:
    times = DayTimes(end_of_day=dt.time(17, 30), morning=dt.time(8, 45), afternoon=dt.time(13, 15))
    now = at(DAY, 17, 0)
    assert resolve(QuickChoice.END_OF_DAY, now, times).due_at == at(DAY, 17, 30).timestamp()
    assert resolve(QuickChoice.END_OF_DAY, at(DAY, 17, 45), times).due_at == at(NEXT, 17, 30).timestamp()
    assert resolve(QuickChoice.TOMORROW_MORNING, now, times).due_at == at(NEXT, 8, 45).timestamp()
    assert resolve(QuickChoice.TOMORROW_AFTERNOON, now, times).due_at == at(NEXT, 13, 15).timestamp()


def test_year_end_rolls_into_the_new_year() -> None:
    now = at(dt.date(2026, 12, 31), 20)
    assert resolve(QuickChoice.TOMORROW_MORNING, now).due_at == at(dt.date(2027, 1, 1), 9, 30).timestamp()
    assert resolve(QuickChoice.END_OF_DAY, now).due_at == at(dt.date(2027, 1, 1), 18).timestamp()


def test_a_clock_change_keeps_local_times_and_real_hours() -> None:
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    # The night of 28-29 March 2026 loses an hour in Berlin.
    now = dt.datetime(2026, 3, 28, 20, 0, tzinfo=berlin)
    morning = resolve(QuickChoice.TOMORROW_MORNING, now).due_at
    assert dt.datetime.fromtimestamp(morning, berlin).time() == dt.time(9, 30)
    assert morning - now.timestamp() == (13.5 - 1) * 3600
    assert resolve(QuickChoice.IN_ONE_HOUR, now).due_at - now.timestamp() == 3600


def test_a_naive_now_is_the_pcs_local_time() -> None:
    now = dt.datetime(2026, 11, 27, 15, 0)
    expected = dt.datetime(2026, 11, 27, 18, 0).timestamp()
    assert resolve(QuickChoice.END_OF_DAY, now).due_at == expected


def test_quick_times_lists_every_quick_choice_in_order() -> None:
    got = quick_times(at(DAY, 19))
    assert tuple(q.choice for q in got) == QUICK_CHOICES
    assert [q.rolled for q in got] == [False, True, False, False]
    with pytest.raises(ValueError):
        resolve(QuickChoice.CUSTOM, at(DAY, 9))


def test_a_custom_time_must_lie_ahead() -> None:
    now = at(DAY, 10)
    assert custom_problem(None, now) is CustomTimeProblem.MISSING
    assert custom_problem(now, now) is CustomTimeProblem.PAST
    assert custom_problem(at(DAY, 9), now) is CustomTimeProblem.PAST
    later = at(DAY, 10, 1)
    assert custom_problem(later, now) is None
    assert custom_due_at(later, now) == later.timestamp()
    with pytest.raises(ValueError):
        custom_due_at(at(DAY, 9), now)
