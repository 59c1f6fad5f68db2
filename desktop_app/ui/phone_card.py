"""The phone card: who to call, the number large and copyable, and how long it has been up.

It shows a card or, when there is none, one plain sentence saying why (call 完, offline
with an empty reserve, not 活动, no package chosen). It knows nothing of where phones
come from; the window feeds it and listens to ``nextRequested``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from . import timefmt
from .keys import press_on_key
from .naming import named

COPY_KEY = "F3"
DIAL_KEY = "F4"
NEXT_KEY = "F5"


class PhoneCardView(QFrame):
    nextRequested = Signal()

    def __init__(self, dial_template: str = "tel:{phone}", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phoneCard")
        self._dial_template = dial_template
        self._shown_at: float | None = None

        self.owner = named(QLabel(""), "phoneOwner")
        self.number = named(QLabel(""), "phoneNumber")
        self.number.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.message = named(QLabel(""), "phoneMessage")
        self.message.setWordWrap(True)
        self.elapsed = named(QLabel(""), "phoneElapsed")
        self.reserve = named(QLabel(""), "reserveCount")

        self.copy_button = named(QPushButton(self.tr("复制号码 (%1)").replace("%1", COPY_KEY)), "copyButton")
        press_on_key(self.copy_button, COPY_KEY)
        self.dial_button = named(QPushButton(self.tr("拨号 (%1)").replace("%1", DIAL_KEY)), "dialButton")
        press_on_key(self.dial_button, DIAL_KEY)
        self.next_button = named(
            QPushButton(self.tr("下一个号码 (%1)").replace("%1", NEXT_KEY)), "nextPhoneButton"
        )
        press_on_key(self.next_button, NEXT_KEY)
        for button in (self.copy_button, self.dial_button, self.next_button):
            button.setAutoDefault(False)

        top = QHBoxLayout()
        top.addWidget(self.owner, 1)
        top.addWidget(self.elapsed)
        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.dial_button)
        actions.addStretch(1)
        actions.addWidget(self.reserve)
        actions.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.number)
        layout.addWidget(self.message)
        layout.addLayout(actions)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.copy_button.clicked.connect(self.copy_number)
        self.dial_button.clicked.connect(self.dial)
        self.next_button.clicked.connect(self.nextRequested)
        self.show_empty("")

    # -- what the window calls ------------------------------------------------------

    def show_phone(self, owner: str, phone_no: str, shown_at: float) -> None:
        self.owner.setText(owner or self.tr("(无姓名)"))
        self.number.setText(phone_no)
        self.message.setText("")
        self.message.hide()
        self._shown_at = shown_at
        self.copy_button.setEnabled(True)
        self.dial_button.setEnabled(bool(self._dial_template))
        self._tick()
        self._timer.start()

    def show_empty(self, why: str) -> None:
        """No card: say why in plain words."""
        self.owner.setText("")
        self.number.setText("")
        self.message.setText(why)
        self.message.setVisible(bool(why))
        self._shown_at = None
        self._timer.stop()
        self.elapsed.setText("")
        self.copy_button.setEnabled(False)
        self.dial_button.setEnabled(False)

    def show_note(self, text: str) -> None:
        """A line under the card (e.g. while fetching), without removing the card."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def set_reserve(self, count: int | None) -> None:
        self.reserve.setVisible(count is not None)
        if count is not None:
            self.reserve.setText(self.tr("备用号码: %1").replace("%1", str(count)))

    def set_can_fetch(self, can: bool, busy: bool = False) -> None:
        self.next_button.setEnabled(can and not busy)
        self.next_button.setText(
            self.tr("正在获取…") if busy else self.tr("下一个号码 (%1)").replace("%1", NEXT_KEY)
        )

    @property
    def has_card(self) -> bool:
        return self._shown_at is not None

    def copy_number(self) -> None:
        if self.number.text():
            QGuiApplication.clipboard().setText(self.number.text())
            self.show_note(self.tr("号码已复制"))

    def dial(self) -> None:
        if self.number.text() and self._dial_template:
            QDesktopServices.openUrl(QUrl(self._dial_template.replace("{phone}", self.number.text())))

    def _tick(self) -> None:
        if self._shown_at is not None:
            since = timefmt.elapsed(time.time() - self._shown_at)
            self.elapsed.setText(self.tr("已显示 %1").replace("%1", since))
