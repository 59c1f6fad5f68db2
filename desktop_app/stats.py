"""The figures of one agent's day, computed from the local call log.

The 今日 view shows them; they come only from this PC's call log and outbox, so they
are there offline and the moment a feedback is recorded. Qt-free and pure: rows in,
an immutable ``DayStats`` out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from desktop_app.domain.outbox_states import State, pending_count
from desktop_app.domain.writes import WriteKind
from desktop_app.store.calllog import CallLogRow

Tally = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class DayStats:
    calls: int  # feedbacks recorded (savecallback rows)
    customers: int  # 电子客 added (save_to_customer rows)
    by_feedback: Tally  # (item_name, calls), most first, ties by name
    by_project: Tally  # (pro_name, calls), most first, ties by name
    by_hour: tuple[int, ...]  # 24 counts, local hour 0–23
    talk_total_s: float  # 卡片时长 (time on card, not talk time) summed over the calls that have one
    talk_average_s: float | None  # None when no call has a duration
    timed_calls: int  # calls that have a duration
    first_call: float | None  # Unix seconds
    last_call: float | None
    pending: int  # 待同步: writes the server has not confirmed yet (domain.outbox_states.PENDING)
    attention: int  # writes the server refused, waiting for the agent
    # 拨号到结果: from the dial key (F4) to the feedback, over the calls dialled with it.
    dial_total_s: float = 0.0
    dial_average_s: float | None = None
    dialed_calls: int = 0

    @property
    def busiest_hour(self) -> int | None:
        """The hour with most calls (the earliest of equals); None without calls."""
        if not self.calls:
            return None
        return max(range(24), key=lambda h: (self.by_hour[h], -h))


def local_hour(ts: float) -> int:
    return dt.datetime.fromtimestamp(ts).hour


def tally(names: Iterable[str]) -> Tally:
    """Counts per name, most first; equal counts in name order (stable on every refresh)."""
    return tuple(sorted(Counter(names).items(), key=lambda pair: (-pair[1], pair[0])))


def queue_figures(outbox_counts: Mapping[State, int] | None) -> tuple[int, int]:
    """(待同步, 需处理) from ``Outbox.counts()``."""
    if not outbox_counts:
        return 0, 0
    return pending_count(outbox_counts), int(outbox_counts.get(State.ATTENTION, 0))


def day_stats(
    rows: Iterable[CallLogRow],
    outbox_counts: Mapping[State, int] | None = None,
    *,
    hour_of: Callable[[float], int] = local_hour,
) -> DayStats:
    """The figures of ``rows`` (one agent's day, e.g. ``calllog().for_day(day, user_id)``)."""
    rows = list(rows)
    feedbacks = [r for r in rows if r.kind == WriteKind.FEEDBACK]
    customers = sum(1 for r in rows if r.kind == WriteKind.CUSTOMER)
    by_hour = [0] * 24
    for row in feedbacks:
        by_hour[hour_of(row.created_at) % 24] += 1
    durations = [float(r.duration_s) for r in feedbacks if r.duration_s is not None]
    total = sum(durations)
    dials = [float(r.dial_s) for r in feedbacks if r.dial_s is not None]
    times = [r.created_at for r in feedbacks]
    pending, attention = queue_figures(outbox_counts)
    return DayStats(
        calls=len(feedbacks),
        customers=customers,
        by_feedback=tally(r.item_name for r in feedbacks),
        by_project=tally(r.pro_name for r in feedbacks),
        by_hour=tuple(by_hour),
        talk_total_s=total,
        talk_average_s=total / len(durations) if durations else None,
        timed_calls=len(durations),
        first_call=min(times) if times else None,
        last_call=max(times) if times else None,
        pending=pending,
        attention=attention,
        dial_total_s=sum(dials),
        dial_average_s=sum(dials) / len(dials) if dials else None,
        dialed_calls=len(dials),
    )


def minutes_seconds(seconds: float | None) -> str:
    """``2:05`` (m:ss), ``1:02:05`` past an hour, ``-`` when unknown."""
    if seconds is None:
        return "-"
    s = max(0, round(seconds))
    hours, rest = divmod(s, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
