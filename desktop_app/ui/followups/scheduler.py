"""The in-place 预约回访 form: a quick time (or one picked) and a short note, no dialog.

It opens under the card (F6) for the number it is given, with the quick choices resolved
at that moment, so each button says the time it will set. Enter saves the checked
choice, Esc closes it; the form knows nothing of the store, it reports ``chosen``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDateTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.callback_times import (
    CustomTimeProblem,
    DayTimes,
    QuickChoice,
    custom_due_at,
    custom_problem,
    quick_times,
)
from desktop_app.store.notes import NOTE_MAX_CHARS

from ..i18n import fill
from ..widgets.naming import named
from .in_place_form import InPlaceForm


def choice_text(choice: QuickChoice) -> str:
    """The button's words for each quick choice."""
    return {
        QuickChoice.IN_ONE_HOUR: QCoreApplication.translate("CallbackScheduler", "1 小时后"),
        QuickChoice.END_OF_DAY: QCoreApplication.translate("CallbackScheduler", "今天下班前"),
        QuickChoice.TOMORROW_MORNING: QCoreApplication.translate("CallbackScheduler", "明天上午"),
        QuickChoice.TOMORROW_AFTERNOON: QCoreApplication.translate("CallbackScheduler", "明天下午"),
        QuickChoice.CUSTOM: QCoreApplication.translate("CallbackScheduler", "自选时间"),
    }[choice]


class CallbackScheduler(InPlaceForm):
    chosen = Signal(float, str)  # due_at (Unix seconds), note

    def __init__(self, times: Callable[[], DayTimes], parent: QWidget | None = None) -> None:
        super().__init__("callbackScheduler", parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._times = times
        self._due: dict[QuickChoice, float] = {}
        self.title = named(QLabel(""), "callbackSchedulerTitle")
        self.group = QButtonGroup(self)
        self.buttons: dict[QuickChoice, QPushButton] = {}
        row = QHBoxLayout()
        for index, choice in enumerate(
            (*(q for q in QuickChoice if q is not QuickChoice.CUSTOM), QuickChoice.CUSTOM)
        ):
            button = named(QPushButton(choice_text(choice)), f"callbackChoice_{choice.value}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            self.group.addButton(button, index)
            self.buttons[choice] = button
            row.addWidget(button)
        self.picked = named(QDateTimeEdit(), "callbackPicked")
        self.picked.setCalendarPopup(True)
        self.picked.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.picked.hide()
        self.note = named(QLineEdit(), "callbackNote")
        self.note.setMaxLength(NOTE_MAX_CHARS)
        self.note.setPlaceholderText(self.tr("备注(可不填)，回车保存，Esc 取消"))
        self.problem = named(QLabel(""), "callbackProblem")
        self.problem.hide()
        save = named(QPushButton(self.tr("保存回访")), "callbackSave")
        cancel = named(QPushButton(self.tr("取消")), "callbackCancel")
        for button in (save, cancel):
            button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.picked)
        bottom.addWidget(save)
        bottom.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addLayout(bottom)
        layout.addWidget(self.problem)
        self.group.buttonToggled.connect(self._toggled)
        self.note.returnPressed.connect(self.save)
        save.clicked.connect(self.save)
        cancel.clicked.connect(self.close_form)
        self.hide()

    def open_for(self, who: str, now: dt.datetime, note: str = "") -> None:
        """Show the form for ``who`` with the quick times resolved at ``now``."""
        self.title.setText(fill(self.tr("预约回访：%1"), who))
        self._due = {q.choice: q.due_at for q in quick_times(now, self._times())}
        for choice, due_at in self._due.items():
            when = dt.datetime.fromtimestamp(due_at)
            day = self.tr("今天") if when.date() == now.date() else self.tr("明天")
            self.buttons[choice].setText(f"{choice_text(choice)}\n{day} {when:%H:%M}")
        self.buttons[QuickChoice.CUSTOM].setText(f"{choice_text(QuickChoice.CUSTOM)}\n…")
        self.picked.setDateTime(QDateTime.fromSecsSinceEpoch(int(now.timestamp()) + 2 * 3600))
        self.buttons[QuickChoice.TOMORROW_MORNING].setChecked(True)
        self.note.setText(note)
        self.problem.hide()
        self._now = now
        self.show()
        self.note.setFocus()

    def choice(self) -> QuickChoice:
        for choice, button in self.buttons.items():
            if button.isChecked():
                return choice
        return QuickChoice.TOMORROW_MORNING

    def choose(self, choice: QuickChoice) -> None:
        self.buttons[choice].setChecked(True)

    def save(self) -> None:
        choice = self.choice()
        if choice is QuickChoice.CUSTOM:
            picked = self.picked.dateTime().toPython()
            assert isinstance(picked, dt.datetime)
            problem = custom_problem(picked, dt.datetime.now())
            if problem is not None:
                self.problem.setText(
                    self.tr("请选一个以后的时间")
                    if problem is CustomTimeProblem.PAST
                    else self.tr("请选时间")
                )
                self.problem.show()
                return
            due_at = custom_due_at(picked, dt.datetime.now())
        else:
            due_at = self._due[choice]
        self.chosen.emit(due_at, self.note.text())
        self.close_form()


    def _toggled(self, _button: object, _checked: bool) -> None:
        self.picked.setVisible(self.buttons[QuickChoice.CUSTOM].isChecked())
