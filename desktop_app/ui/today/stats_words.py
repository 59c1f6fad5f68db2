"""The 统计 view's sentences: the title of the chosen days and the line of details under the tiles.

Apart from the view so that its layout and its words each read on their own; every
sentence comes from the figures alone.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject

from desktop_app.domain.date_ranges import DayRange, RangeCode
from desktop_app.stats import minutes_seconds
from desktop_app.stats_range import RangeStats

from ..i18n import fill, timefmt


class StatsWords(QObject):
    def title(self, days: DayRange) -> str:
        day = days.first
        if days.code is RangeCode.TODAY:
            return fill(self.tr("今日 %1 %2"), day.isoformat(), self.weekday(day))
        if days.days == 1:
            return fill(self.tr("%1 %2"), day.isoformat(), self.weekday(day))
        return fill(self.tr("%1 至 %2（%3 天）"), day.isoformat(), days.last.isoformat(), days.days)

    def weekday(self, day: dt.date) -> str:
        names = (
            self.tr("星期一"),
            self.tr("星期二"),
            self.tr("星期三"),
            self.tr("星期四"),
            self.tr("星期五"),
            self.tr("星期六"),
            self.tr("星期日"),
        )
        return names[day.weekday()]

    def details(self, figures: RangeStats) -> str:
        stats = figures.totals
        if stats.first_call is None or stats.last_call is None:
            if figures.day_range.code is RangeCode.TODAY:
                return self.tr("今天还没有通话记录。")
            return self.tr("这段时间没有通话记录。")
        if figures.day_range.days > 1:
            return "  ·  ".join(
                [
                    fill(self.tr("有通话的天数 %1"), figures.active_days),
                    fill(self.tr("接受邀请 %1 通"), figures.accepted),
                    fill(self.tr("通话总时长 %1"), minutes_seconds(stats.talk_total_s)),
                    self.tr("每小时图表为平均每天"),
                ]
            )
        parts = [
            fill(self.tr("第一通 %1"), timefmt.hour_minute(stats.first_call)),
            fill(self.tr("最后一通 %1"), timefmt.hour_minute(stats.last_call)),
            fill(self.tr("卡片时长合计 %1"), minutes_seconds(stats.talk_total_s)),
        ]
        if stats.dialed_calls:
            parts.append(
                fill(
                    self.tr("拨号到结果 平均 %1（%2 通用拨号键）"),
                    minutes_seconds(stats.dial_average_s),
                    stats.dialed_calls,
                )
            )
        busiest = stats.busiest_hour
        if busiest is not None:
            parts.append(
                fill(self.tr("最忙 %1:00–%2:00（%3 通）"), busiest, busiest + 1, stats.by_hour[busiest])
            )
        return "  ·  ".join(parts)
