"""Two small charts drawn with QPainter: counts per name, and counts per hour of the day.

A plotting library would be a large dependency for a few bars. ``BarChart`` draws
horizontal bars (name left, elided when long, full name in the tooltip; the count and
its share at the bar end); ``HourChart`` draws one column per hour of the working day.
Both keep the numbers they were given (``items()`` / ``counts()``) so tests can read
what is shown, and say plainly when there is nothing yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..i18n import fill

MARGIN = 12
GAP = 10
VALUE_GAP = 6
TEXT = QColor("#1f2933")  # the card is always white, whatever the system palette
MUTED = QColor("#6b6b6b")
FRAME = QColor("#d8dde3")
DEFAULT_COLOR = "#3f6fb5"


def _scaled(base: QFont, factor: float) -> QFont:
    """``base`` made larger or smaller; a style sheet may have set its size in pixels."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    elif base.pixelSize() > 0:
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    return font


class _Chart(QWidget):
    """Title, empty text, frame and fonts shared by both charts."""

    def __init__(self, title: str, color: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._title = title
        self.setAccessibleName(title)
        self._color = QColor(color)
        self._empty_text = self.tr("今天还没有记录")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def title(self) -> str:
        return self._title

    def set_title(self, title: str) -> None:
        self._title = title
        self.setAccessibleName(title)
        self.update()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    def empty_text(self) -> str:
        return self._empty_text

    def _title_font(self) -> QFont:
        font = _scaled(self.font(), 1.08)
        font.setBold(True)
        return font

    def _small_font(self) -> QFont:
        return _scaled(self.font(), 0.86)

    def _title_height(self) -> int:
        return QFontMetrics(self._title_font()).height() + GAP

    def _begin(self) -> QPainter:
        """A painter over the white card with its title drawn; the caller ends it."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(FRAME)
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(card, 8, 8)
        painter.setFont(self._title_font())
        painter.setPen(TEXT)
        title_rect = QRect(MARGIN, MARGIN, self.width() - 2 * MARGIN, self._title_height() - GAP)
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(painter.font()).elidedText(
                self._title, Qt.TextElideMode.ElideRight, title_rect.width()
            ),
        )
        painter.setFont(self.font())
        return painter

    def _draw_empty(self, painter: QPainter) -> None:
        top = MARGIN + self._title_height()
        area = QRect(MARGIN, top, self.width() - 2 * MARGIN, self.height() - top - MARGIN)
        painter.setPen(MUTED)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter), self._empty_text)


class BarChart(_Chart):
    """Horizontal bars, most first as given; rows beyond ``max_rows`` are summed as 其他."""

    def __init__(
        self,
        title: str = "",
        parent: QWidget | None = None,
        *,
        color: str = DEFAULT_COLOR,
        max_rows: int = 8,
        show_share: bool = True,
    ) -> None:
        super().__init__(title, color, parent)
        self._items: list[tuple[str, int]] = []
        self._max_rows = max(1, max_rows)
        self._show_share = show_share
        self._blank_label = self.tr("（未填写）")

    # -- data ---------------------------------------------------------------------

    def set_items(self, items: Sequence[tuple[str, int]]) -> None:
        """(name, count) pairs in the order to show them; counts of 0 or less are left out."""
        self._items = [(str(name), int(count)) for name, count in items if int(count) > 0]
        self.updateGeometry()
        self.update()

    def items(self) -> list[tuple[str, int]]:
        return list(self._items)

    def shown_items(self) -> list[tuple[str, int]]:
        """What the bars show: the first rows, the rest folded into one 其他 row."""
        named = [(name or self._blank_label, count) for name, count in self._items]
        if len(named) <= self._max_rows:
            return named
        keep = named[: self._max_rows - 1]
        rest = named[self._max_rows - 1 :]
        other = fill(self.tr("其他 %1 项"), len(rest))
        return [*keep, (other, sum(count for _, count in rest))]

    # -- geometry -----------------------------------------------------------------

    def _row_height(self) -> int:
        return max(QFontMetrics(self.font()).height() + 6, 24)

    def _rows_for_size(self) -> int:
        return max(len(self.shown_items()), 3)

    def sizeHint(self) -> QSize:
        height = 2 * MARGIN + self._title_height() + self._rows_for_size() * self._row_height()
        return QSize(420, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.sizeHint().height())

    def _label_width(self, rows: Sequence[tuple[str, int]]) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(name) for name, _ in rows), default=0)
        return min(widest, int((self.width() - 2 * MARGIN) * 0.38))

    def _share_text(self, count: int, total: int) -> str:
        if not self._show_share or total <= 0:
            return ""
        percent = round(100 * count / total)
        return "<1%" if percent == 0 and count > 0 else f"{percent}%"

    def _value_width(self, count: int, total: int) -> int:
        metrics = QFontMetrics(self.font())
        width = metrics.horizontalAdvance(str(count))
        share = self._share_text(count, total)
        if share:
            width += VALUE_GAP + QFontMetrics(self._small_font()).horizontalAdvance(share)
        return width

    # -- painting -----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = self._begin()
        try:
            rows = self.shown_items()
            if not rows:
                self._draw_empty(painter)
                return
            self._draw_rows(painter, rows)
        finally:
            painter.end()

    def _draw_rows(self, painter: QPainter, rows: Sequence[tuple[str, int]]) -> None:
        metrics = QFontMetrics(self.font())
        total = sum(count for _, count in self._items)
        biggest = max(count for _, count in rows)
        label_w = self._label_width(rows)
        value_w = max(self._value_width(count, total) for _, count in rows)
        bar_left = MARGIN + label_w + GAP
        bar_room = max(self.width() - MARGIN - value_w - GAP - bar_left, 10)
        row_h = self._row_height()
        bar_h = max(metrics.height() - 6, 10)
        top = MARGIN + self._title_height()
        for index, (name, count) in enumerate(rows):
            y = top + index * row_h
            label_rect = QRect(MARGIN, y, label_w, row_h)
            painter.setPen(TEXT)
            painter.drawText(
                label_rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(name, Qt.TextElideMode.ElideRight, label_w),
            )
            length = max(bar_room * count / biggest, 3.0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._color)
            painter.drawRoundedRect(QRectF(bar_left, y + (row_h - bar_h) / 2, length, bar_h), 3, 3)
            value_left = int(bar_left + length) + VALUE_GAP
            self._draw_value(painter, QRect(value_left, y, value_w, row_h), count, total)

    def _draw_value(self, painter: QPainter, rect: QRect, count: int, total: int) -> None:
        """The count at the bar's end, its share of the total after it in grey."""
        align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        number = str(count)
        painter.setPen(TEXT)
        painter.drawText(rect, align, number)
        share = self._share_text(count, total)
        if share:
            painter.setPen(MUTED)
            painter.setFont(self._small_font())
            shift = QFontMetrics(self.font()).horizontalAdvance(number) + VALUE_GAP
            painter.drawText(rect.adjusted(shift, 0, 0, 0), align, share)
            painter.setFont(self.font())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self._row_at(event.pos().y())
            if row is None:
                QToolTip.hideText()
            else:
                name, count = row
                total = sum(c for _, c in self._items)
                share = self._share_text(count, total)
                QToolTip.showText(
                    event.globalPos(), f"{name}：{count}" + (f"（{share}）" if share else ""), self
                )
            return True
        return super().event(event)

    def _row_at(self, y: int) -> tuple[str, int] | None:
        rows = self.shown_items()
        index = (y - MARGIN - self._title_height()) // self._row_height()
        if y < MARGIN + self._title_height() or not 0 <= index < len(rows):
            return None
        return rows[index]


class HourChart(_Chart):
    """One column per hour of the working day (at least 8:00–19:59, wider if calls were made then)."""

    FIRST_HOUR = 8
    LAST_HOUR = 19

    def __init__(self, title: str = "", parent: QWidget | None = None, *, color: str = DEFAULT_COLOR) -> None:
        super().__init__(title, color, parent)
        self._counts: list[int] = [0] * 24
        self._peak_color = QColor(color).darker(130)

    def set_counts(self, counts: Sequence[int]) -> None:
        values = [max(0, int(c)) for c in counts][:24]
        self._counts = values + [0] * (24 - len(values))
        self.update()

    def counts(self) -> list[int]:
        return list(self._counts)

    def shown_hours(self) -> range:
        busy = [h for h, c in enumerate(self._counts) if c]
        first = min([self.FIRST_HOUR, *busy])
        last = max([self.LAST_HOUR, *busy])
        return range(first, last + 1)

    def _value_font(self, slot: float, biggest: int) -> QFont | None:
        """The font the counts above the columns fit in; None when none does."""
        for font in (self.font(), self._small_font()):
            if QFontMetrics(font).horizontalAdvance(str(biggest)) + 4 <= slot:
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
                text = fill(self.tr("%1:00–%2:00：%3 通"), hour, hour + 1, self._counts[hour])
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
        biggest = max(max(self._counts), 1)
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
                    painter.drawText(value_rect, int(Qt.AlignmentFlag.AlignCenter), str(count))
            if i % label_every == 0:
                painter.setPen(MUTED)
                painter.setFont(small)
                label_rect = QRectF(left + i * slot, axis_y + 2, slot, small_metrics.height() + 2)
                text = f"{hour}:00" if label_every == 1 else str(hour)
                painter.drawText(
                    label_rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), text
                )
        painter.setFont(self.font())
