"""When the program cannot start because of its data folder: say so, then end with its exit code.

A folder in the database's place, a read-only folder or a database that cannot be
opened is not the agent's fault and no traceback helps IT: the reason is shown in a
box (and written on stderr for a script), and the program ends with
``Exit.LOCAL_DATA`` once the box is closed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.cli.exit_codes import Exit
from desktop_app.domain.codes import CommandCode
from desktop_app.domain.messages import Message, msg

from .i18n.messages import render


def show_start_failure(problem: Message, parent: QWidget | None = None) -> QMessageBox:
    """Show why the program cannot start; closing the box ends the event loop with ``Exit.LOCAL_DATA``."""
    text = render(problem)
    print(text, file=sys.stderr, flush=True)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        render(msg(CommandCode.CANNOT_START)),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("startFailureBox")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.finished.connect(lambda _result: QCoreApplication.exit(Exit.LOCAL_DATA))
    box.open()
    return box


def run_start_failure(qt_app: QApplication, problem: Message) -> int:
    """Show the failure before any window and run until the box is closed; returns the exit code."""
    quit_on_close = qt_app.quitOnLastWindowClosed()
    qt_app.setQuitOnLastWindowClosed(False)  # the box's own exit code, not 0 as it closes
    try:
        box = show_start_failure(problem)  # held until the loop ends
        code = int(qt_app.exec())
        box.deleteLater()
        return code
    finally:
        qt_app.setQuitOnLastWindowClosed(quit_on_close)
