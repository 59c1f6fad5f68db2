"""The one way parts of the window ask the application for a notice to the agent."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QMessageBox, QWidget


class Notices(Protocol):
    """``Application.tell``: a non-blocking message box, as the parts that need one see it."""

    def tell(
        self,
        title: str,
        text: str,
        parent: QWidget | None = None,
        *,
        icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
        name: str = "noticeBox",
    ) -> QMessageBox: ...
