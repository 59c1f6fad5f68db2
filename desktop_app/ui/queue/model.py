"""Today's writes as a table: what was recorded, for whom, and where it stands.

A plain list model over ``TodayWrites`` snapshots (see ``store.today_writes``), newest
first. A snapshot that only adds rows on top and changes rows in place (what syncing
does) is applied as just that, so the view does not lay out thousands of rows again.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.outbox_states import state_message
from desktop_app.domain.writes import WriteKind
from desktop_app.store.outbox import OutboxItem, State
from desktop_app.store.today_writes import TodayWrites

from ..i18n import fill, timefmt
from ..i18n.messages import QT_TRANSLATE_NOOP, render

Index = QModelIndex | QPersistentModelIndex

TIME, KIND, CUSTOMER, CONTENT, STATE, MESSAGE = range(6)
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# Marked for lupdate here, translated where shown (context "QueueModel").
_HEADERS = (
    QT_TRANSLATE_NOOP("QueueModel", "时间"),
    QT_TRANSLATE_NOOP("QueueModel", "类型"),
    QT_TRANSLATE_NOOP("QueueModel", "客户"),
    QT_TRANSLATE_NOOP("QueueModel", "内容"),
    QT_TRANSLATE_NOOP("QueueModel", "状态"),
    QT_TRANSLATE_NOOP("QueueModel", "服务器消息"),
)
# The names of the write kinds, here only (the queue and the day's CSV file).
_KINDS: dict[str, str] = {
    WriteKind.FEEDBACK: QT_TRANSLATE_NOOP("QueueModel", "反馈"),
    WriteKind.CUSTOMER: QT_TRANSLATE_NOOP("QueueModel", "电子客"),
}
_STATE_COLORS = {
    State.ATTENTION: "#c62828",
    State.UNCERTAIN: "#b26a00",
    State.SENT: "#1a7f37",
    State.DISCARDED: "#9e9e9e",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueModel", text)


def state_text(item: OutboxItem, now: float | None = None) -> str:
    """待同步 / 发送中 / 不确定(将重试) / 未确认(将重试) / 已同步 / 已同步(可能重复) / 需处理 / 已放弃."""
    moment = time.time() if now is None else now
    return render(state_message(item.state, item.maybe_duplicate, item.unconfirmed(moment)))


def kind_text(kind: str) -> str:
    return _tr(_KINDS[kind]) if kind in _KINDS else kind


def customer_text(item: OutboxItem) -> str:
    p = item.payload
    if item.kind == WriteKind.CUSTOMER:
        return f"{p.get('customer_name', '')} {p.get('customer_phone', '')}".strip()
    return f"{p.get('owner_name', '')} {p.get('phone_no', '')}".strip()


def content_text(item: OutboxItem, type_names: Mapping[str, str]) -> str:
    p = item.payload
    if item.kind == WriteKind.CUSTOMER:
        value = str(p.get("customer_type", ""))
        follow = str(p.get("follow_content", ""))
        shown = type_names.get(value, value)
        return f"{shown} · {follow}" if follow else shown
    return str(p.get("call_back_item_name", ""))


class QueueModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[OutboxItem] = []
        self._type_names: dict[str, str] = {}
        self._now = 0.0

    # -- data in ----------------------------------------------------------------------

    def show(self, writes: TodayWrites, now: float) -> None:
        """Take a new snapshot: new rows are inserted on top and changed rows repainted,
        so the table keeps its scroll position and selection; a reset otherwise."""
        self._now = now
        if writes.reset or len(writes.items) != len(self._items) + writes.added:
            self.beginResetModel()
            self._items = list(writes.items)
            self.endResetModel()
            return
        if writes.added:
            self.beginInsertRows(QModelIndex(), 0, writes.added - 1)
            self._items = list(writes.items[: writes.added]) + self._items
            self.endInsertRows()
        self._items = list(writes.items)
        if writes.changed:
            last_column = len(_HEADERS) - 1
            self.dataChanged.emit(
                self.index(writes.changed[0], 0), self.index(writes.changed[-1], last_column)
            )

    def set_type_names(self, names: Mapping[str, str]) -> None:
        self._type_names = dict(names)
        if self._items:
            self.dataChanged.emit(self.index(0, CONTENT), self.index(len(self._items) - 1, CONTENT))

    # -- lookups ----------------------------------------------------------------------

    def item(self, row: int) -> OutboxItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, client_id: str) -> int:
        for row, item in enumerate(self._items):
            if item.client_id == client_id:
                return row
        return -1

    def type_names(self) -> dict[str, str]:
        return dict(self._type_names)

    def items(self) -> list[OutboxItem]:
        return list(self._items)

    # -- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(_HEADERS[section]) if 0 <= section < len(_HEADERS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, column, role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            color = _STATE_COLORS.get(item.state)
            return QBrush(QColor(color)) if color else None
        if role == CLIENT_ID_ROLE:
            return item.client_id
        return None

    def _text(self, item: OutboxItem, column: int, tooltip: bool) -> str | None:
        if column == TIME:
            return timefmt.moment(item.created_at, self._now or item.created_at)
        if column == KIND:
            return kind_text(item.kind)
        if column == CUSTOMER:
            return customer_text(item)
        if column == CONTENT:
            return content_text(item, self._type_names)
        if column == STATE:
            if tooltip and item.attempts:
                return fill(QCoreApplication.translate("QueueModel", "已尝试 %1 次"), item.attempts)
            return state_text(item, self._now or None)
        if column == MESSAGE:  # the server's own words, or the program's about the connection
            return render(item.last_error) if item.last_error else ""
        return None
