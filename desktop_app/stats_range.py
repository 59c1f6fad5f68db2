"""The figures of any range of days (统计: 今天 / 昨天 / 本周 / 本月 / 自选), from the local call log.

Built on ``stats.day_stats`` (the same counting rules as one day: per feedback, per
project, per hour, totals, card times), plus what a range adds: the calls of each day,
the share of calls whose result is an "accepted" item (the 接受邀请 rate; which items
count is the caller's setting, keyed by the server's item names), and calls per hour
against a goal. Pure and Qt-free: rows in, an immutable ``RangeStats`` out;
``read_range_stats`` is the one store read the view needs (a growing read: run it off
the UI thread).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from desktop_app.domain.date_ranges import DayRange
from desktop_app.domain.writes import WriteKind
from desktop_app.stats import DayStats, day_stats
from desktop_app.store.calllog import CallLogRow, day_bounds
from desktop_app.store.history import History
from desktop_app.store.outbox import State

HOURS = 24


@dataclass(frozen=True)
class HourGoal:
    """Calls per hour worked, against the goal set for the team (None: no goal)."""

    goal: float | None
    worked_hours: int  # clock hours (a day and an hour) with at least one call
    calls_per_hour: float | None  # calls / worked_hours; None without calls
    hours_at_goal: int  # worked hours with at least ``goal`` calls (0 without a goal)
    # For the hourly chart: per hour of the day, the calls of an average day worked in that
    # hour (a single day: the calls of that hour), so the goal line reads on the same scale.
    by_hour_per_day: tuple[float, ...]

    @property
    def goal_ratio(self) -> float | None:
        """calls_per_hour / goal; None without a goal or without calls."""
        if not self.goal or self.calls_per_hour is None:
            return None
        return self.calls_per_hour / self.goal


@dataclass(frozen=True)
class RangeStats:
    day_range: DayRange
    totals: DayStats  # every figure of one day, over the whole range
    by_day: tuple[tuple[dt.date, int], ...]  # every day of the range with its calls, in order
    active_days: int  # days with at least one call
    accepted: int  # calls whose result is one of the accepted items
    hour_goal: HourGoal

    @property
    def accept_rate(self) -> float | None:
        """accepted / calls (0–1); None without calls."""
        return self.accepted / self.totals.calls if self.totals.calls else None


def range_bounds(day_range: DayRange) -> tuple[float, float]:
    """Start of the first day and end (exclusive) of the last, as Unix seconds; DST-safe."""
    return day_bounds(day_range.first)[0], day_bounds(day_range.last)[1]


def _local(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts)


def range_stats(
    rows: Iterable[CallLogRow],
    day_range: DayRange,
    *,
    accepted_items: Collection[str] = (),
    goal_per_hour: float | None = None,
    outbox_counts: Mapping[State, int] | None = None,
    local_time: Callable[[float], dt.datetime] = _local,
) -> RangeStats:
    """The figures of ``rows`` (one agent's, within ``day_range``)."""
    rows = list(rows)
    stamps = {row.created_at: local_time(row.created_at) for row in rows}
    totals = day_stats(rows, outbox_counts, hour_of=lambda ts: stamps[ts].hour)
    feedbacks = [row for row in rows if row.kind == WriteKind.FEEDBACK]
    per_day = Counter(stamps[row.created_at].date() for row in feedbacks)
    per_clock_hour = Counter(
        (stamps[row.created_at].date(), stamps[row.created_at].hour) for row in feedbacks
    )
    accepted_set = frozenset(accepted_items)
    accepted = sum(1 for row in feedbacks if row.item_name in accepted_set)
    return RangeStats(
        day_range=day_range,
        totals=totals,
        by_day=tuple((day, per_day.get(day, 0)) for day in day_range.dates()),
        active_days=len(per_day),
        accepted=accepted,
        hour_goal=_hour_goal(totals, per_clock_hour, goal_per_hour),
    )


def _hour_goal(
    totals: DayStats, per_clock_hour: Mapping[tuple[dt.date, int], int], goal: float | None
) -> HourGoal:
    worked = len(per_clock_hour)
    days_in_hour = Counter(hour for _day, hour in per_clock_hour)
    by_hour_per_day = tuple(
        totals.by_hour[hour] / days_in_hour[hour] if days_in_hour[hour] else 0.0 for hour in range(HOURS)
    )
    return HourGoal(
        goal=goal,
        worked_hours=worked,
        calls_per_hour=totals.calls / worked if worked else None,
        hours_at_goal=sum(1 for calls in per_clock_hour.values() if goal and calls >= goal),
        by_hour_per_day=by_hour_per_day,
    )


def read_range_stats(
    history: History,
    user_id: int,
    day_range: DayRange,
    *,
    accepted_items: Collection[str] = (),
    goal_per_hour: float | None = None,
    outbox_counts: Mapping[State, int] | None = None,
) -> RangeStats:
    """Read the agent's counted calls of ``day_range`` and compute their figures."""
    start, end = range_bounds(day_range)
    rows = history.calls_between(user_id, start, end)
    return range_stats(
        rows,
        day_range,
        accepted_items=accepted_items,
        goal_per_hour=goal_per_hour,
        outbox_counts=outbox_counts,
    )
