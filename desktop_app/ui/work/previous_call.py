"""The previous call, kept within reach under the card: who, which number, what result, when.

A feedback key moves on to the next card at once; this strip is where the call just
finished can still get its customer (添加到电子客, Ctrl+F2) or another result (更正,
Ctrl+1–9: the same numbers as the feedback keys). The strip only shows and asks; the
window and the call flow decide.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QWidget

from desktop_app.api import CallbackItem
from desktop_app.sync.calls import AnsweredCall

from ..i18n import fill, timefmt
from ..widgets.keys import press_on_key
from ..widgets.naming import named
from .feedback_bar import typing_in_text_field
from .keymap import CORRECT_MODIFIER, PREVIOUS_CUSTOMER_KEY


def correct_key(digit: int) -> str:
    return f"{CORRECT_MODIFIER}+{digit}"


class PreviousCallStrip(QFrame):
    """``previousCall``; always in its place (nothing below it moves at the first call), its
    actions enabled once there is a previous call."""

    addCustomerRequested = Signal()
    correctRequested = Signal(object)  # CallbackItem: the previous call's new result

    def __init__(self, shortcut_parent: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previousCall")
        self._items: list[CallbackItem] = []
        self._call: AnsweredCall | None = None
        self.summary = named(QLabel(""), "previousSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = named(
            QPushButton(fill(self.tr("添加到电子客 (%1)"), PREVIOUS_CUSTOMER_KEY)), "previousAddCustomer"
        )
        press_on_key(self.add_button, PREVIOUS_CUSTOMER_KEY)
        self.correct_button = named(
            QPushButton(fill(self.tr("更正 (%1)"), correct_key(1) + "–9")), "previousCorrect"
        )
        self.correct_menu = QMenu(self.correct_button)
        self.correct_button.setMenu(self.correct_menu)
        for button in (self.add_button, self.correct_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.addCustomerRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.addWidget(named(QLabel(self.tr("上一个：")), "previousTitle"))
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(self.correct_button)
        for digit in range(1, 10):
            shortcut = QShortcut(QKeySequence(correct_key(digit)), shortcut_parent)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda d=digit: self._key(d))
        self.summary.setText("—")
        for button in (self.add_button, self.correct_button):
            button.setEnabled(False)

    @property
    def call(self) -> AnsweredCall | None:
        return self._call

    def set_items(self, items: list[CallbackItem]) -> None:
        self._items = list(items)
        self.correct_menu.clear()
        for position, item in enumerate(self._items):
            text = f"{position + 1} {item.item_name}" if position < 9 else item.item_name
            action = self.correct_menu.addAction(text)
            action.triggered.connect(lambda _=False, it=item: self._correct(it))

    def show_call(self, call: AnsweredCall) -> None:
        self._call = call
        card = call.card
        owner = card.owner_name or QCoreApplication.translate("PhoneCardView", "(无姓名)")
        self.summary.setText(
            fill(
                self.tr("%1  %2  %3  %4"), owner, card.phone_no, call.item_name, timefmt.hour_minute(call.at)
            )
        )
        self.summary.setToolTip(fill(self.tr("%1 / %2"), card.pro_name, card.package_name))
        for button in (self.add_button, self.correct_button):
            button.setEnabled(True)

    def _key(self, digit: int) -> None:
        if typing_in_text_field() or not self.isVisible() or self._call is None:
            return
        if digit <= len(self._items):
            self._correct(self._items[digit - 1])

    def _correct(self, item: CallbackItem) -> None:
        if self._call is not None:
            self.correctRequested.emit(item)
