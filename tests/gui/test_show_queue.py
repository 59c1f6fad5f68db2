"""需处理 in the status bar opens the queue on the refused write, once its rows are read on the pool."""

from __future__ import annotations

import time

from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from desktop_app.store.outbox import Outcome
from tests.helpers.app_driver import log_in
from tests.helpers.writes import enqueue, feedback, settle


def test_a_click_on_attention_selects_the_refused_write_once_the_rows_are_read(qtbot, app) -> None:
    window = log_in(qtbot, app)
    app.engine.stop()  # the refused write stays as it is made here
    now = time.time()
    earlier = enqueue(app.store, feedback("陈一"), at=now - 2)
    refused = enqueue(app.store, feedback("张三"), at=now - 1)
    settle(
        app.store,
        [Outcome.attention(refused, msg(ApiCode.REFUSED, "传入数据错误")), Outcome.sent(earlier)],
        now,
    )

    window.status_bar.attentionClicked.emit()
    assert window.tabs.currentWidget() is window.queue_tab and window.queue_view.isVisible()
    qtbot.waitUntil(
        lambda: (item := window.queue_view.selected_item()) is not None and item.client_id == refused,
        timeout=3000,
    )
