"""What the call-loop, stall and memory benchmarks share: the real application, driven.

The application is built with ``build_application`` exactly as ``main()`` builds it and
driven through its widgets (log in, wait for a card, press keys: ``tests/helpers``),
against a demo server in a child process (``demo_process``). Two probes measure it from inside its event loop:
``PaintWatch`` (when the phone number label is painted with a new number) and
``LatenessProbe`` (how late a 10 ms timer fires while the program works).
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.demo.data import DemoData
from desktop_app.ui.application import Application
from desktop_app.ui.work.window import WorkWindow
from tests.helpers import app_driver

FEEDBACK_KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process in MiB, from ``/proc/<pid>/status`` (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("VmRSS not found")


# -- the application -----------------------------------------------------------------


def start_app(tmp_path: Path, server_url: str, **settings: Any) -> Application:
    """The program as ``main()`` builds it, with a 3 s read timeout (the server adds latency)."""
    return app_driver.start_app(tmp_path, server_url, **{"read_timeout_s": 3.0, **settings})


def log_in(qtbot: Any, app: Application) -> WorkWindow:
    return app_driver.log_in(qtbot, app, click=True, timeout_ms=10000)


def wait_for_card(qtbot: Any, window: WorkWindow, timeout_ms: int = 10000) -> None:
    app_driver.wait_for_card(qtbot, window, timeout_ms)


def large_package(min_size: int) -> tuple[int, int]:
    """(pro_id, package_id) of a current demo package holding at least ``min_size`` phones."""
    today = dt.date.today()
    for project in DemoData.default(today).projects:
        if not project.is_current(today):
            continue
        for package in project.packages:
            if package.size >= min_size:
                return project.pro_id, package.package_id
    raise LookupError(f"no demo package of {min_size} phones")


def choose_package(qtbot: Any, window: WorkWindow, pro_id: int, package_id: int) -> None:
    """Pick a project and a package in the pickers, as the agent does."""
    projects, packages = window.pickers.projects, window.pickers.packages

    def index_of(box: Any, attribute: str, wanted: int) -> int:
        for i in range(box.count()):
            data = box.itemData(i)
            if data is not None and getattr(data, attribute) == wanted:
                return i
        return -1

    qtbot.waitUntil(lambda: index_of(projects, "pro_id", pro_id) >= 0, timeout=10000)
    projects.setCurrentIndex(index_of(projects, "pro_id", pro_id))
    qtbot.waitUntil(lambda: index_of(packages, "package_id", package_id) >= 0, timeout=10000)
    packages.setCurrentIndex(index_of(packages, "package_id", package_id))
    current = window.pickers.current_package()
    assert current is not None and current.package_id == package_id


# -- probes --------------------------------------------------------------------------


class PaintWatch(QObject):
    """Times a key press until the number label is painted showing a different number."""

    def __init__(self, label: QLabel) -> None:
        super().__init__()
        self._label = label
        self._old: str | None = None
        self._painted_at: float | None = None
        self._loop = QEventLoop()
        label.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._old is not None
            and self._painted_at is None
            and event.type() == QEvent.Type.Paint
            and self._label.text() not in ("", self._old)
        ):
            self._painted_at = time.perf_counter()
            self._loop.quit()
        return False

    def press(self, qtbot: Any, window: QWidget, key: Qt.Key, timeout_s: float = 10.0) -> float:
        """Seconds from the key press to the new number painted (raises on timeout)."""
        self._old = self._label.text()
        self._painted_at = None
        started = time.perf_counter()
        qtbot.keyClick(window, key)
        if self._painted_at is None:
            QTimer.singleShot(int(timeout_s * 1000), self._loop.quit)
            self._loop.exec()
        self._old = None
        if self._painted_at is None:
            raise AssertionError(f"no new number painted within {timeout_s} s")
        return self._painted_at - started

    def close(self) -> None:
        self._label.removeEventFilter(self)


class LatenessProbe(QObject):
    """A 10 ms precise timer recording how late each tick came (gap minus interval)."""

    def __init__(self, interval_ms: int = 10) -> None:
        super().__init__()
        self.interval_s = interval_ms / 1000
        self.late: list[float] = []
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.late = []
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.late.append(max(0.0, now - self._last - self.interval_s))
        self._last = now

    def figures(self, prefix: str) -> dict[str, float | int]:
        late = self.late or [0.0]
        return {
            f"{prefix}_ticks": len(self.late),
            f"{prefix}_max_ms": max(late) * 1000,
            f"{prefix}_p99_ms": percentile(late, 0.99) * 1000,
            f"{prefix}_over_50ms": sum(1 for x in late if x > 0.050),
        }
