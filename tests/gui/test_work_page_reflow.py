"""The 打电话 page on a small window: the feedback keys reflow, the page scrolls, nothing overlaps."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QScrollArea, QWidget

from desktop_app.api import CallbackItem
from desktop_app.ui.work.call_page import CallPage
from desktop_app.ui.work.feedback_bar import FeedbackBar
from tests.gui.screen_fit_child import overlaps
from tests.helpers.widgets import flush_events

NAMES = ["接受邀请", "继续跟进", "无人接听", "拒绝", "空号错号", "已购房", "关机停机"]


def items() -> list[CallbackItem]:
    return [CallbackItem(index=i, item_name=name) for i, name in enumerate(NAMES)]


def rows_and_columns(bar: FeedbackBar) -> tuple[int, int]:
    tops = {button.geometry().top() for button in bar.buttons()}
    lefts = {button.geometry().left() for button in bar.buttons()}
    return len(tops), len(lefts)


def test_the_feedback_keys_reflow_to_the_width(qtbot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    bar = FeedbackBar(holder, holder)
    bar.set_items(items())
    holder.resize(700, 400)
    bar.setGeometry(0, 0, 700, bar.minimumHeight())
    holder.show()
    qtbot.waitExposed(holder)
    qtbot.waitUntil(lambda: rows_and_columns(bar) == (3, 3))
    wide_height = bar.minimumHeight()

    cell = max(button.sizeHint().width() for button in bar.buttons())
    bar.setGeometry(0, 0, cell + 20, bar.minimumHeight())  # room for one a row
    qtbot.waitUntil(lambda: bar.minimumHeight() > 2 * wide_height)
    bar.setGeometry(0, 0, cell + 20, bar.minimumHeight())
    qtbot.waitUntil(lambda: rows_and_columns(bar) == (7, 1))
    assert overlaps(holder) == []


def test_a_small_window_scrolls_the_page_instead_of_squeezing_it(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    page = CallPage(lambda: "tel:{phone}", window)
    window.setCentralWidget(page)
    page.feedback.set_items(items())
    page.feedback.set_active(True)
    page.card_view.show_phone("王先生", "13800138000", 0.0)
    window.resize(1000, 240)
    window.show()
    qtbot.waitExposed(window)
    flush_events()
    scroll = page.findChild(QScrollArea, "workScroll")
    assert scroll is not None
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().isVisible())
    assert window.height() == 240  # the window did not grow for the page
    assert overlaps(window) == []

    page.customer_form.show()  # the form opens in place: the page may scroll, the window stays
    flush_events()
    assert window.size().height() == 240
    assert overlaps(window) == []
