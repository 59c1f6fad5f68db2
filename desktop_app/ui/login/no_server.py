"""First run without a server: the login window says so plainly, with the way to set one.

The agent sees one sentence and a prominent 设置服务器… button (``loginSetServer``); IT
sees where the address can be shipped instead (the default configuration file or the
``ESTATE_SERVER_URL`` environment variable).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from ..widgets.before_paint import selectable
from ..widgets.naming import named

PANEL_TEXT_WIDTH = 300  # the login panel's width less its margins


class NoServerPanel(QFrame):
    setServerRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginNoServer")
        self.headline = named(QLabel(self.tr("还没有设置服务器，暂时不能登录。")), "loginNoServerText")
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-weight: bold; color: #b3261e;")
        self.button = named(QPushButton(self.tr("设置服务器…")), "loginSetServer")
        self.button.setAutoDefault(True)
        self.button.setMinimumHeight(36)
        self.button.setStyleSheet("font-weight: bold;")
        self.for_it = named(
            QLabel(
                self.tr(
                    "IT：可在程序文件旁的 default_config.toml 中写入 server_url，"
                    "或设置环境变量 ESTATE_SERVER_URL，所有电脑即自动使用该服务器。"
                )
            ),
            "loginNoServerIt",
        )
        self.for_it.setWordWrap(True)
        self.for_it.setStyleSheet("color: #6b6b6b;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.headline)
        layout.addWidget(self.button)
        layout.addWidget(self.for_it)
        # A wrapped label in a fixed-width panel is not asked for its height: say it.
        self.for_it.setMinimumHeight(self.for_it.heightForWidth(PANEL_TEXT_WIDTH))
        self.button.clicked.connect(self.setServerRequested)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        selectable(self.for_it)  # here, not when built: it is shown at a first run only
