"""``undoButton``: the discreet countdown of the undo window in the status bar, and Ctrl+Z.

Hidden while nothing is held. Ctrl+Z is a window shortcut: inside a text field the
field takes the key first (Qt's shortcut override), so there it still undoes typing.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QPushButton

from ..i18n import fill
from ..widgets.naming import named
from .keymap import UNDO_KEY
from .undo_window import HeldWrite, UndoWindow

_STYLE = "QPushButton { color: #455a64; border: none; padding: 1px 8px; text-decoration: underline; }"


class UndoButton(QPushButton):
    def __init__(self, window: QMainWindow, undo: UndoWindow) -> None:
        super().__init__()
        named(self, "undoButton")
        self._undo = undo
        self.setFlat(True)
        self.setAutoDefault(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(_STYLE)
        self.hide()
        window.statusBar().insertPermanentWidget(0, self)
        self.undo_shortcut = QShortcut(QKeySequence(UNDO_KEY), window)
        self.undo_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.undo_shortcut.activated.connect(undo.undo)
        self.clicked.connect(undo.undo)
        undo.changed.connect(self.show_held)

    def show_held(self, held: HeldWrite | None) -> None:
        if held is None:
            self.hide()
            return
        seconds = math.ceil(self._undo.seconds_left())
        self.setText(fill(self.tr("撤销 (%1) %2 秒"), UNDO_KEY, seconds))
        self.setToolTip(fill(self.tr("刚记录的内容将在 %1 秒后发出；按 %2 撤销"), seconds, UNDO_KEY))
        self.show()
