"""How wide the queue's columns may get: sized to their content, within limits.

One long 跟进 text or customer name must not widen its column past the screen and push
状态 and 服务器消息 out of sight; such a cell is elided (…) and the model gives its whole
text as the tooltip. 服务器消息 takes the room the others leave.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from .model import CONTENT, CUSTOMER, KIND, MESSAGE, STATE, TIME

# The widest a column may be sized to its content, in average character widths.
MAX_CHARS = {TIME: 12, KIND: 8, CUSTOMER: 26, CONTENT: 26, STATE: 18}


def limit_px(table: QTableView, column: int) -> int:
    return MAX_CHARS.get(column, 20) * max(1, table.fontMetrics().averageCharWidth())


def fit_columns(table: QTableView) -> None:
    """Each column to its content (rows looked at: the header's precision), capped; 服务器消息 stretches."""
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = table.horizontalHeader()
    header.setMinimumSectionSize(max(header.minimumSectionSize(), 40))
    for column in range(table.model().columnCount()):
        if column == MESSAGE:
            continue
        table.resizeColumnToContents(column)
        cap = limit_px(table, column)
        if table.columnWidth(column) > cap:
            table.setColumnWidth(column, cap)
