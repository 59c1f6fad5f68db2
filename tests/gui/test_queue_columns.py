"""The queue's columns: sized to their content within limits, long texts elided with a tooltip.

One long 跟进 text must not widen 内容 past the screen: 状态 and 服务器消息 stay in sight at
1024 px, and the whole text is the cell's tooltip.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.store.outbox import Outcome
from desktop_app.ui.queue.columns import limit_px
from desktop_app.ui.queue.model import CONTENT, CUSTOMER, MESSAGE, STATE
from tests.gui.test_queue_view import NOW, REFUSED, TODAY_0905, make_view
from tests.helpers.writes import customer, enqueue, feedback, settle

LONG_FOLLOW = "客户说下周末带家人一起来售楼处看样板间，" * 10  # 200 characters


@pytest.mark.parametrize("font_px", [0, 20], ids=["default font", "20 px"])
@pytest.mark.gui_reads("view without a pool")
def test_a_long_follow_text_is_elided_and_the_state_stays_in_sight(qtbot, store, font_px: int) -> None:
    enqueue(store, feedback("陈一"), at=TODAY_0905)
    long_one = enqueue(store, customer("王二", follow_content=LONG_FOLLOW), at=TODAY_0905 + 1)
    refused = enqueue(store, feedback("张三" * 30), at=TODAY_0905 + 2)
    settle(store, [Outcome.attention(refused, REFUSED)], NOW)
    view = make_view(qtbot, store)
    if font_px:
        view.setStyleSheet(f"QTableView {{ font-size: {font_px}px; }}")
    view.resize(1000, 500)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    table = view.table
    qtbot.waitUntil(lambda: table.columnWidth(CONTENT) > 0)

    assert table.columnWidth(CONTENT) <= limit_px(table, CONTENT)
    assert table.columnWidth(CUSTOMER) <= limit_px(table, CUSTOMER)
    room = table.viewport().width()
    for column in (STATE, MESSAGE):
        left = table.columnViewportPosition(column)
        assert left >= 0 and left + min(table.columnWidth(column), 60) <= room, f"column {column} off screen"
    assert table.columnWidth(MESSAGE) >= 150
    assert not table.horizontalScrollBar().isVisible()

    row = view.model.row_of(long_one)
    tip = view.model.data(view.model.index(row, CONTENT), Qt.ItemDataRole.ToolTipRole)
    assert LONG_FOLLOW in tip
    assert table.textElideMode() == Qt.TextElideMode.ElideRight
    shown = view.model.data(view.model.index(view.model.row_of(refused), MESSAGE), Qt.ItemDataRole.ToolTipRole)
    assert shown  # the server's words, whole, on hover
