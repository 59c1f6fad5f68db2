"""``--measure-startup``: print the time from process start to the first painted window, then quit."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.startup import process_start_time


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._then = then
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            # After this paint has been handled and flushed, not before.
            QTimer.singleShot(0, self._then)
        return False


def on_first_paint(window: QWidget, then: Callable[[], object]) -> None:
    """Call ``then`` once, right after ``window`` has been painted for the first time."""
    window.installEventFilter(_FirstPaint(window, then))


def _report() -> None:
    elapsed_ms = (time.time() - process_start_time()) * 1000
    print(f"startup_ms={elapsed_ms:.0f}", flush=True)
    QApplication.quit()


def report_startup_on_first_paint(window: QWidget) -> None:
    on_first_paint(window, _report)
