"""The 历史 tab (F11): every call this agent recorded on this PC, searched as the agent types.

Each keystroke (after a short pause) reads one page on the background pool
(``History.search``); an answer overtaken by a newer one is dropped, so the list always
matches the text in the field and the UI thread never reads a growing table. Selecting
a row reads that number's calls, customers, callbacks and notes (``number_history``),
also on the pool, and shows them below.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.date_ranges import RangeCode, day_range
from desktop_app.domain.writes import WriteKind
from desktop_app.store.calllog import day_bounds
from desktop_app.store.db import LocalStore
from desktop_app.store.history import History, HistoryEntry, HistoryPage, HistoryQuery
from desktop_app.store.history_filters import HistoryFilters, history_filters

from ..i18n import fill
from ..tasks import BackgroundTasks
from ..widgets.naming import named
from .local_view import LocalView
from .number_text import number_html

ROLE = Qt.ItemDataRole.UserRole
TYPING_PAUSE_MS = 150
ALL = "all"


def range_names() -> dict[str, str]:
    return {
        ALL: QCoreApplication.translate("HistoryView", "全部日期"),
        RangeCode.TODAY: QCoreApplication.translate("HistoryView", "今天"),
        RangeCode.YESTERDAY: QCoreApplication.translate("HistoryView", "昨天"),
        RangeCode.THIS_WEEK: QCoreApplication.translate("HistoryView", "本周"),
        RangeCode.THIS_MONTH: QCoreApplication.translate("HistoryView", "本月"),
        RangeCode.CUSTOM: QCoreApplication.translate("HistoryView", "自选"),
    }


class HistoryView(LocalView):
    loaded = Signal()  # a page of results is on screen (tests wait for it)
    detailShown = Signal()

    def __init__(
        self,
        store: LocalStore,
        user_id: int,
        tasks: BackgroundTasks,
        keep_days: Callable[[], int],
        clock: Callable[[], float] = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("historyView", store, user_id, tasks, keep_days, clock, parent)
        self._detail_generation = 0
        self._filters_loaded = False
        self.page: HistoryPage | None = None
        self._entries: list[HistoryEntry] = []

        self.search = named(QLineEdit(), "historySearch")
        self.search.setPlaceholderText(self.tr("搜索电话号码或姓名的任意部分"))
        self.search.setClearButtonEnabled(True)
        self.project = named(QComboBox(), "historyProject")
        self.result = named(QComboBox(), "historyResult")
        self.range = named(QComboBox(), "historyRange")
        for code, name in range_names().items():
            self.range.addItem(name, code)
        self.first_day = named(QDateEdit(), "historyFrom")
        self.last_day = named(QDateEdit(), "historyTo")
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.hide()
        self._reset_filters()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for widget in (self.project, self.result, self.range, self.first_day, self.last_day):
            filters.addWidget(widget, 1)

        self.list = named(QTreeWidget(), "historyList")
        self.list.setHeaderLabels(
            [
                self.tr("时间"),
                self.tr("客户"),
                self.tr("电话"),
                self.tr("项目"),
                self.tr("结果"),
                self.tr("备注"),
            ]
        )
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        header = self.list.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.detail = named(QTextBrowser(), "historyDetail")
        self.detail.setPlaceholderText(self.tr("选中一行，查看这个号码的全部通话、电子客、回访和备注"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self.count = named(QLabel(""), "historyCount")
        self.more = named(QPushButton(self.tr("更多…")), "historyMore")
        self.more.setAutoDefault(False)
        self.more.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.more)
        bottom.addWidget(self.local_note, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._typing.start())
        for combo in (self.project, self.result):
            combo.currentIndexChanged.connect(lambda _i: self.run_search())
        self.range.currentIndexChanged.connect(self._range_changed)
        self.first_day.dateChanged.connect(lambda _d: self.run_search())
        self.last_day.dateChanged.connect(lambda _d: self.run_search())
        self.more.clicked.connect(lambda: self.run_search(more=True))
        self.list.currentItemChanged.connect(lambda item, _prev: self._show_detail(item))

    # -- what the window calls ----------------------------------------------------------

    def refresh(self) -> None:
        """The tab was shown: the filter choices once, and the list as it stands."""
        self._say_where_it_lives()
        if not self._filters_loaded:
            store, user_id = self._store, self._user_id
            self._tasks.run(lambda: history_filters(store.db(), user_id), self._filters_read)
        self.run_search()

    def query(self) -> HistoryQuery:
        start = end = None
        code = self.range.currentData()
        if code != ALL:
            today = dt.date.fromtimestamp(self._clock())
            custom = (self.first_day.date().toPython(), self.last_day.date().toPython())
            days = day_range(RangeCode(code), today, custom if code == RangeCode.CUSTOM else None)  # type: ignore[arg-type]
            start, end = day_bounds(days.first)[0], day_bounds(days.last)[1]
        return HistoryQuery(
            user_id=self._user_id,
            text=self.search.text(),
            pro_id=self.project.currentData(),
            item_name=self.result.currentData(),
            start=start,
            end=end,
        )

    def run_search(self, more: bool = False) -> None:
        self._typing.stop()
        self._generation += 1
        generation, store, query = self._generation, self._store, self.query()
        offset = len(self._entries) if more else 0
        self._tasks.run(
            lambda: History(store.db()).search(query, offset=offset),
            lambda page: self._found(generation, page, more),
        )

    # -- answers from the pool ------------------------------------------------------------

    def _filters_read(self, filters: HistoryFilters) -> None:
        self._filters_loaded = True
        for combo in (self.project, self.result):
            combo.blockSignals(True)
        self._reset_filters()
        for pro_id, name in filters.projects:
            self.project.addItem(name, pro_id)
        for item in filters.items:
            self.result.addItem(item, item)
        for combo in (self.project, self.result):
            combo.blockSignals(False)

    def _reset_filters(self) -> None:
        self.project.clear()
        self.project.addItem(self.tr("全部项目"), None)
        self.result.clear()
        self.result.addItem(self.tr("全部结果"), None)

    def _found(self, generation: int, page: HistoryPage, more: bool) -> None:
        if generation != self._generation:
            return  # overtaken by a newer search
        self.page = page
        if not more:
            self.list.clear()
            self._entries = []
        for entry in page.entries:
            self._entries.append(entry)
            item = QTreeWidgetItem(self._cells(entry))
            item.setData(0, ROLE, entry)
            self.list.addTopLevelItem(item)
        self.more.setVisible(page.has_more)
        shown = len(self._entries)
        self.count.setText(
            fill(self.tr("已显示 %1 条"), shown) if page.has_more or shown else self.tr("没有找到通话")
        )
        self.loaded.emit()

    def _cells(self, entry: HistoryEntry) -> list[str]:
        call = entry.call
        when = dt.datetime.fromtimestamp(call.created_at)
        result = call.item_name if call.kind == WriteKind.FEEDBACK else self.tr("电子客")
        name = call.owner_name or call.customer_name or self.tr("(无姓名)")
        return [f"{when:%Y-%m-%d %H:%M}", name, call.phone_no, call.pro_name, result, entry.note]

    def entries(self) -> list[HistoryEntry]:
        return list(self._entries)

    def _range_changed(self, _index: int) -> None:
        custom = self.range.currentData() == RangeCode.CUSTOM
        self.first_day.setVisible(custom)
        self.last_day.setVisible(custom)
        self.run_search()

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        entry: Any = item.data(0, ROLE) if item is not None else None
        if not isinstance(entry, HistoryEntry):
            return
        self._detail_generation += 1
        generation, store, user_id = self._detail_generation, self._store, self._user_id
        phone = entry.call.phone_no

        def shown(found: object) -> None:
            if generation == self._detail_generation:
                self.detail.setHtml(number_html(found))  # type: ignore[arg-type]
                self.detailShown.emit()

        self._tasks.run(lambda: History(store.db()).number_history(user_id, phone), shown)
