"""Follow-ups on the call page: the 预约回访 / 备注 buttons (under the feedback keys), the
repeat-number hint (beside the card's number, where the agent looks before pitching), so
the page grows no taller, and their two in-place forms, shown under the card only while open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.callback_times import DayTimes

from ..i18n import fill
from ..widgets.keys import press_on_key
from ..widgets.naming import named
from ..widgets.polish import repolish
from ..widgets.wrap_label import WrapWhenNarrow
from ..work.keymap import CALLBACK_KEY, NOTE_KEY
from .note_editor import NoteEditor
from .scheduler import CallbackScheduler


class FollowUpsPanel(QWidget):
    def __init__(self, times: Callable[[], DayTimes], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUps")
        self.hint = named(WrapWhenNarrow(""), "repeatHint")  # beside the number: two lines if narrow
        self.hint.hide()  # placed by the window beside the card's number
        self.schedule_button = named(
            QPushButton(fill(self.tr("预约回访 (%1)"), CALLBACK_KEY)), "scheduleCallbackButton"
        )
        self.note_button = named(QPushButton(fill(self.tr("备注 (%1)"), NOTE_KEY)), "noteButton")
        for button, key in ((self.schedule_button, CALLBACK_KEY), (self.note_button, NOTE_KEY)):
            button.setAutoDefault(False)
            press_on_key(button, key)
        self._times = times
        self._scheduler: CallbackScheduler | None = None
        self._note_editor: NoteEditor | None = None
        # Where the two forms go when first opened, and who hears of them then (built late:
        # most cards never need them, and idle memory after login stays as it was).
        self.forms_layout: QVBoxLayout | None = None
        self.on_forms: Callable[[CallbackScheduler, NoteEditor], None] | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.schedule_button)
        row.addWidget(self.note_button)

    @property
    def forms_built(self) -> bool:
        return self._scheduler is not None

    @property
    def scheduler(self) -> CallbackScheduler:
        return self._forms()[0]

    @property
    def note_editor(self) -> NoteEditor:
        return self._forms()[1]

    def hide_forms(self) -> None:
        if self._scheduler is not None and self._note_editor is not None:
            self._scheduler.hide()
            self._note_editor.hide()

    def _forms(self) -> tuple[CallbackScheduler, NoteEditor]:
        if self._scheduler is None or self._note_editor is None:
            self._scheduler, self._note_editor = CallbackScheduler(self._times), NoteEditor()
            if self.forms_layout is not None:
                self.forms_layout.addWidget(self._scheduler)
                self.forms_layout.addWidget(self._note_editor)
            if self.on_forms is not None:
                self.on_forms(self._scheduler, self._note_editor)
        return self._scheduler, self._note_editor

    def show_hint(self, text: str, level: str = "info") -> None:
        self.hint.setText(text)
        self.hint.setProperty("level", level)
        repolish(self.hint)
        self.hint.setVisible(bool(text))
