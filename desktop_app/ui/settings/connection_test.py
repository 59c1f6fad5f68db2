"""测试连接 in the settings dialog: the ``--check-server`` steps against the typed server.

The steps are those of ``desktop_app.cli.check_server.run_checks`` (one definition),
run on the background pool with the values typed in the dialog (server, timeouts,
company CA), each result shown as soon as it is known, the verdict last.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.cli.check_server import CheckLine, run_checks, verdict

from ..i18n import fill
from ..i18n.messages import render
from ..tasks import BackgroundTasks
from ..widgets.naming import named

log = logging.getLogger(__name__)

# What a run needs from the dialog: server URL, connect and read timeouts, CA file or None.
Target = tuple[str | None, float, float, str | None]


def check_connection(target: Target, emit: Callable[[CheckLine], None]) -> list[CheckLine]:
    """The check steps for ``target`` (runs on a pool thread, never on the UI thread)."""
    from desktop_app.api import make_http_client

    url, connect_s, read_s, ca_file = target
    assert url is not None
    with make_http_client(connect_s, read_s, ca_file or True) as http:
        return run_checks(http, url, read_timeout_s=read_s, emit=emit)


def line_text(line: CheckLine) -> str:
    mark = "✓" if line.ok else "✗"
    return f"{mark} {line.action}  {render(line.text)}  ({line.latency_ms:.0f} ms)"


class ConnectionTest(QWidget):
    """The 测试连接 button and its results under it."""

    lineReady = Signal(object)  # CheckLine, from the pool thread (queued to the UI thread)
    finished = Signal(bool)  # all steps passed

    def __init__(
        self, target: Callable[[], Target], tasks: BackgroundTasks | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._target = target
        self._tasks = tasks if tasks is not None else BackgroundTasks(self)
        self._running = False
        self.button = named(QPushButton(self.tr("测试连接")), "settingsTestConnection")
        self.button.setAutoDefault(False)
        self.result = named(QLabel(""), "settingsTestResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.button.clicked.connect(self.start)
        self.lineReady.connect(self._add_line, Qt.ConnectionType.QueuedConnection)
        self._lines: list[str] = []

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Run the steps against what is typed now; the results replace the last ones."""
        if self._running:
            return
        target = self._target()
        if not target[0]:
            self._show([self.tr("请先填写服务器地址")])
            return
        self._running = True
        self.button.setEnabled(False)
        self.button.setText(self.tr("正在测试…"))
        self._show([fill(self.tr("正在连接 %1 …"), target[0])])
        self._lines = []
        relay = self.lineReady.emit

        def emit(line: CheckLine) -> None:
            try:
                relay(line)
            except RuntimeError:  # the dialog was closed meanwhile
                log.debug("connection test line dropped: dialog gone")

        self._tasks.run(lambda: check_connection(target, emit), self._done, self._failed)

    def _add_line(self, line: CheckLine) -> None:
        self._lines.append(line_text(line))
        self._show(self._lines)

    def _done(self, lines: list[CheckLine]) -> None:
        if not shiboken6.isValid(self):  # the dialog was closed while the steps ran
            return
        ok, text = verdict(lines)
        self._lines = [line_text(line) for line in lines] + [render(text)]
        self._show(self._lines, ok)
        self._stop()
        self.finished.emit(ok)

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        log.warning("connection test failed: %r", exc)
        self._show([fill(self.tr("测试没有完成：%1"), str(exc) or type(exc).__name__)], False)
        self._stop()
        self.finished.emit(False)

    def _stop(self) -> None:
        self._running = False
        self.button.setEnabled(True)
        self.button.setText(self.tr("测试连接"))

    def _show(self, lines: list[str], ok: Any = None) -> None:
        self.result.setText("\n".join(lines))
        self.result.setProperty("ok", ok)
        colour = {True: "#1b5e20", False: "#b3261e"}.get(ok, "#333333")
        self.result.setStyleSheet(f"color: {colour};")
        self.result.show()
