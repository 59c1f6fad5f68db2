"""The tabs an agent may never open during a shift are built the first time they are shown.

At login only the call page exists: 队列, 统计, 回访 and 历史 hold an empty place, and
设置… has no dialog. Each is built by its key, once, and works as if it had always been
there (the lists that arrived before it are in it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.helpers.app_driver import log_in, wait_for_card


def test_only_the_call_page_is_built_at_login_and_each_tab_by_its_key(qtbot, app) -> None:
    window = log_in(qtbot, app)
    wait_for_card(qtbot, window)
    side, followups = window.side, window.followups
    assert side.built_queue() is None and side.built_today() is None
    assert followups._callbacks_view is None and followups._history_view is None
    assert app.settings_dialog is None

    qtbot.keyClick(window, Qt.Key.Key_F9)
    queue = side.built_queue()
    assert queue is not None and queue.isVisible() and window.tabs.currentWidget() is window.queue_tab
    # The feedback names and customer choices loaded at login reached the view built later.
    box = queue.callback_editor.item_box
    assert window.feedback.items, "the feedback names were loaded before the view was built"
    assert [box.itemText(i) for i in range(box.count())] == [item.item_name for item in window.feedback.items]

    qtbot.keyClick(window, Qt.Key.Key_F7)
    today = side.built_today()
    assert today is not None and today.isVisible() and window.tabs.currentWidget() is window.today_tab

    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert side.built_queue() is queue  # once
    qtbot.keyClick(window, Qt.Key.Key_F10)
    assert followups._callbacks_view is not None and followups._callbacks_view.isVisible()
