"""The 打电话 tab: the pickers, the card, the feedback keys, and the customer form beside them.

Only layout: the window connects the parts. The form's column is always there; the
key list holds its place while the form is closed, so the call area keeps its size and
nothing moves under the agent's eyes. Everything scrolls inside the tab (``workScroll``):
on a 1024×560 screen the page may be taller than the room, and then it scrolls instead of
growing the window or letting parts overlap; the status bar stays outside, always seen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ..i18n import fill
from ..widgets.customer_form import CustomerForm
from ..widgets.key_help import KeyHelp
from ..widgets.keys import press_on_key
from ..widgets.naming import named
from .feedback_bar import FeedbackBar
from .keymap import (
    COPY_KEY,
    CORRECT_MODIFIER,
    CUSTOMER_KEY,
    DIAL_KEY,
    NEXT_KEY,
    PREVIOUS_CUSTOMER_KEY,
    QUEUE_KEY,
    SYNC_KEY,
    TODAY_KEY,
    WORK_KEY,
)
from .phone_card import PhoneCardView
from .pickers import Pickers
from .previous_call import PreviousCallStrip


class CallPage(QWidget):
    """``workPage``; ``shortcut_parent`` (the window) holds the number keys of the feedback."""

    def __init__(
        self, dial_template: Callable[[], str], shortcut_parent: QWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workPage")
        self.banner = named(QLabel(""), "userBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.pickers = Pickers()
        self.card_view = PhoneCardView(dial_template)
        self.feedback = FeedbackBar(shortcut_parent)
        self.previous_call = PreviousCallStrip(shortcut_parent)
        add_text = fill(QCoreApplication.translate("WorkWindow", "添加到电子客 (%1)"), CUSTOMER_KEY)
        self.add_customer_button = named(QPushButton(add_text), "addCustomerButton")
        press_on_key(self.add_customer_button, CUSTOMER_KEY)
        self.add_customer_button.setAutoDefault(False)
        self.customer_form = CustomerForm()
        self.customer_form.hide()

        call_column = QVBoxLayout()
        call_column.setSpacing(10)
        call_column.addWidget(self.card_view)
        call_column.addWidget(self.previous_call)
        self.under_card = QVBoxLayout()  # in-place forms the window adds under the card
        call_column.addLayout(self.under_card)
        title = QCoreApplication.translate("WorkWindow", "通话结果 (按数字键)")
        self.title_row = QHBoxLayout()  # the window may add a short line after the title
        self.title_row.addWidget(named(QLabel(title), "feedbackTitle"), 1)
        self.title_row.addWidget(self.add_customer_button)  # beside the title: one row less to scroll
        call_column.addLayout(self.title_row)
        call_column.addWidget(self.feedback)
        actions = QHBoxLayout()
        self.action_row = actions  # the window may add its own actions in front
        actions.addStretch(1)
        call_column.addLayout(actions)
        call_column.addStretch(1)

        self.key_help = KeyHelp(
            self.customer_form,
            customer_key=CUSTOMER_KEY,
            work_key=WORK_KEY,
            queue_key=QUEUE_KEY,
            today_key=TODAY_KEY,
            sync_key=SYNC_KEY,
            next_key=NEXT_KEY,
            copy_key=COPY_KEY,
            dial_key=DIAL_KEY,
            previous_customer_key=PREVIOUS_CUSTOMER_KEY,
            correct_keys=f"{CORRECT_MODIFIER}+1 – 9",
        )
        side_column = QVBoxLayout()
        side_column.addWidget(self.customer_form)
        side_column.addWidget(self.key_help)
        side_column.addStretch(1)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(call_column, 3)
        body.addLayout(side_column, 2)
        self.content = named(QWidget(), "workContent")
        scroll = named(QScrollArea(), "workScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(self.content)
        self.scroll_area = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(self.content)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addWidget(self.pickers)
        layout.addLayout(body, 1)
