"""What the two forms opened under the card share: Esc closes them, and closing says so.

The window puts the keyboard back on the card when it hears ``closed``, whichever way
the form ended (saved, cancelled, Esc).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QWidget


class InPlaceForm(QFrame):
    closed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)

    def close_form(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_form()
            return
        super().keyPressEvent(event)
