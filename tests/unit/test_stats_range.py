"""Statistics for any range of days, against a known call log in a real SQLite file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.domain.date_ranges import RangeCode, day_range
from desktop_app.stats import day_stats
from desktop_app.stats_range import range_bounds, range_stats, read_range_stats
from desktop_app.store.calllog import day_bounds
from desktop_app.store.db import LocalStore
from desktop_app.store.history import History
from desktop_app.store.outbox import State
from tests.helpers.day import call_entry

USER = 29
ACCEPTED = ("接受邀请",)
THURSDAY = dt.date(2026, 11, 26)
WEDNESDAY = THURSDAY - dt.timedelta(days=1)
MONDAY = THURSDAY - dt.timedelta(days=3)
LAST_MONTH = dt.date(2026, 10, 30)


def at(day: dt.date, hour: int, minute: int = 0) -> float:
    return dt.datetime.combine(day, dt.time(hour, minute)).timestamp()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    s = LocalStore(tmp_path / "data")
    yield s
    s.close()


def call(
    store: LocalStore,
    when: float,
    item: str,
    project: str = "星汇云锦",
    *,
    user_id: int = USER,
    kind: str = "savecallback",
) -> str:
    entry = call_entry(item, project, duration=60.0, user_id=user_id, kind=kind)
    return store.outbox().enqueue(kind, {"user_id": user_id}, entry, now=when)


@pytest.fixture
def logged(store: LocalStore) -> LocalStore:
    """A known log: Thursday 9:00-10:59 and 14:00, Wednesday, Monday, last month, others."""
    for minute in range(0, 60, 10):  # six calls in Thursday's 9 o'clock hour
        call(store, at(THURSDAY, 9, minute), "接受邀请" if minute < 20 else "无人接听")
    call(store, at(THURSDAY, 10, 5), "拒绝", "万科东荟城")
    call(store, at(THURSDAY, 10, 6), "继续跟进", "万科东荟城")
    call(store, at(THURSDAY, 14, 0), "接受邀请")
    call(store, at(THURSDAY, 14, 1), "", kind="save_to_customer")
    undone = call(store, at(THURSDAY, 14, 2), "拒绝")
    store.outbox().discard(undone, "撤销", now=at(THURSDAY, 14, 3))  # undone: not counted
    call(store, at(THURSDAY, 11), "拒绝", user_id=30)  # another agent
    call(store, at(WEDNESDAY, 9, 30), "接受邀请")
    call(store, at(WEDNESDAY, 9, 40), "拒绝")
    call(store, at(MONDAY, 17, 59), "无人接听")
    call(store, at(LAST_MONTH, 9), "接受邀请")
    return store


def test_today(logged: LocalStore) -> None:
    got = read_range_stats(
        History(logged.db()),
        USER,
        day_range(RangeCode.TODAY, THURSDAY),
        accepted_items=ACCEPTED,
        goal_per_hour=4,
    )
    assert got.totals.calls == 9
    assert got.totals.customers == 1
    assert got.totals.by_feedback == (("无人接听", 4), ("接受邀请", 3), ("拒绝", 1), ("继续跟进", 1))
    assert got.totals.by_project == (("星汇云锦", 7), ("万科东荟城", 2))
    assert [got.totals.by_hour[h] for h in (9, 10, 14)] == [6, 2, 1]
    assert got.by_day == ((THURSDAY, 9),)
    assert (got.accepted, got.accept_rate) == (3, 3 / 9)
    goal = got.hour_goal
    assert (goal.worked_hours, goal.calls_per_hour, goal.hours_at_goal) == (3, 3.0, 1)
    assert goal.goal_ratio == 3.0 / 4
    assert goal.by_hour_per_day[9] == 6 and goal.by_hour_per_day[8] == 0


def test_a_single_day_counts_as_the_day_view_does(logged: LocalStore) -> None:
    day = day_range(RangeCode.TODAY, THURSDAY)
    rows = History(logged.db()).calls_between(USER, *range_bounds(day))
    assert range_stats(rows, day).totals == day_stats(rows)


def test_yesterday(logged: LocalStore) -> None:
    got = read_range_stats(
        History(logged.db()), USER, day_range(RangeCode.YESTERDAY, THURSDAY), accepted_items=ACCEPTED
    )
    assert (got.totals.calls, got.accepted, got.by_day) == (2, 1, ((WEDNESDAY, 2),))
    assert (
        got.hour_goal.goal is None and got.hour_goal.hours_at_goal == 0 and got.hour_goal.goal_ratio is None
    )


def test_this_week_and_this_month(logged: LocalStore) -> None:
    history = History(logged.db())
    week = read_range_stats(
        history, USER, day_range(RangeCode.THIS_WEEK, THURSDAY), accepted_items=ACCEPTED, goal_per_hour=2
    )
    assert week.totals.calls == 12
    assert week.by_day == ((MONDAY, 1), (MONDAY + dt.timedelta(days=1), 0), (WEDNESDAY, 2), (THURSDAY, 9))
    assert (week.active_days, week.accepted) == (3, 4)
    goal = week.hour_goal
    # Clock hours worked: Thu 9, 10, 14; Wed 9; Mon 17.
    assert (goal.worked_hours, goal.calls_per_hour, goal.hours_at_goal) == (5, 12 / 5, 3)
    assert goal.by_hour_per_day[9] == (6 + 2) / 2  # two days worked at 9 o'clock
    assert goal.by_hour_per_day[17] == 1
    month = read_range_stats(
        history, USER, day_range(RangeCode.THIS_MONTH, THURSDAY), accepted_items=ACCEPTED
    )
    assert (month.totals.calls, month.day_range.days, len(month.by_day)) == (12, 26, 26)
    custom = read_range_stats(
        history, USER, day_range(RangeCode.CUSTOM, THURSDAY, (THURSDAY, LAST_MONTH)), accepted_items=ACCEPTED
    )
    assert (custom.totals.calls, custom.accepted, custom.active_days) == (13, 5, 4)


def test_an_empty_range(logged: LocalStore) -> None:
    empty = day_range(RangeCode.CUSTOM, THURSDAY, (dt.date(2025, 1, 1), dt.date(2025, 1, 2)))
    got = read_range_stats(History(logged.db()), USER, empty, accepted_items=ACCEPTED, goal_per_hour=30)
    assert got.totals.calls == 0 and got.accept_rate is None
    assert got.hour_goal.calls_per_hour is None and got.hour_goal.goal_ratio is None
    assert got.by_day == ((dt.date(2025, 1, 1), 0), (dt.date(2025, 1, 2), 0))


def test_queue_figures_pass_through(logged: LocalStore) -> None:
    got = read_range_stats(
        History(logged.db()),
        USER,
        day_range(RangeCode.TODAY, THURSDAY),
        outbox_counts={State.QUEUED: 3, State.ATTENTION: 1},
    )
    assert (got.totals.pending, got.totals.attention) == (3, 1)


def test_range_bounds_are_local_midnights() -> None:
    week = day_range(RangeCode.THIS_WEEK, THURSDAY)
    assert range_bounds(week) == (day_bounds(MONDAY)[0], day_bounds(THURSDAY)[1])
