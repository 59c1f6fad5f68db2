"""One total of the 今日 view: a big number over its caption (``todayTile`` in the style sheet)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from ..widgets.naming import named
from ..widgets.polish import repolish


class Tile(QFrame):
    """One total: a big number over its caption."""

    def __init__(self, caption: str, value_name: str) -> None:
        super().__init__()
        self.setObjectName("todayTile")
        self.value = named(QLabel("0"), value_name)
        self.value.setProperty("role", "value")
        self.value.setProperty("alert", False)
        self.caption = QLabel(caption)
        self.caption.setProperty("role", "caption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def show_value(self, text: str, alert: bool = False) -> None:
        self.value.setText(text)
        if bool(self.value.property("alert")) != alert:
            self.value.setProperty("alert", alert)
            repolish(self.value)
