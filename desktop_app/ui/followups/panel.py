"""What sits under the card for follow-ups: the repeat-number hint, 预约回访 and the note."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.callback_times import DayTimes

from ..i18n import fill
from ..widgets.keys import press_on_key
from ..widgets.naming import named
from ..work.keymap import CALLBACK_KEY, NOTE_KEY
from .note_editor import NoteEditor
from .scheduler import CallbackScheduler


class FollowUpsPanel(QWidget):
    def __init__(self, times: Callable[[], DayTimes], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUps")
        self.hint = named(QLabel(""), "repeatHint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.schedule_button = named(
            QPushButton(fill(self.tr("预约回访 (%1)"), CALLBACK_KEY)), "scheduleCallbackButton"
        )
        self.note_button = named(QPushButton(fill(self.tr("备注 (%1)"), NOTE_KEY)), "noteButton")
        for button, key in ((self.schedule_button, CALLBACK_KEY), (self.note_button, NOTE_KEY)):
            button.setAutoDefault(False)
            press_on_key(button, key)
        self.scheduler = CallbackScheduler(times)
        self.note_editor = NoteEditor()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.hint, 1)
        row.addWidget(self.schedule_button)
        row.addWidget(self.note_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.scheduler)
        layout.addWidget(self.note_editor)

    def show_hint(self, text: str, level: str = "info") -> None:
        self.hint.setText(text)
        self.hint.setProperty("level", level)
        self.hint.setVisible(bool(text))
