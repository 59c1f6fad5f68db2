"""Run something right after a window's first paint; ``--measure-startup``'s two figures.

``startup_ms``: process start to the login window's first paint. ``typed_ms``: a key
posted to the 工号 field at that paint has reached it: the window is ready to type (the
GUI thread's start-up work runs in short steps, with the event loop free between them,
and the rest loads on a helper thread). ``gap_ms``: the longest the event loop went
without running a 5 ms timer from the first paint until ``ready``, that is how long a
key typed meanwhile could wait. ``ready_ms``: the
store attached, a login can be sent, and the event loop free again (a zero timer after
the start-up work); the program quits after printing it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent
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


def _elapsed_ms() -> str:
    return f"{(time.time() - process_start_time()) * 1000:.0f}"


class _FirstKey(QObject):
    def __init__(self, field: QWidget) -> None:
        super().__init__(field)
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.KeyPress:
            self._done = True
            print(f"typed_ms={_elapsed_ms()}", flush=True)
        return False


class _LoopGaps(QObject):
    """The longest interval between two runs of a 5 ms timer: how long the loop was busy."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(self)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now


_gaps: list[_LoopGaps] = []


def report_first_paint(window: QWidget, field: QWidget) -> None:
    """Print ``startup_ms=N`` once ``window`` has been painted, then ``typed_ms`` for ``field``."""

    def painted() -> None:
        print(f"startup_ms={_elapsed_ms()}", flush=True)
        _gaps.append(_LoopGaps(window))
        field.installEventFilter(_FirstKey(field))
        from PySide6.QtCore import Qt  # after the paint: see widgets.before_paint

        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_0, Qt.KeyboardModifier.NoModifier, "0")
        QCoreApplication.postEvent(field, key)

    on_first_paint(window, painted)


def report_ready() -> None:
    """Print ``ready_ms=N`` when the event loop is next free, then quit."""

    def ready() -> None:
        if _gaps:
            print(f"gap_ms={_gaps[0].longest * 1000:.0f}", flush=True)
        print(f"ready_ms={_elapsed_ms()}", flush=True)
        QApplication.quit()

    QTimer.singleShot(0, ready)
