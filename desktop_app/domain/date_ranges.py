"""The named day ranges of the statistics view (今天 / 昨天 / 本周 / 本月 / 自选), as codes.

Pure: a range code and the local calendar date of "today" in, the first and last
calendar days out (both included). The window turns the code into words; the store
turns the days into timestamps (``store.calllog.day_bounds``).

Rules:

- ``THIS_WEEK`` runs from Monday of this week to today, ``THIS_MONTH`` from the 1st to
  today: the period so far, so that a per-day average counts only days that have been.
- ``CUSTOM`` takes the two days the agent picked, in either order; a day after today is
  allowed (the figures are simply empty there).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class RangeCode(StrEnum):
    TODAY = "today"
    YESTERDAY = "yesterday"
    THIS_WEEK = "this_week"
    THIS_MONTH = "this_month"
    CUSTOM = "custom"


# The ranges in the order the picker shows them.
RANGE_CODES = tuple(RangeCode)


@dataclass(frozen=True)
class DayRange:
    """Calendar days ``first`` … ``last``, both included."""

    code: RangeCode
    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def end(self) -> dt.date:
        """The day after ``last`` (an exclusive end)."""
        return self.last + dt.timedelta(days=1)

    def dates(self) -> tuple[dt.date, ...]:
        """Every day of the range, in order."""
        return tuple(self.first + dt.timedelta(days=i) for i in range(self.days))


def day_range(code: RangeCode, today: dt.date, custom: tuple[dt.date, dt.date] | None = None) -> DayRange:
    """The days of ``code`` seen from ``today``; ``custom`` is required for ``CUSTOM`` only."""
    if code is RangeCode.TODAY:
        return DayRange(code, today, today)
    if code is RangeCode.YESTERDAY:
        yesterday = today - dt.timedelta(days=1)
        return DayRange(code, yesterday, yesterday)
    if code is RangeCode.THIS_WEEK:
        return DayRange(code, today - dt.timedelta(days=today.weekday()), today)
    if code is RangeCode.THIS_MONTH:
        return DayRange(code, today.replace(day=1), today)
    if custom is None:
        raise ValueError("a custom range needs its two days")
    first, last = sorted(custom)
    return DayRange(code, first, last)
