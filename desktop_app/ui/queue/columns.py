"""How wide the queue's columns may get: sized to their content, within limits.

One long 跟进 text or customer name must not widen its column past the screen and push
状态 and 服务器消息 out of sight; such a cell is elided (…) and the model gives its whole
text as the tooltip. A column's limit is a number of characters and a share of the
table's width, whichever is smaller, so 服务器消息 (which takes the room the others
leave) keeps about a third of the table at 1024 px as at 1920 px, in any font size.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTableView

from .model import CONTENT, CUSTOMER, KIND, MESSAGE, STATE, TIME

# The widest a column may be sized to its content: (average characters, share of the width).
LIMITS = {
    TIME: (12, 0.12),
    KIND: (8, 0.08),
    CUSTOMER: (26, 0.20),
    CONTENT: (26, 0.20),
    STATE: (18, 0.12),
}


def limit_px(table: QTableView, column: int) -> int:
    chars, share = LIMITS.get(column, (20, 0.2))
    by_text = chars * max(1, table.fontMetrics().averageCharWidth())
    width = table.viewport().width()
    return min(by_text, int(width * share)) if width > 0 else by_text


def _cap(table: QTableView) -> None:
    for column in LIMITS:
        cap = limit_px(table, column)
        if table.columnWidth(column) > cap:
            table.setColumnWidth(column, cap)


class _CapOnResize(QObject):
    """Keeps the limits when the table gets narrower (a smaller window, the form beside it)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            _cap(self._table)
        return False


def fit_columns(table: QTableView) -> None:
    """Each column to its content (rows looked at: the header's precision), capped; 服务器消息 stretches."""
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    if table.findChild(_CapOnResize) is None:
        table.viewport().installEventFilter(_CapOnResize(table))
    for column in range(table.model().columnCount()):
        if column != MESSAGE:
            table.resizeColumnToContents(column)
    _cap(table)
