"""统计: what the agent did over a range of days (``statsRange``), and its log as a CSV file.

Totals (calls, 电子客 added, average card time, the 接受邀请 rate, calls per hour against
the goal, writes still waiting), calls per feedback type, per project and per hour (with
the goal as a line). Everything comes from this PC's call log and outbox, so the view
works offline and is current the moment a feedback is recorded. Every read runs on the
background pool: opening the view or choosing a range, ``refresh()`` (when the view is
shown), ``refresh_soon()`` at most about once a second (at every engine status), and the
CSV export of the chosen range, so a month of calls never freezes the window.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.api import Choice
from desktop_app.domain.date_ranges import DayRange
from desktop_app.stats import DayStats, minutes_seconds
from desktop_app.stats_range import RangeStats, read_range_stats
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError
from desktop_app.store.history import History

from ..i18n import fill, timefmt
from ..i18n.messages import render
from ..tasks import BackgroundTasks
from ..throttled_load import ThrottledLoad
from ..widgets.bar_chart import BarChart
from ..widgets.hour_chart import HourChart
from ..widgets.naming import named
from ..widgets.polish import repolish
from ..widgets.save_dialog import ask_save_path
from .export_place import AskPath
from .range_export import RangeExport
from .range_picker import RangePicker
from .stats_words import StatsWords
from .tile import Tile

log = logging.getLogger(__name__)

_SHEET = """
#todayView QScrollArea, #todayPage { background: transparent; }
#todayTitle { font-size: 18px; font-weight: 600; }
#todayUpdated, #todayDetails { color: #6b6b6b; }
#todayTile { background: #ffffff; border: 1px solid #d8dde3; border-radius: 8px; }
#todayTile QLabel { background: transparent; border: none; }
#todayTile QLabel[role="value"] { font-size: 26px; font-weight: 600; color: #1f2933; }
#todayTile QLabel[role="caption"] { color: #6b6b6b; }
#todayTile QLabel[alert="true"] { color: #c62828; }
#exportNotice[level="error"] { color: #c62828; }
#exportNotice[level="info"] { color: #1a7f37; }
#exportCsvButton { min-height: 30px; padding: 2px 14px; }
"""

DEFAULT_ACCEPTED = ("接受邀请",)


class TodayView(QWidget):
    exported = Signal(str)  # the path of a written CSV file

    def __init__(
        self,
        store: LocalStore,
        user_id: int,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.time,
        today: Callable[[], dt.date] = dt.date.today,
        tasks: BackgroundTasks | None = None,
        accepted_items: Callable[[], Collection[str]] = lambda: DEFAULT_ACCEPTED,
        goal_per_hour: Callable[[], float | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self._store = store
        self._user_id = user_id
        self._clock = clock
        self._today = today
        self._accepted_items = accepted_items
        self._goal_per_hour = goal_per_hour
        self._stats: RangeStats | None = None
        self._read_failed = False
        self._choice_names: dict[str, dict[str, str]] = {}
        self.ask_path: AskPath = ask_save_path  # replaced by tests
        self._words = StatsWords(self)
        self._export = RangeExport(store, user_id, tasks, self._notice, parent=self)
        self._export.exported.connect(self.exported)
        self._loader = ThrottledLoad(tasks, self._read, self._show_read, self._read_failed_with, parent=self)
        self._build()
        self.refresh()

    # -- building -----------------------------------------------------------------

    def _build(self) -> None:
        self.setStyleSheet(_SHEET)
        self.title_label = named(QLabel(), "todayTitle")
        self.range_picker = RangePicker(self._today())
        self.updated_label = named(QLabel(), "todayUpdated")
        self.export_button = named(QPushButton(self.tr("导出 CSV…")), "exportCsvButton")
        self.export_button.setAutoDefault(False)
        self.export_button.setToolTip(self.tr("把所选日期的通话记录保存为 Excel 可打开的 CSV 文件"))
        header = QHBoxLayout()
        header.addWidget(self.range_picker)
        header.addSpacing(12)
        header.addWidget(self.title_label)
        header.addSpacing(12)
        header.addWidget(self.updated_label)
        header.addStretch(1)
        header.addWidget(self.export_button)

        self.calls_tile = Tile(self.tr("通话"), "todayCalls")
        self.customers_tile = Tile(self.tr("添加电子客"), "todayCustomers")
        self.average_tile = Tile(self.tr("平均卡片时长"), "todayAverage")
        self.accept_tile = Tile(self.tr("接受邀请率"), "statsAcceptRate")
        self.per_hour_tile = Tile(self.tr("每小时通话"), "statsPerHour")
        self.pending_tile = Tile(self.tr("待同步"), "todayPending")
        self.attention_tile = Tile(self.tr("需处理"), "todayAttention")
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        for tile in (
            self.calls_tile,
            self.customers_tile,
            self.average_tile,
            self.accept_tile,
            self.per_hour_tile,
            self.pending_tile,
            self.attention_tile,
        ):
            tiles.addWidget(tile, 1)

        # One line each, never wrapped: a wrapping label would make the page ask for its
        # preferred height and scroll long before its content has to.
        self.details_label = named(QLabel(), "todayDetails")
        self.notice_label = named(QLabel(), "exportNotice")
        self.notice_label.hide()
        for label in (self.details_label, self.notice_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # The export's notice sits beside its button, in a row the button's height sets:
        # a message never moves the charts and costs the page no line of its own.
        self.notice_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.insertWidget(header.indexOf(self.export_button), self.notice_label, 1)

        self.feedback_chart = named(BarChart(self.tr("按反馈类型")), "feedbackChart")
        self.project_chart = named(BarChart(self.tr("按项目"), color="#2f8f83"), "projectChart")
        self.hour_chart = named(HourChart(self.tr("每小时通话")), "hourChart")
        charts = QGridLayout()
        charts.setSpacing(12)
        charts.addWidget(self.feedback_chart, 0, 0)
        charts.addWidget(self.project_chart, 0, 1)
        charts.addWidget(self.hour_chart, 1, 0, 1, 2)
        charts.setColumnStretch(0, 1)
        charts.setColumnStretch(1, 1)
        charts.setRowStretch(1, 1)  # room to spare goes to the hours, the bars keep their rows

        page = named(QWidget(), "todayPage")
        column = QVBoxLayout(page)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(8)
        column.addLayout(header)
        column.addLayout(tiles)
        column.addWidget(self.details_label)
        column.addLayout(charts, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.export_button.clicked.connect(self.export_csv)
        self.range_picker.changed.connect(self._loader.load_soon)

    # -- public -------------------------------------------------------------------

    def stats(self) -> DayStats | None:
        """The totals shown (None until the log could be read)."""
        return None if self._stats is None else self._stats.totals

    def range_stats(self) -> RangeStats | None:
        """Every figure shown, with its range (None until the log could be read)."""
        return self._stats

    def day_range(self) -> DayRange:
        """The days chosen in ``statsRange``, as of today."""
        return self.range_picker.day_range(self._today())

    def refresh(self) -> None:
        """Read today's log and the outbox counts again and show them, now."""
        self._loader.load_now()

    def refresh_soon(self) -> None:
        """Read again in the background, at most about once a second (at each engine status)."""
        self._loader.request()

    def _read(self) -> RangeStats:
        """The range's figures; runs on a pool thread except for ``refresh``."""
        return read_range_stats(
            History(self._store.db()),
            self._user_id,
            self.day_range(),
            accepted_items=self._accepted_items(),
            goal_per_hour=self._goal_per_hour() or None,
            outbox_counts=self._store.outbox().counts(),
        )

    def _read_failed_with(self, exc: BaseException) -> None:
        """Keep the last figures, and say why they are old."""
        if not isinstance(exc, StoreError):
            log.error("today's log read failed", exc_info=exc)
            return
        log.warning("the call log is unreadable: %s", exc.message)
        self._show_title(self.day_range())
        self._notice(fill(self.tr("无法读取本地记录：%1"), render(exc.message)), "error")
        self._read_failed = True

    def _show_read(self, stats: RangeStats) -> None:
        self._show_title(stats.day_range)
        if self._read_failed:
            self._read_failed = False
            self._notice("", "info")
        self._stats = stats
        self._show(stats)
        self.updated_label.setText(fill(self.tr("更新于 %1"), timefmt.clock(self._clock())))

    def default_file_name(self) -> str:
        return self._export.default_file_name(self.day_range())

    def export_csv(self) -> Path | None:
        """Ask where, then write the chosen range's log there, on the pool (``RangeExport.export``)."""
        return self._export.export(self, self.day_range(), self.ask_path, self._choice_names)

    # -- internals ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self._loader.load_soon()  # on the pool: a month of calls never holds the window

    def _show(self, figures: RangeStats) -> None:
        stats = figures.totals
        self.calls_tile.show_value(str(stats.calls))
        self.customers_tile.show_value(str(stats.customers))
        self.average_tile.show_value(minutes_seconds(stats.talk_average_s))
        self.pending_tile.show_value(str(stats.pending))
        self.attention_tile.show_value(str(stats.attention), alert=stats.attention > 0)
        rate = figures.accept_rate
        self.accept_tile.show_value("-" if rate is None else f"{rate * 100:.1f}%")
        goal = figures.hour_goal
        per_hour = "-" if goal.calls_per_hour is None else f"{goal.calls_per_hour:.1f}"
        self.per_hour_tile.show_value(per_hour, alert=bool(goal.goal_ratio is not None and goal.goal_ratio < 1))
        self.per_hour_tile.caption.setText(
            fill(self.tr("每小时通话（目标 %1）"), f"{goal.goal:g}") if goal.goal else self.tr("每小时通话")
        )
        self.feedback_chart.set_items(stats.by_feedback)
        self.project_chart.set_items(stats.by_project)
        one_day = figures.day_range.days == 1
        self.hour_chart.set_counts(stats.by_hour if one_day else goal.by_hour_per_day)
        self.hour_chart.set_goal(goal.goal)
        self.details_label.setText(self._words.details(figures))

    def _show_title(self, days: DayRange) -> None:
        self.title_label.setText(self._words.title(days))

    def set_choices(self, genders: Sequence[Choice], types: Sequence[Choice]) -> None:
        """The server's picker lists: the CSV names 性别 and 客户类型 instead of their codes."""
        self._choice_names = {
            "gender_type": {c.value: c.name for c in genders},
            "customer_type": {c.value: c.name for c in types},
        }

    def _notice(self, text: str, level: str, tooltip: str | None = None) -> None:
        self.notice_label.setText(text)
        self.notice_label.setToolTip(text if tooltip is None else tooltip)
        self.notice_label.setProperty("level", level)
        repolish(self.notice_label)
        self.notice_label.setVisible(bool(text))

