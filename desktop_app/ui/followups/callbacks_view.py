"""The 回访 tab (F10): this agent's open callbacks, overdue, due today and later.

Read on the background pool (``Callbacks.agenda``) each time the tab is shown or a
callback changes. Enter (or 打开) puts the number up as the card; 完成 and 取消回访 close
a callback by hand. Callbacks live on this PC only, and the view says so.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.phones import display_phone
from desktop_app.store.callbacks import Agenda, Callback, Callbacks
from desktop_app.store.db import LocalStore

from ..i18n import fill
from ..tasks import BackgroundTasks
from ..widgets.naming import named
from .local_view import LocalView

ROLE = Qt.ItemDataRole.UserRole


class CallbacksView(LocalView):
    openRequested = Signal(object)  # Callback: put its number up as the card
    changed = Signal()  # a callback was closed here

    def __init__(
        self,
        store: LocalStore,
        user_id: int,
        tasks: BackgroundTasks,
        keep_days: Callable[[], int],
        clock: Callable[[], float] = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("callbacksView", store, user_id, tasks, keep_days, clock, parent)
        self.agenda: Agenda | None = None
        self.list = named(QTreeWidget(), "callbacksList")
        self.list.setColumnCount(5)
        self.list.setHeaderLabels(
            [self.tr("回访时间"), self.tr("客户"), self.tr("电话"), self.tr("项目"), self.tr("备注")]
        )
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        header = self.list.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.summary = named(QLabel(""), "callbacksSummary")
        self.open_button = named(QPushButton(self.tr("打开为当前号码 (Enter)")), "callbackOpen")
        self.done_button = named(QPushButton(self.tr("标记完成")), "callbackDone")
        self.cancel_button = named(QPushButton(self.tr("取消回访")), "callbackCancelOne")
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        for button in (self.open_button, self.done_button, self.cancel_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.local_note)
        self.list.itemActivated.connect(lambda _item, _col: self._open())
        self.open_button.clicked.connect(self._open)
        self.done_button.clicked.connect(lambda: self._finish(done=True))
        self.cancel_button.clicked.connect(lambda: self._finish(done=False))

    def refresh(self) -> None:
        """Read the agenda on the pool; the newest read wins."""
        self._generation += 1
        generation, store, user_id, now = self._generation, self._store, self._user_id, self._clock()
        self._say_where_it_lives()
        self._tasks.run(
            lambda: Callbacks(store.db()).agenda(user_id, now),
            lambda agenda: self._loaded(generation, agenda, now),
        )

    def selected(self) -> Callback | None:
        item = self.list.currentItem()
        found = item.data(0, ROLE) if item is not None else None
        return found if isinstance(found, Callback) else None

    def _loaded(self, generation: int, agenda: Agenda, now: float) -> None:
        if generation != self._generation:
            return
        self.agenda = agenda
        self.list.clear()
        groups = (
            (self.tr("已到期"), agenda.overdue, "overdue"),
            (self.tr("今天稍后"), agenda.today, "today"),
            (self.tr("以后"), agenda.upcoming, "upcoming"),
        )
        first: QTreeWidgetItem | None = None
        for title, callbacks, level in groups:
            head = QTreeWidgetItem([fill(self.tr("%1 (%2)"), title, len(callbacks))])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.list.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for callback in callbacks:
                item = QTreeWidgetItem(self._cells(callback, now))
                item.setData(0, ROLE, callback)
                item.setData(1, ROLE, level)
                self.list.addTopLevelItem(item)
                first = first or item
        if first is not None and self.list.currentItem() is None:
            self.list.setCurrentItem(first)
        self.summary.setText(
            fill(
                self.tr("已到期 %1 个，今天还有 %2 个，以后 %3 个"),
                len(agenda.overdue),
                len(agenda.today),
                len(agenda.upcoming),
            )
        )

    def _cells(self, callback: Callback, now: float) -> list[str]:
        when = dt.datetime.fromtimestamp(callback.due_at)
        today = dt.date.fromtimestamp(now)
        shown = f"{when:%H:%M}" if when.date() == today else f"{when:%m-%d %H:%M}"
        return [
            shown,
            callback.owner_name or self.tr("(无姓名)"),
            display_phone(callback.phone_no),
            callback.pro_name,
            callback.note,
        ]

    def _open(self) -> None:
        callback = self.selected()
        if callback is not None:
            self.openRequested.emit(callback)

    def _finish(self, done: bool) -> None:
        callback = self.selected()
        if callback is None:
            return
        callbacks = Callbacks(self._store.db())
        if done:
            callbacks.mark_done(callback.id, now=self._clock())
        else:
            callbacks.cancel(callback.id, now=self._clock())
        self.changed.emit()
        self.refresh()
