"""``statsRange``: which days the 统计 view counts (今天 / 昨天 / 本周 / 本月 / 自选).

The picker holds a ``RangeCode`` and, for 自选, two dates; ``day_range(today)`` turns
them into calendar days with ``domain.date_ranges`` (the one rule). The dates show only
for 自选; a change of either says ``changed``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desktop_app.domain.date_ranges import RANGE_CODES, DayRange, RangeCode, day_range

from ..widgets.naming import named


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class RangePicker(QWidget):
    changed = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = named(QComboBox(), "statsRange")
        names = {
            RangeCode.TODAY: self.tr("今天"),
            RangeCode.YESTERDAY: self.tr("昨天"),
            RangeCode.THIS_WEEK: self.tr("本周"),
            RangeCode.THIS_MONTH: self.tr("本月"),
            RangeCode.CUSTOM: self.tr("自选"),
        }
        self.names = names
        for code in RANGE_CODES:
            self.combo.addItem(names[code], code)
        self.first_edit = self._date_edit("statsFrom", today.replace(day=1))
        self.last_edit = self._date_edit("statsTo", today)
        self.dash = QLabel("–")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in (self.combo, self.first_edit, self.dash, self.last_edit):
            layout.addWidget(widget)
        self._show_dates()
        self.combo.currentIndexChanged.connect(self._code_changed)
        self.first_edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.last_edit.dateChanged.connect(lambda _d: self.changed.emit())

    def code(self) -> RangeCode:
        return RangeCode(self.combo.currentData())

    def choose(self, code: RangeCode, custom: tuple[dt.date, dt.date] | None = None) -> None:
        """Pick a range (as the agent would); 自选 takes its two days."""
        if custom is not None:
            self.first_edit.blockSignals(True)
            self.first_edit.setDate(qdate(custom[0]))
            self.first_edit.blockSignals(False)
            self.last_edit.setDate(qdate(custom[1]))
        self.combo.setCurrentIndex(RANGE_CODES.index(code))

    def day_range(self, today: dt.date) -> DayRange:
        code = self.code()
        if code is not RangeCode.CUSTOM:
            return day_range(code, today)
        custom = (pydate(self.first_edit.date()), pydate(self.last_edit.date()))
        return day_range(code, today, custom)

    def _date_edit(self, name: str, day: dt.date) -> QDateEdit:
        edit = named(QDateEdit(qdate(day)), name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _code_changed(self, _index: int) -> None:
        self._show_dates()
        self.changed.emit()

    def _show_dates(self) -> None:
        custom = self.code() is RangeCode.CUSTOM
        for widget in (self.first_edit, self.dash, self.last_edit):
            widget.setVisible(custom)
