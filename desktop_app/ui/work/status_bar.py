"""The status bar that tells the agent, at a glance, whether their work is safe.

It shows exactly the last ``SyncStatus`` it was given and nothing else: online or
offline (and since when), how many writes wait for the server, how many need the
agent, and when the server last confirmed a write. It keeps no state of its own, so
it can never drift from what the sync engine knows.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from desktop_app.sync.status import SyncStatus

from ..i18n import fill, timefmt
from ..i18n.messages import render
from ..widgets.naming import named

# (text, background) of the connection state: green when safe, red when not, seen at a glance.
_COLORS = {
    "online": ("#ffffff", "#1a7f37"),
    "offline": ("#ffffff", "#c62828"),
    "connecting": ("#424242", "#e0e0e0"),
    "noserver": ("#ffffff", "#b26a00"),
}
_PILL = "color: %s; background: %s; border-radius: 3px; padding: 1px 8px; font-weight: 600;"
_ATTENTION_ON = (
    "QPushButton { color: white; background: #c62828; border: none; border-radius: 3px; padding: 1px 8px; }"
)
_ATTENTION_OFF = "QPushButton { color: #616161; border: none; padding: 1px 8px; }"


# Before the engine first reports: a server is assumed and not yet heard from.
_STARTING = SyncStatus(
    online=None,
    since=None,
    queued=0,
    uncertain=0,
    attention=0,
    in_flight=0,
    last_success=None,
    last_error=None,
    base_url="",
)


class SyncStatusBar(QStatusBar):
    """Permanent parts ``connectionState``, ``queuedCount``, ``attentionCount``, ``lastSync``."""

    attentionClicked = Signal()

    def __init__(self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatusBar")
        self._clock = clock
        self._status: SyncStatus | None = None

        self.connection_label = named(QLabel(), "connectionState")
        self.queued_label = named(QLabel(), "queuedCount")
        self.attention_button = named(QPushButton(), "attentionCount")
        self.attention_button.setFlat(True)
        self.attention_button.setAutoDefault(False)
        self.attention_button.setToolTip(self.tr("查看需要处理的记录"))
        self.last_sync_label = named(QLabel(), "lastSync")
        for widget in (self.connection_label, self.queued_label, self.attention_button, self.last_sync_label):
            self.addPermanentWidget(widget)
        self.attention_button.clicked.connect(lambda: self.attentionClicked.emit())

        self.show_status(_STARTING)

    def status(self) -> SyncStatus | None:
        return self._status

    def show_message(self, text: str, timeout_ms: int = 5000) -> None:
        """A passing note (e.g. "已复制"), left of the permanent parts."""
        self.showMessage(text, timeout_ms)

    def show_status(self, status: SyncStatus) -> None:
        self._status = status
        self._show_connection(status)

        pending = status.pending
        self.queued_label.setText(fill(self.tr("待同步 %1"), pending))
        self.queued_label.setToolTip(
            fill(self.tr("排队 %1，不确定 %2，发送中 %3"), status.queued, status.uncertain, status.in_flight)
        )

        attention = status.attention
        self.attention_button.setText(fill(self.tr("需处理 %1"), attention))
        self.attention_button.setProperty("alert", attention > 0)
        self.attention_button.setStyleSheet(_ATTENTION_ON if attention > 0 else _ATTENTION_OFF)

        if status.last_success is None:
            self.last_sync_label.setText(self.tr("尚未同步"))
        else:
            when = timefmt.moment(status.last_success, self._clock())
            self.last_sync_label.setText(fill(self.tr("上次同步 %1"), when))

    def _show_connection(self, status: SyncStatus) -> None:
        if status.base_url is None:
            state, text = "noserver", self.tr("未设置服务器")
        elif status.online is None:
            state, text = "connecting", self.tr("○ 连接中…")
        elif status.online:
            state, text = "online", self.tr("● 在线")
        elif status.since is not None:
            now = self._clock()
            same_day = timefmt.start_of_day(status.since) == timefmt.start_of_day(now)
            since = timefmt.hour_minute(status.since) if same_day else timefmt.moment(status.since, now)
            text = fill(self.tr("● 离线 (自 %1)"), since)
            state = "offline"
        else:
            state, text = "offline", self.tr("● 离线")
        label = self.connection_label
        label.setText(text)
        label.setProperty("state", state)
        label.setStyleSheet(_PILL % _COLORS[state])
        tip = [status.base_url or self.tr("请在设置中填写服务器地址")]
        if status.last_error and state != "online":
            tip.append(render(status.last_error))
        label.setToolTip("\n".join(tip))
