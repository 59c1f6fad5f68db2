"""Writes made for another server than the one set now, and the agent's two choices.

A write is only ever sent to the server of the session it was made in. After IT changes
the server setting, the writes made for the old one wait; this bar says how many, for
which server, and offers to send them to the current server or to give them up (both
kept in the outbox's audit table). It shows one old server at a time, the one with the
most writes; after a choice the next one, if any, comes up.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..i18n import fill
from ..widgets.naming import named


class Waiting(NamedTuple):
    """What the bar shows, read off the UI thread: writes still to send by the other server
    they were made for, and the server set now."""

    elsewhere: dict[str, int]
    current: str | None


class OtherServersBar(QWidget):
    """``otherServersBar``: hidden while every waiting write is for the current server."""

    sendHereRequested = Signal(str)  # the old server
    discardRequested = Signal(str)  # the old server

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("otherServersBar")
        self.server: str | None = None  # the old server shown
        self.count = 0
        self.text_label = named(QLabel(), "otherServersText")
        self.text_label.setWordWrap(True)
        self.send_here_button = named(QPushButton(self.tr("改发到当前服务器")), "sendHereButton")
        self.discard_button = named(QPushButton(self.tr("放弃这些记录")), "discardOtherServerButton")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text_label, 1)
        row.addWidget(self.send_here_button)
        row.addWidget(self.discard_button)
        self.send_here_button.clicked.connect(self._send_here)
        self.discard_button.clicked.connect(self._discard)
        self.hide()

    def show_waiting(self, elsewhere: dict[str, int], current: str | None) -> None:
        """``elsewhere``: writes still to send, by the other server they were made for."""
        if not elsewhere:
            self.server, self.count = None, 0
            self.hide()
            return
        self.server, self.count = max(elsewhere.items(), key=lambda pair: (pair[1], pair[0]))
        text = self.tr("%1 条记录是为服务器 %2 记录的，不会发往当前设置的服务器 %3。")
        self.text_label.setText(fill(text, self.count, self.server, current or self.tr("(未设置)")))
        self.send_here_button.setEnabled(current is not None)
        self.show()

    def _send_here(self) -> None:
        if self.server is not None:
            self.sendHereRequested.emit(self.server)

    def _discard(self) -> None:
        if self.server is not None:
            self.discardRequested.emit(self.server)
