"""The red line under a form field that says what is wrong with it; hidden while nothing is."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from .naming import named

ERROR_STYLE = "color: #c62828; font-size: 12px;"


def error_label(name: str) -> QLabel:
    """An empty, hidden error line with the object name ``name`` (tests find it by that)."""
    label = named(QLabel(), name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    """Show ``text`` in the line, or hide the line when there is nothing to say."""
    label.setText(text)
    label.setVisible(bool(text))
