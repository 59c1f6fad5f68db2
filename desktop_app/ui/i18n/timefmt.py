"""Short time texts shared by the status bar, the queue view and the phone card.

Timestamps are Unix seconds (``time.time()``) as the store and the sync engine keep
them; they are shown in local time, the way the agent reads the office clock.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from desktop_app.stats import minutes_seconds

from . import fill


def _local(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts)


def start_of_day(now: float) -> float:
    """Local midnight of the day ``now`` falls in, as Unix seconds."""
    day = _local(now).date()
    return dt.datetime.combine(day, dt.time()).timestamp()


def clock(ts: float) -> str:
    """``14:05:12``."""
    return _local(ts).strftime("%H:%M:%S")


def hour_minute(ts: float) -> str:
    """``14:02``."""
    return _local(ts).strftime("%H:%M")


def moment(ts: float, now: float) -> str:
    """``14:05:12`` today, ``昨天 14:05`` yesterday, ``03-18 14:05`` earlier."""
    when, today = _local(ts), _local(now).date()
    if when.date() == today:
        return clock(ts)
    if when.date() == today - dt.timedelta(days=1):
        return fill(QCoreApplication.translate("timefmt", "昨天 %1"), when.strftime("%H:%M"))
    return when.strftime("%m-%d %H:%M")


def ago(seconds: float) -> str:
    """``刚刚``, ``45 秒前``, ``3 分钟前``, ``2 小时前``, ``3 天前``."""
    s = max(0, int(seconds))
    if s < 10:
        return QCoreApplication.translate("timefmt", "刚刚")
    if s < 60:
        return fill(QCoreApplication.translate("timefmt", "%1 秒前"), s)
    if s < 3600:
        return fill(QCoreApplication.translate("timefmt", "%1 分钟前"), s // 60)
    if s < 86400:
        return fill(QCoreApplication.translate("timefmt", "%1 小时前"), s // 3600)
    return fill(QCoreApplication.translate("timefmt", "%1 天前"), s // 86400)


def elapsed(seconds: float) -> str:
    """A running timer: ``0:42``, ``12:05``, ``1:02:03`` (whole seconds, never rounded up)."""
    return minutes_seconds(max(0, int(seconds)))
