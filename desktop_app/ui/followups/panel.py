"""Follow-ups on the call page: the 预约回访 / 备注 buttons (beside 添加到电子客), the
repeat-number hint (on the feedback title's line), so the page grows no taller, and
their two in-place forms, shown under the card only while open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.domain.callback_times import DayTimes

from ..i18n import fill
from ..widgets.keys import press_on_key
from ..widgets.naming import named
from ..widgets.polish import repolish
from ..work.keymap import CALLBACK_KEY, NOTE_KEY
from .note_editor import NoteEditor
from .scheduler import CallbackScheduler


class FollowUpsPanel(QWidget):
    def __init__(self, times: Callable[[], DayTimes], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUps")
        self.hint = named(QLabel(""), "repeatHint")
        self.hint.hide()  # placed by the window on the line of the feedback title
        self.schedule_button = named(
            QPushButton(fill(self.tr("预约回访 (%1)"), CALLBACK_KEY)), "scheduleCallbackButton"
        )
        self.note_button = named(QPushButton(fill(self.tr("备注 (%1)"), NOTE_KEY)), "noteButton")
        for button, key in ((self.schedule_button, CALLBACK_KEY), (self.note_button, NOTE_KEY)):
            button.setAutoDefault(False)
            press_on_key(button, key)
        self.scheduler = CallbackScheduler(times)
        self.note_editor = NoteEditor()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.schedule_button)
        row.addWidget(self.note_button)

    def show_hint(self, text: str, level: str = "info") -> None:
        self.hint.setText(text)
        self.hint.setProperty("level", level)
        repolish(self.hint)
        self.hint.setVisible(bool(text))
