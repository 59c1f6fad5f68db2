"""The phone card: who to call, the number large and copyable, and how long it has been up.

It shows a card or, when there is none, one plain sentence saying why (call 完, offline
with an empty reserve, not 活动, no package chosen). It knows nothing of where phones
come from; the window feeds it and listens to ``nextRequested``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from desktop_app.config import dial_link

from ..i18n import fill, timefmt
from ..widgets.keys import press_on_key
from ..widgets.naming import named
from ..widgets.polish import repolish
from .keymap import COPY_KEY, DIAL_KEY, NEXT_KEY

log = logging.getLogger(__name__)

# The click-to-dial template, or a function that returns the current one.
DialTemplate = str | Callable[[], str]

# After a feedback with no phone in reserve the next one is a round trip away. For that
# long the answered card stays in place, greyed out, and only a wait longer than this
# turns it into "正在获取号码…": no flash at every call, and nothing on screen moves
# (switching layouts twice cost the next card ~3 ms of layout and paint).
PENDING_NOTICE_MS = 400


class PhoneCardView(QFrame):
    nextRequested = Signal()
    dialed = Signal()  # 拨号 was pressed for the card shown (its time to the result is kept)

    def __init__(self, dial_template: DialTemplate = "tel:{phone}", parent: QWidget | None = None) -> None:
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
        self.dial_error = named(QLabel(""), "dialError")  # why the last F4 opened nothing
        self.dial_error.setWordWrap(True)
        self.dial_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dial_error.setStyleSheet("color: #b3261e;")
        self.source = named(QLabel(""), "phoneSource")  # the card's project and package

        self.copy_button = named(QPushButton(fill(self.tr("复制号码 (%1)"), COPY_KEY)), "copyButton")
        press_on_key(self.copy_button, COPY_KEY)
        self.dial_button = named(QPushButton(fill(self.tr("拨号 (%1)"), DIAL_KEY)), "dialButton")
        press_on_key(self.dial_button, DIAL_KEY)
        self.next_button = named(QPushButton(fill(self.tr("下一个号码 (%1)"), NEXT_KEY)), "nextPhoneButton")
        press_on_key(self.next_button, NEXT_KEY)
        for button in (self.copy_button, self.dial_button, self.next_button):
            button.setAutoDefault(False)

        top = QHBoxLayout()
        top.addWidget(self.owner, 1)
        top.addWidget(self.source)
        top.addWidget(self.elapsed)
        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.dial_button)
        actions.addStretch(1)
        actions.addWidget(self.reserve)
        actions.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        self.number_row = QHBoxLayout()  # the window may add a short line about the number
        self.number_row.addWidget(self.number)
        self.number_row.addStretch(1)
        layout.addLayout(self.number_row)
        layout.addStretch(1)  # without a card, the reason sits in the middle of the card
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(actions)
        layout.addWidget(self.dial_error)
        # As tall without a card as with one: the feedback keys below never move.
        self.owner.setText(" ")
        self.number.setText("0")
        self.message.hide()
        self.dial_error.hide()
        self.ensurePolished()
        self.setMinimumHeight(self.sizeHint().height())

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._pending_why = ""
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(PENDING_NOTICE_MS)
        self._pending.timeout.connect(lambda: self.show_empty(self._pending_why))
        self.copy_button.clicked.connect(self.copy_number)
        self.dial_button.clicked.connect(self.dial)
        self.next_button.clicked.connect(self.nextRequested)
        self.show_empty("")

    # -- what the window calls ------------------------------------------------------

    def show_phone(self, owner: str, phone_no: str, shown_at: float) -> None:
        self._set_greyed(False)
        self.dial_error.hide()
        self.owner.setText(owner or self.tr("(无姓名)"))
        self.number.setText(phone_no)
        self._set_empty(False)
        self.message.setText("")
        self.message.hide()
        self._shown_at = shown_at
        self.copy_button.setEnabled(True)
        self.dial_button.setEnabled(bool(self.dial_template()))
        self._tick()
        self._timer.start()

    def show_empty(self, why: str) -> None:
        """No card: say why in plain words."""
        self._set_greyed(False)
        self.dial_error.hide()
        self.owner.setText("")
        self.number.setText("")
        self._set_empty(True)
        self.message.setText(why)
        self.message.setVisible(bool(why))
        self._shown_at = None
        self._timer.stop()
        self.elapsed.setText("")
        self.copy_button.setEnabled(False)
        self.dial_button.setEnabled(False)

    def show_pending(self, why: str) -> None:
        """The card was answered and the next one is on its way: grey this one out at once
        (it can no longer be copied or dialled), and say ``why`` if the wait drags on."""
        if not self.has_card:
            self.show_empty(why)
            return
        self._shown_at = None
        self._timer.stop()
        self._set_greyed(True)
        self._pending_why = why
        self._pending.start()

    @property
    def pending(self) -> bool:
        return self._pending.isActive()

    def set_pending_notice(self, ms: int) -> None:
        """How long a fetch may take before the greyed card turns into its reason."""
        self._pending.setInterval(max(0, ms))

    def show_source(self, text: str, other: bool) -> None:
        """Where the card is from; ``other``: not the package chosen now (the card stays)."""
        self.source.setText(text)
        self.source.setVisible(bool(text))
        if bool(self.source.property("other")) != other:
            self.source.setProperty("other", other)
            repolish(self.source)

    def show_note(self, text: str) -> None:
        """A line under the card (e.g. while fetching), without removing the card."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def set_reserve(self, count: int | None) -> None:
        self.reserve.setVisible(count is not None)
        if count is not None:
            self.reserve.setText(fill(self.tr("备用号码: %1"), count))

    def set_can_fetch(self, can: bool, busy: bool = False) -> None:
        self.next_button.setEnabled(can and not busy)
        self.next_button.setText(self.tr("正在获取…") if busy else fill(self.tr("下一个号码 (%1)"), NEXT_KEY))

    @property
    def has_card(self) -> bool:
        return self._shown_at is not None

    def copy_number(self) -> None:
        if self.has_card:
            QGuiApplication.clipboard().setText(self.number.text())
            self._tell(self.tr("号码已复制"))

    def _tell(self, text: str) -> None:
        """A passing note in the window's status bar, where it moves nothing on the card."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 3000)
        else:
            self.show_note(text)

    def dial_template(self) -> str:
        """The click-to-dial link template in use (``tel:{phone}``, ``sip:{phone}@pbx`` …)."""
        template = self._dial_template
        return template() if callable(template) else template

    def set_dial_template(self, template: DialTemplate) -> None:
        """A template, or a function read at every dial (so a saved setting applies at once)."""
        self._dial_template = template
        self.dial_button.setEnabled(bool(self.dial_template()) and self.has_card)

    def dial(self) -> bool:
        """Open the dial link of the number shown (percent-encoded into it); False, with the
        reason and the template on the card, when the system could not open it."""
        template = self.dial_template()
        if not (self.has_card and template):
            return False
        self.dialed.emit()
        url = QUrl(dial_link(template, self.number.text()))
        if url.isValid() and QDesktopServices.openUrl(url):
            self.dial_error.hide()
            return True
        log.warning("dial link not opened (template %s, scheme %s)", template, url.scheme())
        if url.isValid():
            why = fill(self.tr("这台电脑上没有程序能打开“%1:”链接(没有装好软电话？)"), url.scheme())
        else:
            why = self.tr("拨号链接无效")
        self.dial_error.setText(
            fill(
                self.tr(
                    "拨号失败：%1。拨号链接模板：%2。请让 IT 安装或设置软电话，或在 设置… 中修改拨号链接模板；也可以按 %3 复制号码后手工拨打。"
                ),
                why,
                template,
                COPY_KEY,
            )
        )
        self.dial_error.show()
        return False

    def _set_greyed(self, greyed: bool) -> None:
        if not greyed:
            self._pending.stop()
        for widget in (self.owner, self.number, self.elapsed):
            widget.setEnabled(not greyed)
        if greyed:
            self.copy_button.setEnabled(False)
            self.dial_button.setEnabled(False)

    def _set_empty(self, empty: bool) -> None:
        """Without a card the reason takes the number's place, larger and centred."""
        for label in (self.owner, self.elapsed, self.number):
            label.setVisible(not empty)
        self.source.setVisible(not empty and bool(self.source.text()))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter if empty else Qt.AlignmentFlag.AlignLeft)
        if bool(self.message.property("empty")) != empty:
            self.message.setProperty("empty", empty)
            repolish(self.message)

    def _tick(self) -> None:
        if self._shown_at is not None:
            since = timefmt.elapsed(time.time() - self._shown_at)
            self.elapsed.setText(fill(self.tr("已显示 %1"), since))
