"""When a scheduled callback (预约回访) falls due, from the quick choices of the schedule form.

Pure: a choice, the present moment and the office's times of day in; a Unix timestamp
out. The times of day are settings (end of the working day, a morning and an afternoon
slot), so each call centre keeps its own hours.

Rules (one definition, tested at their edges):

- ``IN_ONE_HOUR``: exactly 3,600 s from now (a real hour, also across a clock change).
- ``END_OF_DAY``: today at the end-of-day time. When that time has already come, the
  choice rolls to the same time tomorrow (an agent working late means "at the end of the
  next working day", never a time in the past); ``QuickTime.rolled`` says so, for the
  label.
- ``TOMORROW_MORNING`` / ``TOMORROW_AFTERNOON``: tomorrow (the local calendar day after
  ``now``) at the morning / afternoon time, whatever the hour now, just after midnight
  included. There is no weekend rule: call centres work on weekends.
- ``CUSTOM``: the moment the agent picked, which must lie in the future
  (``custom_problem``).

``now`` is a ``datetime``: naive means the PC's local time (as everywhere else in the
program); an aware one is honoured with its own zone, which the tests use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

ONE_HOUR_S = 3600.0


class QuickChoice(StrEnum):
    IN_ONE_HOUR = "in_one_hour"  # 1 小时后
    END_OF_DAY = "end_of_day"  # 今天下班前
    TOMORROW_MORNING = "tomorrow_morning"  # 明天上午
    TOMORROW_AFTERNOON = "tomorrow_afternoon"  # 明天下午
    CUSTOM = "custom"  # 自选时间


# The choices resolved without a picked time, in the order the form shows them.
QUICK_CHOICES = (
    QuickChoice.IN_ONE_HOUR,
    QuickChoice.END_OF_DAY,
    QuickChoice.TOMORROW_MORNING,
    QuickChoice.TOMORROW_AFTERNOON,
)


@dataclass(frozen=True)
class DayTimes:
    """The office's times of day (settings)."""

    end_of_day: dt.time = dt.time(18, 0)
    morning: dt.time = dt.time(9, 30)
    afternoon: dt.time = dt.time(14, 0)


@dataclass(frozen=True)
class QuickTime:
    """One quick choice resolved at a moment: when it falls due, and whether it moved a day."""

    choice: QuickChoice
    due_at: float  # Unix seconds
    rolled: bool = False  # END_OF_DAY after the end of the day: tomorrow instead of today


class CustomTimeProblem(StrEnum):
    MISSING = "missing"  # no time picked
    PAST = "past"  # not after now


def _at(day: dt.date, time_of_day: dt.time, like: dt.datetime) -> float:
    """``day`` at ``time_of_day`` in ``like``'s zone (the PC's when ``like`` is naive)."""
    return dt.datetime.combine(day, time_of_day, tzinfo=like.tzinfo).timestamp()


def resolve(choice: QuickChoice, now: dt.datetime, times: DayTimes = DayTimes()) -> QuickTime:
    """When ``choice`` (not ``CUSTOM``) falls due, seen from ``now``."""
    today = now.date()
    tomorrow = today + dt.timedelta(days=1)
    if choice is QuickChoice.IN_ONE_HOUR:
        return QuickTime(choice, now.timestamp() + ONE_HOUR_S)
    if choice is QuickChoice.END_OF_DAY:
        today_end = _at(today, times.end_of_day, now)
        if today_end > now.timestamp():
            return QuickTime(choice, today_end)
        return QuickTime(choice, _at(tomorrow, times.end_of_day, now), rolled=True)
    if choice is QuickChoice.TOMORROW_MORNING:
        return QuickTime(choice, _at(tomorrow, times.morning, now))
    if choice is QuickChoice.TOMORROW_AFTERNOON:
        return QuickTime(choice, _at(tomorrow, times.afternoon, now))
    raise ValueError("a custom time is picked, not resolved: use custom_due_at")


def quick_times(now: dt.datetime, times: DayTimes = DayTimes()) -> tuple[QuickTime, ...]:
    """Every quick choice resolved at ``now``, in the form's order (labels and buttons)."""
    return tuple(resolve(choice, now, times) for choice in QUICK_CHOICES)


def custom_problem(picked: dt.datetime | None, now: dt.datetime) -> CustomTimeProblem | None:
    """Why a picked time cannot be used, or None when it can."""
    if picked is None:
        return CustomTimeProblem.MISSING
    if picked.timestamp() <= now.timestamp():
        return CustomTimeProblem.PAST
    return None


def custom_due_at(picked: dt.datetime, now: dt.datetime) -> float:
    """The picked moment as a timestamp; ValueError when ``custom_problem`` finds one."""
    problem = custom_problem(picked, now)
    if problem is not None:
        raise ValueError(f"custom callback time rejected: {problem.value}")
    return picked.timestamp()
