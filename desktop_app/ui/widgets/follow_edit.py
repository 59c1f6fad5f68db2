"""The 跟进 field: up to 200 characters, seen whole while typed, without leaving the keyboard path.

A one-line field showed a sliver of a long note. This one wraps over three lines, yet
keeps the form's keys: Enter saves the form and Esc cancels it (the wire refuses line
breaks, so Enter has nothing else to do), Tab moves on, and a pasted text's line breaks
become spaces. Its small ``QLineEdit``-like API lets the form treat it as the others.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

VISIBLE_LINES = 3


def one_line(text: str) -> str:
    """``text`` with its line breaks and tabs as spaces."""
    return " ".join(text.replace("\t", " ").splitlines())


class FollowEdit(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.top() + margins.bottom()
        height = (
            self.fontMetrics().lineSpacing() * VISIBLE_LINES
            + 2 * int(self.document().documentMargin())
            + frame
        )
        self.setFixedHeight(height)

    # -- the QLineEdit-like part the form uses ----------------------------------------------

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(one_line(text))

    def insert(self, text: str) -> None:
        self.insertPlainText(one_line(text))

    def end(self, mark: bool = False) -> None:
        mode = QTextCursor.MoveMode.KeepAnchor if mark else QTextCursor.MoveMode.MoveAnchor
        self.moveCursor(QTextCursor.MoveOperation.End, mode)

    # -- keys and pasting ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            event.ignore()  # the form's: Enter saves, Esc cancels
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        self.insertPlainText(one_line(source.text()))
