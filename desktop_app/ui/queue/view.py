"""Today's writes and what the agent can do about them.

Lists every write of the day with its state and the server's message. A write the
server refused (需处理) can be corrected in place and sent again, or given up after a
confirmation (the outbox keeps an audit row). Writes made for another server than the
one set now wait, shown above the table with the choice to send them to the current
server or give them up (``other_servers``, ``server_moves``). "立即同步" asks the sync engine to try
everything now; the view itself never talks to the network.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.api import Choice
from desktop_app.domain.outbox_states import pending_count
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError
from desktop_app.store.outbox import OutboxItem, State
from desktop_app.store.today_writes import TodayWrites, follow

from ..i18n import fill, timefmt
from ..i18n.messages import render
from ..tasks import BackgroundTasks
from ..throttled_load import ThrottledLoad
from ..widgets.naming import named
from .columns import fit_columns
from .model import MESSAGE, QueueModel, content_text, customer_text, kind_text
from .other_servers import OtherServersBar, Waiting
from .resend_panel import Rebuild, ResendPanel
from .server_moves import ServerMoves

log = logging.getLogger(__name__)

# Rows Qt measures to size the columns (visible ones first). Its default, 1000, calls the
# model ~40,000 times per refresh: 150 ms on the UI thread with a thousand rows of a day.
# Columns are sized when rows come or go, not at every change of state: measuring even
# 50 rows at each status of a drain kept the UI thread busy ~10 ms a time.
SIZE_COLUMNS_FROM_ROWS = 50


class QueueView(QWidget):
    """``queueView``: today's outbox, 立即同步, and fixing or giving up refused writes."""

    syncNowRequested = Signal()
    resent = Signal(str)  # client id; the window wakes the sync engine
    discarded = Signal(str)  # client id
    rebound = Signal(int)  # how many writes of another server now go to the current one

    def __init__(
        self,
        store: LocalStore,
        user_id: int | None = None,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.time,
        tasks: BackgroundTasks | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queueView")
        self._store = store
        self._user_id = user_id
        self._clock = clock
        self._writes: TodayWrites | None = None  # what the table shows
        self._attention_wanted = False  # select the oldest 需处理 row after the next read
        self._loader = ThrottledLoad(tasks, self._read, self._show, self._read_failed, parent=self)
        self._columns_to_fit = False

        self.model = QueueModel(self)
        self.table = named(QTableView(), "queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(SIZE_COLUMNS_FROM_ROWS)

        self.summary_label = named(QLabel(), "queueSummary")
        self.sync_button = named(QPushButton(self.tr("立即同步")), "syncNowButton")
        self.resend_button = named(QPushButton(self.tr("修改后重发")), "resendButton")
        self.discard_button = named(QPushButton(self.tr("放弃")), "discardButton")
        self.notice_label = named(QLabel(), "queueNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()
        self.other_servers = OtherServersBar()

        self.editors = ResendPanel()
        self.callback_editor = self.editors.callback_editor
        self.customer_editor = self.editors.customer_editor

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("今日记录")))
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.resend_button)
        top.addWidget(self.discard_button)
        top.addWidget(self.sync_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.other_servers)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.editors)

        self.sync_button.clicked.connect(lambda: self.syncNowRequested.emit())
        self.resend_button.clicked.connect(self.edit_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.editors.submitted.connect(self._resend)
        self.editors.cancelled.connect(self.close_editor)
        self.server_moves = ServerMoves(store, self.other_servers, clock, tasks, self)
        self.server_moves.notice.connect(self._notice)
        self.server_moves.changed.connect(self.refresh)
        self.server_moves.rebound.connect(self.rebound)
        self.server_moves.gaveUp.connect(lambda: self.discarded.emit(""))

        self.refresh()

    # -- what the window calls ------------------------------------------------------------

    def set_user(self, user_id: int | None) -> None:
        self._user_id = user_id
        self.close_editor()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._columns_to_fit:
            self._fit_columns()

    def _fit_columns(self) -> None:
        fit_columns(self.table)
        self._columns_to_fit = False

    def set_choices(self, genders: Sequence[Choice], types: Sequence[Choice]) -> None:
        """The server lists, for the customer editor and for showing type names."""
        self.customer_editor.set_choices(genders, types)
        self.model.set_type_names({c.value: c.name for c in types})

    def set_callback_items(self, names: Sequence[str]) -> None:
        self.callback_editor.set_items(names)

    def refresh(self) -> None:
        """Reload today's writes from the store now (after the agent's own actions)."""
        self._loader.load_now()

    def refresh_soon(self) -> None:
        """Reload in the background, at most about once a second (at each engine status)."""
        self._loader.request()

    def _read(self) -> tuple[TodayWrites, float, Waiting]:
        """Today's rows, read on from those shown, and the writes waiting for another server;
        runs on a pool thread for ``refresh_soon``."""
        now = self._clock()
        since = timefmt.start_of_day(now)
        outbox = self._store.outbox()
        waiting = Waiting(outbox.pending_elsewhere(), outbox.server)
        return follow(outbox, self._writes, since, self._user_id), now, waiting

    def _read_failed(self, exc: BaseException) -> None:
        """Keep showing the last rows read, and say why they may be old."""
        if not isinstance(exc, StoreError):
            log.error("queue view read failed", exc_info=exc)
            return
        self._notice(fill(self.tr("无法读取本地记录：%1"), render(exc.message)))

    def _show(self, read: tuple[TodayWrites, float, Waiting]) -> None:
        """Put rows into the table, keeping the selected row selected."""
        writes, now, waiting = read
        self.other_servers.show_waiting(waiting.elsewhere, waiting.current)
        selected = self.selected_item()
        self._writes = writes
        self.model.show(writes, now)
        if writes.reset or writes.added:
            # capped: a long text is elided, 状态 and 服务器消息 stay in sight; a hidden
            # table is measured when it is next shown, not at every drain status meanwhile
            self._columns_to_fit = True
            if self.isVisible():
                self._fit_columns()
        if self.editors.editing is not None:
            edited = self.model.item(self.model.row_of(self.editors.editing))
            if edited is None or edited.state != State.ATTENTION:
                self.close_editor()
        still = self.selected_item()
        if selected is not None and (still is None or still.client_id != selected.client_id):
            self._select(selected.client_id)
        self._update_summary()
        self._update_buttons()
        if self._attention_wanted:
            self._attention_wanted = False
            self.select_attention()

    def selected_item(self) -> OutboxItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def select_attention_when_read(self) -> None:
        """Select the oldest write that needs the agent now, and again once the read on its way is shown."""
        self.select_attention()
        self._attention_wanted = True

    def select_attention(self) -> bool:
        """Select the oldest write that needs the agent (after a click on 需处理)."""
        waiting = [i for i in self.model.items() if i.state == State.ATTENTION]
        if not waiting:
            return False
        self._select(waiting[-1].client_id)
        self.table.setFocus()
        return True

    # -- actions ----------------------------------------------------------------------------

    def edit_selected(self) -> None:
        item = self.selected_item()
        if item is None or item.state != State.ATTENTION:
            return
        self._notice("")
        self.editors.load(item)

    def close_editor(self) -> None:
        self.editors.dismiss()

    def discard_selected(self) -> None:
        item = self.selected_item()
        if item is None or item.state != State.ATTENTION:
            return
        question = self.tr("放弃后这条记录不会再发送到服务器（本机保留记录）。\n%1\n确定放弃吗？")
        what = f"{kind_text(item.kind)}  {customer_text(item)}  {content_text(item, self.model.type_names())}"
        answer = QMessageBox.question(
            self,
            self.tr("放弃这条记录"),
            fill(question, what),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        reason = fill(self.tr("坐席放弃；服务器消息：%1"), render(item.last_error) if item.last_error else "")
        if self._apply(lambda: self._store.outbox().discard(item.client_id, reason, self._clock())):
            if self.editors.editing == item.client_id:
                self.close_editor()
            self._notice(self.tr("已放弃"))
            self.discarded.emit(item.client_id)

    # -- internals ---------------------------------------------------------------------------

    def _resend(self, client_id: str, build: Rebuild) -> None:
        row = self.model.row_of(client_id)
        item = self.model.item(row)
        if item is None or item.state != State.ATTENTION:
            self._notice(self.tr("这条记录已不需要处理"))
            self.close_editor()
            return
        payload = build(dict(item.payload))
        if self._apply(lambda: self._store.outbox().resend(client_id, payload, self._clock())):
            self.close_editor()
            self._notice(self.tr("已放回待同步队列"))
            self.resent.emit(client_id)

    def _apply(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except StoreError as exc:  # a refusing disk, or the row changed meanwhile: say so
            log.warning("queue change failed: %s", exc.message)
            self._notice(fill(self.tr("操作未完成：%1"), render(exc.message)))
            self.refresh()
            return False
        self.refresh()
        return True

    def _select(self, client_id: str) -> None:
        row = self.model.row_of(client_id)
        if row < 0:
            return
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))

    def _notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

    def _update_summary(self) -> None:
        counts: dict[State, int] = {}
        for item in self.model.items():
            counts[item.state] = counts.get(item.state, 0) + 1
        pending = pending_count(counts)
        self.summary_label.setText(
            fill(
                self.tr("共 %1 条，已同步 %2，待同步 %3，需处理 %4"),
                self.model.rowCount(),
                counts.get(State.SENT, 0),
                pending,
                counts.get(State.ATTENTION, 0),
            )
        )

    def _update_buttons(self, *_: object) -> None:
        item = self.selected_item()
        actionable = item is not None and item.state == State.ATTENTION
        self.resend_button.setEnabled(actionable)
        self.discard_button.setEnabled(actionable)
