"""Function keys that press a button at once.

``QAbstractButton.setShortcut`` animates the click and acts 100 ms later; an agent
pressing F5 a few hundred times a day should get the next card at once, so the key is
a ``QShortcut`` that clicks the button directly (when it is enabled and shown).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton


def press_on_key(button: QAbstractButton, key: str) -> QShortcut:
    shortcut = QShortcut(QKeySequence(key), button)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)

    def press() -> None:
        if button.isEnabled() and button.isVisible():
            button.click()

    shortcut.activated.connect(press)
    return shortcut
