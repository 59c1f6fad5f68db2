"""The program on one screen size, in a real X window: run by ``test_screen_fit`` under its own Xvfb.

Not collected by the suite (no ``test_`` prefix): ``test_screen_fit`` starts an Xvfb of
the size under test and runs this file with pytest, the xcb platform and, for the 150%
case, ``QT_SCALE_FACTOR``. With no window manager nothing moves a window back on screen,
so what is checked here is what the program itself does. ``ESTATE_SCREEN_TAG`` names the
size in the screenshots' file names.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QStatusBar, QTableView, QWidget

from desktop_app.ui.application import Application
from desktop_app.ui.widgets.follow_edit import FollowEdit
from tests.helpers.app_driver import AppFactory, log_in, wait_for_card
from tests.helpers.screens import require_cjk_font, save_picture
from tests.helpers.widgets import child, flush_events

TAG = os.environ.get("ESTATE_SCREEN_TAG", "screen")
LONG_FOLLOW = "客户说下周末带家人一起来售楼处看样板间，" * 9  # 180 characters
SLACK_PX = 2  # overlaps up to this are borders shared by neighbours


def frame_inside_screen(window: QWidget) -> None:
    """The window's frame (title bar and border included) lies in the available geometry."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    assert area.contains(frame), f"{window.objectName()}: frame {frame} outside {area}"


def _global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def visible_rect(widget: QWidget) -> QRect:
    """The part of the widget really on screen: clipped by every parent up to its window."""
    rect = _global_rect(widget)
    parent = widget.parentWidget()
    while parent is not None:
        rect = rect.intersected(_global_rect(parent))
        if parent.isWindow():
            break
        parent = parent.parentWidget()
    return rect


def visible_leaves(window: QWidget) -> list[QWidget]:
    """Widgets of ``window`` on screen that have no child widget on screen."""
    leaves = []
    for widget in window.findChildren(QWidget):
        if widget.isWindow() or not widget.isVisible():
            continue
        inner = [c for c in widget.findChildren(QWidget) if c.isVisible() and not c.isWindow()]
        if not inner and not visible_rect(widget).isEmpty():
            leaves.append(widget)
    return leaves


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'} in {widget.parentWidget().objectName() or type(widget.parentWidget()).__name__}"


def overlaps(window: QWidget) -> list[str]:
    """Pairs of visible leaf widgets that overlap by more than ``SLACK_PX`` in both directions."""
    leaves = visible_leaves(window)
    rects = [visible_rect(w) for w in leaves]
    found = []
    for i, first in enumerate(leaves):
        for j in range(i + 1, len(leaves)):
            common = rects[i].intersected(rects[j])
            if common.width() > SLACK_PX and common.height() > SLACK_PX:
                found.append(f"{_name(first)} {rects[i]} × {_name(leaves[j])} {rects[j]}")
    return found


def status_parts_whole(window: QWidget) -> bool:
    """Every part of the status bar as wide as its text needs (none cut off)."""
    bar = window.findChild(QStatusBar)
    if bar is None:
        return True
    parts = [w for w in bar.findChildren(QLabel) + bar.findChildren(QPushButton) if w.isVisible()]
    return all(part.width() >= part.sizeHint().width() for part in parts)


def check(window: QWidget, qtbot=None) -> None:  # type: ignore[no-untyped-def]
    flush_events()
    if qtbot is not None:  # a status that just came in is laid out before it is judged
        qtbot.waitUntil(lambda: status_parts_whole(window), timeout=3000)
    frame_inside_screen(window)
    assert not overlaps(window), "overlapping widgets:\n" + "\n".join(overlaps(window))


def picture(qtbot, window: QWidget, name: str) -> None:  # type: ignore[no-untyped-def]
    flush_events()
    qtbot.waitUntil(lambda: status_parts_whole(window), timeout=3000)
    save_picture(window.grab(), f"{name}-{TAG}.png")


def test_every_screen_fits(qtbot, app_factory: AppFactory) -> None:
    require_cjk_font()
    app: Application = app_factory(phone_reserve_size=2)
    login = app.login_window
    qtbot.waitExposed(login)
    check(login, qtbot)
    picture(qtbot, login, "login")

    window = log_in(qtbot, app)
    qtbot.waitExposed(window)
    wait_for_card(qtbot, window)
    qtbot.waitUntil(lambda: child(window, QPushButton, "feedback_0").isVisible(), timeout=5000)
    check(window, qtbot)
    size = window.size()
    picture(qtbot, window, "work")

    # -- the customer form open: in place, the window no larger --------------------------------
    qtbot.keyClick(window, Qt.Key.Key_F2)
    name_edit = child(window.customer_form, QLineEdit, "customerName")
    qtbot.waitUntil(name_edit.isVisible, timeout=2000)
    check(window, qtbot)
    assert window.size() == size, f"the form grew the window: {size} → {window.size()}"
    picture(qtbot, window, "customer_form")
    qtbot.keyClick(name_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not name_edit.isVisible(), timeout=2000)
    check(window, qtbot)
    assert window.size() == size

    # -- the queue with a few rows, one with a long 跟进 (elided, never widening its column) -----
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(name_edit.isVisible, timeout=2000)
    follow = child(window.customer_form, FollowEdit, "customerFollow")
    follow.setFocus()
    follow.insert(LONG_FOLLOW)  # as an input method commits Chinese text
    qtbot.keyClick(follow, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not name_edit.isVisible(), timeout=2000)
    for _ in range(2):
        wait_for_card(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_1)
    wait_for_card(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    queue = child(window, QWidget, "queueView")
    qtbot.waitUntil(queue.isVisible, timeout=2000)
    table = child(queue, QTableView, "queueTable")
    qtbot.waitUntil(lambda: table.model().rowCount() == 3, timeout=5000)
    summary = child(queue, QLabel, "queueSummary")
    qtbot.waitUntil(lambda: "已同步 3" in summary.text(), timeout=10000)  # as the agent sees it a moment later
    check(window, qtbot)
    room = table.viewport().width()
    for column in range(table.model().columnCount()):  # 状态 and 服务器消息 included
        assert table.columnViewportPosition(column) + 40 <= room, f"column {column} out of sight"
    picture(qtbot, window, "queue")


if __name__ == "__main__":  # pragma: no cover - run by test_screen_fit through pytest
    raise SystemExit(pytest.main([__file__]))
