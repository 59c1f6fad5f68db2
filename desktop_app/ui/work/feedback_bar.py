"""One numbered button per feedback type from getcallback; keys 1–9 press them.

The number keys work anywhere in the work window except while typing in a text field
(the customer form), where a digit is part of a name or a phone number.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from desktop_app.api import CallbackItem

from ..widgets.naming import named

COLUMNS = 3


def typing_in_text_field() -> bool:
    widget = QApplication.focusWidget()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox)


class FeedbackBar(QWidget):
    chosen = Signal(object)  # CallbackItem

    def __init__(self, shortcut_parent: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackButtons")
        self._items: list[CallbackItem] = []
        self._buttons: list[QPushButton] = []
        self._enabled = False
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._shortcuts: list[QShortcut] = []
        for digit in range(1, 10):
            shortcut = QShortcut(QKeySequence(str(digit)), shortcut_parent)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda d=digit: self._key(d))
            self._shortcuts.append(shortcut)

    @property
    def items(self) -> list[CallbackItem]:
        return list(self._items)

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def set_items(self, items: list[CallbackItem]) -> None:
        for button in self._buttons:
            self._grid.removeWidget(button)
            button.deleteLater()
        self._items = list(items)
        self._buttons = []
        for position, item in enumerate(self._items):
            label = f"{position + 1} {item.item_name}" if position < 9 else item.item_name
            button = named(QPushButton(label, self), f"feedback_{item.index}")
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setEnabled(self._enabled)
            button.clicked.connect(lambda _=False, it=item: self._press(it))
            self._grid.addWidget(button, position // COLUMNS, position % COLUMNS)
            self._buttons.append(button)

    def set_active(self, enabled: bool) -> None:
        """Feedback makes sense only while a card is shown."""
        self._enabled = enabled
        for button in self._buttons:
            button.setEnabled(enabled)

    def _key(self, digit: int) -> None:
        if typing_in_text_field() or not self.isVisible():
            return
        if digit <= len(self._buttons):
            self._buttons[digit - 1].click()

    def _press(self, item: CallbackItem) -> None:
        if self._enabled:
            self.chosen.emit(item)
