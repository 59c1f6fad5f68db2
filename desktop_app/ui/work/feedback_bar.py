"""One numbered button per feedback type from getcallback; keys 1–9 press them.

The number keys work anywhere in the work window except while typing in a text field
(the customer form), where a digit is part of a name or a phone number. The list is set
several times a session (this PC's copy, then the server's, again when the server comes
back); the buttons are rebuilt only when it really changed, so a button found once stays
the same object while the list is the same. The buttons sit three to a row like a number
pad, fewer when the column is too narrow for three: they reflow (and the bar grows
taller) instead of squeezing into each other.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
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
        self._columns = COLUMNS
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        # The bar decides its own height from its width (see _reflow): its layout must not
        # pin a minimum width of three buttons, or a narrow column could never reflow it.
        self._grid.setSizeConstraint(QGridLayout.SizeConstraint.SetNoConstraint)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
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
        """Show one button per item; nothing happens when the list is the one shown."""
        if list(items) == self._items:
            return
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
            self._buttons.append(button)
        self._reflow(force=True)

    def sizeHint(self) -> QSize:
        return QSize(self._columns * self._cell_width(), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._cell_width(), self.minimumHeight())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _cell_width(self) -> int:
        return max((button.sizeHint().width() for button in self._buttons), default=80)

    def _reflow(self, force: bool = False) -> None:
        """As many buttons to a row as the width takes (at most three), and the height for that."""
        spacing = max(0, self._grid.horizontalSpacing())
        fits = (self.width() + spacing) // (self._cell_width() + spacing) if self.width() > 0 else COLUMNS
        columns = max(1, min(COLUMNS, fits))
        if columns == self._columns and not force:
            return
        self._columns = columns
        for button in self._buttons:
            self._grid.removeWidget(button)
        for position, button in enumerate(self._buttons):
            self._grid.addWidget(button, position // columns, position % columns)
        for column in range(COLUMNS):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        rows = -(-len(self._buttons) // columns)
        height = max((button.sizeHint().height() for button in self._buttons), default=0)
        self.setMinimumHeight(rows * height + max(0, rows - 1) * max(0, self._grid.verticalSpacing()))
        self.updateGeometry()

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
