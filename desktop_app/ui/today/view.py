"""今日: what the agent did today, at a glance, and the day's log as a CSV file.

Totals (calls, 电子客 added, average card time, writes still waiting), calls per
feedback type, per project and per hour. Everything comes from this PC's call log and
outbox, so the view works offline and is current the moment a feedback is recorded.
``refresh()`` reads at once (when the view is shown); at every engine status the
window calls ``refresh_soon()``, which reads at most about once a second on the
background pool, so a long day's log never freezes the window while syncing.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
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

from desktop_app.export_csv import csv_bytes
from desktop_app.private_files import write_private_file
from desktop_app.stats import DayStats, day_stats, minutes_seconds
from desktop_app.store.calllog import CallLogRow
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError

from ..csv_words import csv_header, csv_kind_names
from ..i18n import fill, timefmt
from ..i18n.messages import render
from ..queue.model import state_text
from ..tasks import BackgroundTasks
from ..throttled_load import ThrottledLoad
from ..widgets.bar_chart import BarChart
from ..widgets.hour_chart import HourChart
from ..widgets.naming import named
from ..widgets.polish import repolish
from .tile import Tile

log = logging.getLogger(__name__)

EXPORT_DIR_PREF = "today.export_dir"

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

AskPath = Callable[[QWidget, str, str, str], str]


def ask_save_path(parent: QWidget, caption: str, default_path: str, filters: str) -> str:
    """The platform's save dialog; returns the chosen path or "" when cancelled."""
    path, _selected = QFileDialog.getSaveFileName(parent, caption, default_path, filters)
    return str(path)


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
    ) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self._store = store
        self._user_id = user_id
        self._clock = clock
        self._today = today
        self._stats: DayStats | None = None
        self._read_failed = False
        self.ask_path: AskPath = ask_save_path  # replaced by tests
        self._loader = ThrottledLoad(tasks, self._read, self._show_read, self._read_failed_with, parent=self)
        self._build()
        self.refresh()

    # -- building -----------------------------------------------------------------

    def _build(self) -> None:
        self.setStyleSheet(_SHEET)
        self.title_label = named(QLabel(), "todayTitle")
        self.updated_label = named(QLabel(), "todayUpdated")
        self.export_button = named(QPushButton(self.tr("导出 CSV…")), "exportCsvButton")
        self.export_button.setAutoDefault(False)
        self.export_button.setToolTip(self.tr("把今天的通话记录保存为 Excel 可打开的 CSV 文件"))
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addSpacing(12)
        header.addWidget(self.updated_label)
        header.addStretch(1)
        header.addWidget(self.export_button)

        self.calls_tile = Tile(self.tr("今日通话"), "todayCalls")
        self.customers_tile = Tile(self.tr("添加电子客"), "todayCustomers")
        self.average_tile = Tile(self.tr("平均时长"), "todayAverage")
        self.pending_tile = Tile(self.tr("待同步"), "todayPending")
        self.attention_tile = Tile(self.tr("需处理"), "todayAttention")
        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        for tile in (
            self.calls_tile,
            self.customers_tile,
            self.average_tile,
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
        column.addWidget(self.notice_label)
        column.addLayout(charts, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.export_button.clicked.connect(self.export_csv)

    # -- public -------------------------------------------------------------------

    def stats(self) -> DayStats | None:
        """The figures shown (None until the log could be read)."""
        return self._stats

    def refresh(self) -> None:
        """Read today's log and the outbox counts again and show them, now."""
        self._loader.load_now()

    def refresh_soon(self) -> None:
        """Read again in the background, at most about once a second (at each engine status)."""
        self._loader.request()

    def _read(self) -> tuple[dt.date, DayStats]:
        """The day's figures; runs on a pool thread for ``refresh_soon``."""
        day = self._today()
        rows = self._store.calllog().for_day(day, self._user_id)
        return day, day_stats(rows, self._store.outbox().counts())

    def _read_failed_with(self, exc: BaseException) -> None:
        """Keep the last figures, and say why they are old."""
        if not isinstance(exc, StoreError):
            log.error("today's log read failed", exc_info=exc)
            return
        log.warning("today's log unreadable: %s", exc.message)
        self._show_title(self._today())
        self._notice(fill(self.tr("无法读取本地记录：%1"), render(exc.message)), "error")
        self._read_failed = True

    def _show_read(self, read: tuple[dt.date, DayStats]) -> None:
        day, stats = read
        self._show_title(day)
        if self._read_failed:
            self._read_failed = False
            self._notice("", "info")
        self._stats = stats
        self._show(stats)
        self.updated_label.setText(fill(self.tr("更新于 %1"), timefmt.clock(self._clock())))

    def default_file_name(self) -> str:
        return fill(self.tr("通话记录-%1.csv"), self._today().isoformat())

    def export_csv(self) -> Path | None:
        """Ask where, then write today's log there (atomically); returns the path written."""
        default = str(self._export_dir() / self.default_file_name())
        chosen = self.ask_path(self, self.tr("导出今日通话记录"), default, self.tr("CSV 文件 (*.csv)"))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        try:
            rows = self._store.calllog().for_day(self._today(), self._user_id)
            data = csv_bytes(
                rows,
                self._states(rows),
                header=csv_header(),
                kind_names=csv_kind_names(),
            )
        except StoreError as exc:
            self._notice(fill(self.tr("导出失败：%1"), render(exc.message)), "error")
            return None
        try:
            write_private_file(path, data)
        except OSError as exc:
            log.warning("CSV export to %s failed: %s", path, exc)
            self._notice(fill(self.tr("导出失败：%1"), exc.strerror or str(exc)), "error")
            return None
        self._remember_dir(path.parent)
        self._notice(fill(self.tr("已导出 %1 条记录：%2"), len(rows), path.name), "info")
        self.notice_label.setToolTip(str(path))
        self.exported.emit(str(path))
        return path

    # -- internals ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def _show(self, stats: DayStats) -> None:
        self.calls_tile.show_value(str(stats.calls))
        self.customers_tile.show_value(str(stats.customers))
        self.average_tile.show_value(minutes_seconds(stats.talk_average_s))
        self.pending_tile.show_value(str(stats.pending))
        self.attention_tile.show_value(str(stats.attention), alert=stats.attention > 0)
        self.feedback_chart.set_items(stats.by_feedback)
        self.project_chart.set_items(stats.by_project)
        self.hour_chart.set_counts(stats.by_hour)
        self.details_label.setText(self._details(stats))

    def _details(self, stats: DayStats) -> str:
        if stats.first_call is None or stats.last_call is None:
            return self.tr("今天还没有通话记录。")
        parts = [
            fill(self.tr("第一通 %1"), timefmt.hour_minute(stats.first_call)),
            fill(self.tr("最后一通 %1"), timefmt.hour_minute(stats.last_call)),
            fill(self.tr("通话总时长 %1"), minutes_seconds(stats.talk_total_s)),
        ]
        busiest = stats.busiest_hour
        if busiest is not None:
            parts.append(
                fill(self.tr("最忙 %1:00–%2:00（%3 通）"), busiest, busiest + 1, stats.by_hour[busiest])
            )
        return "  ·  ".join(parts)

    def _show_title(self, day: dt.date) -> None:
        self.title_label.setText(fill(self.tr("今日 %1 %2"), day.isoformat(), self._weekday(day)))

    def _weekday(self, day: dt.date) -> str:
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

    def _states(self, rows: list[CallLogRow]) -> dict[str, str]:
        """The outbox state text of each row's write, as the queue view shows it."""
        if not rows:
            return {}
        since = min(row.created_at for row in rows)
        items = self._store.outbox().items_since(since, user_id=self._user_id)
        return {item.client_id: state_text(item) for item in items}

    def _export_dir(self) -> Path:
        try:
            remembered = self._store.prefs().get(EXPORT_DIR_PREF)
        except StoreError:
            remembered = None
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()

    def _remember_dir(self, folder: Path) -> None:
        try:
            self._store.prefs().set(EXPORT_DIR_PREF, str(folder))
        except StoreError as exc:
            log.info("export folder not remembered: %s", exc.message)

    def _notice(self, text: str, level: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setToolTip(text)
        self.notice_label.setProperty("level", level)
        repolish(self.notice_label)
        self.notice_label.setVisible(bool(text))
