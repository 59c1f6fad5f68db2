"""The one way a window hears of the sync engine's status.

The engine runs on its own thread and calls ``on_status`` there; ``StatusBridge.changed``
carries each status to the UI thread by a queued connection, and ``follow`` is how a
window subscribes: the current status at once, every later one as it comes.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal

from desktop_app.sync.status import SyncStatus


class ShowsStatus(Protocol):
    def show_status(self, status: SyncStatus) -> None: ...


class StatusBridge(QObject):
    """Give ``changed.emit`` to the engine as its ``on_status`` (it may be called from any thread)."""

    changed = Signal(object)  # SyncStatus

    def follow(self, window: ShowsStatus, current: SyncStatus) -> None:
        self.changed.connect(window.show_status, Qt.ConnectionType.QueuedConnection)
        window.show_status(current)

    def unfollow(self, window: ShowsStatus) -> None:
        self.changed.disconnect(window.show_status)
