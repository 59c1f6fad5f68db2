"""Columns per hour of the working day: when the calls were made."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from ..i18n import fill
from .chart import DEFAULT_COLOR, FRAME, MARGIN, MUTED, TEXT, Chart

GOAL_COLOR = QColor("#c77700")


def _number(value: float) -> str:
    """A count as read: ``12``, or ``12.5`` for an average over days."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


class HourChart(Chart):
    """One column per hour of the working day (at least 8:00–19:59, wider if calls were made then).

    Values may be averages (a range of days: the calls of an average day); an optional
    goal (calls per hour) is a dashed line across the hours.
    """

    FIRST_HOUR = 8
    LAST_HOUR = 19

    def __init__(self, title: str = "", parent: QWidget | None = None, *, color: str = DEFAULT_COLOR) -> None:
        super().__init__(title, color, parent)
        self._counts: list[float] = [0.0] * 24
        self._goal: float | None = None
        self._peak_color = QColor(color).darker(130)

    def set_counts(self, counts: Sequence[float]) -> None:
        values = [max(0.0, float(c)) for c in counts][:24]
        self._counts = values + [0.0] * (24 - len(values))
        self.update()

    def counts(self) -> list[float]:
        return list(self._counts)

    def set_goal(self, goal: float | None) -> None:
        """Calls per hour aimed at (None or 0: no line)."""
        self._goal = goal if goal else None
        self.update()

    def goal(self) -> float | None:
        return self._goal

    def shown_hours(self) -> range:
        busy = [h for h, c in enumerate(self._counts) if c]
        first = min([self.FIRST_HOUR, *busy])
        last = max([self.LAST_HOUR, *busy])
        return range(first, last + 1)

    def _value_font(self, slot: float, biggest: float) -> QFont | None:
        """The font the counts above the columns fit in; None when none does."""
        for font in (self.font(), self._small_font()):
            if QFontMetrics(font).horizontalAdvance(_number(biggest)) + 4 <= slot:
                return font
        return None

    def hour_at(self, x: int) -> int | None:
        """The hour whose column is under ``x`` (None outside the plot)."""
        hours = self.shown_hours()
        width = self.width() - 2 * MARGIN
        if width <= 0 or not MARGIN <= x < MARGIN + width:
            return None
        return hours[int((x - MARGIN) * len(hours) / width)]

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hour = self.hour_at(event.pos().x())
            if hour is None or not any(self._counts):
                QToolTip.hideText()
            else:
                text = fill(self.tr("%1:00–%2:00：%3 通"), hour, hour + 1, _number(self._counts[hour]))
                QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)

    def sizeHint(self) -> QSize:
        return QSize(640, 220)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 150)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = self._begin()
        try:
            self._draw_columns(painter)  # an empty day still shows its hours, and says so
            if not any(self._counts):
                self._draw_empty(painter)
        finally:
            painter.end()

    def _draw_columns(self, painter: QPainter) -> None:
        hours = self.shown_hours()
        small = self._small_font()
        small_metrics = QFontMetrics(small)
        metrics = QFontMetrics(self.font())
        top = MARGIN + self._title_height() + metrics.height() + 2  # room for the tallest value
        axis_y = self.height() - MARGIN - small_metrics.height() - 4
        plot_h = max(axis_y - top, 10)
        left, width = MARGIN, self.width() - 2 * MARGIN
        slot = width / len(hours)
        bar_w = max(min(slot * 0.62, 48.0), 3.0)
        biggest = max(max(self._counts), self._goal or 0.0, 1.0)
        painter.setPen(FRAME)
        painter.drawLine(left, axis_y, left + width, axis_y)
        label_every = 1 if slot >= small_metrics.horizontalAdvance("00:00") + 6 else 2
        value_font = self._value_font(slot, biggest)
        for i, hour in enumerate(hours):
            count = self._counts[hour]
            x = left + i * slot + (slot - bar_w) / 2
            if count:
                height = max(plot_h * count / biggest, 2.0)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(self._peak_color if count == biggest else self._color)
                painter.drawRoundedRect(QRectF(x, axis_y - height, bar_w, height), 2, 2)
                # too narrow for every count: only the peak's, the tooltip tells the others
                shown_font = value_font or (self.font() if count == biggest else None)
                if shown_font is not None:
                    painter.setPen(TEXT)
                    painter.setFont(shown_font)
                    line = QFontMetrics(shown_font).height()
                    centre = left + i * slot + slot / 2
                    value_rect = QRectF(centre - 40, axis_y - height - line - 2, 80, line)
                    painter.drawText(value_rect, int(Qt.AlignmentFlag.AlignCenter), _number(count))
            if i % label_every == 0:
                painter.setPen(MUTED)
                painter.setFont(small)
                label_rect = QRectF(left + i * slot, axis_y + 2, slot, small_metrics.height() + 2)
                text = f"{hour}:00" if label_every == 1 else str(hour)
                painter.drawText(
                    label_rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), text
                )
        if self._goal:
            self._draw_goal(painter, left, width, axis_y - plot_h * self._goal / biggest)
        painter.setFont(self.font())

    def _draw_goal(self, painter: QPainter, left: float, width: float, y: float) -> None:
        painter.setPen(QPen(GOAL_COLOR, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(left, y), QPointF(left + width, y))
        painter.setPen(GOAL_COLOR)
        painter.setFont(self._small_font())
        label = fill(self.tr("目标 %1"), _number(self._goal or 0.0))
        rect = QRectF(left, y - QFontMetrics(self._small_font()).height() - 1, width, 20)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), label)
