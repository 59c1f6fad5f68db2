"""退出登录 and back in: the old work window's jobs never reach its deleted widgets.

The log guard of every test (``helpers.log_guard``) fails these on any ERROR logged on
the way, "Internal C++ object already deleted" from a late callback included.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

from tests.helpers.app_driver import has_card, log_in
from tests.helpers.widgets import child


def test_a_job_of_the_old_window_finishing_after_logout_calls_nothing_back(qtbot, app) -> None:
    window = log_in(qtbot, app)
    qtbot.waitUntil(lambda: has_card(window), timeout=5000)
    gate = threading.Event()
    called: list[object] = []
    label = window.status_bar  # a widget of the old window, deleted with it
    window.flow._tasks.run(lambda: gate.wait(10), lambda _: (called.append("ran"), label.currentMessage()))

    window.logout_action.trigger()
    assert app.work_window is None and app.login_window.isVisible()
    with qtbot.waitSignal(window.destroyed, timeout=3000):
        pass  # deleteLater ran: the window and its widgets are gone
    gate.set()
    qtbot.waitUntil(lambda: app.tasks.busy == 0, timeout=5000)
    assert called == []


def test_logout_while_views_load_then_log_in_again(qtbot, app) -> None:
    window = log_in(qtbot, app)
    qtbot.waitUntil(lambda: has_card(window), timeout=5000)
    # Every view asks for its rows, the lists reload: jobs in flight as the window goes.
    window.queue_action.trigger()
    window.today_action.trigger()
    window.lists.load_reference_lists()
    window.lists.load_projects()
    old: QObject = window
    with qtbot.waitSignal(old.destroyed, timeout=3000):
        window.logout_action.trigger()

    again = log_in(qtbot, app)
    assert again is not old
    qtbot.waitUntil(lambda: has_card(again) and app.tasks.busy == 0, timeout=5000)
    assert child(again, QPushButton, "feedback_0").isEnabled()

