"""The feedback buttons stay the same objects while the list stays the same."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.api import CallbackItem
from desktop_app.ui.work.feedback_bar import FeedbackBar


def test_setting_the_same_list_again_keeps_the_buttons(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    bar = FeedbackBar(host, host)
    items = [CallbackItem(0, "接受邀请"), CallbackItem(1, "继续跟进")]
    bar.set_items(items)
    first = bar.buttons()
    bar.set_items(list(items))  # this PC's copy, then the server's: the same list
    bar.set_active(True)
    assert bar.buttons() == first
    assert all(button.isEnabled() for button in first)  # still alive, not deleted later

    bar.set_items([*items, CallbackItem(2, "无人接听")])  # really changed: rebuilt
    assert len(bar.buttons()) == 3 and bar.buttons()[0] is not first[0]
    assert bar.buttons()[2].text() == "3 无人接听"
