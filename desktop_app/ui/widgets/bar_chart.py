"""Horizontal bars: counts per name (feedback type, project), most first.

The name is on the left (elided when long, whole in the tooltip), the count and its
share of the total at the bar's end.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from ..i18n import fill
from .chart import DEFAULT_COLOR, GAP, MARGIN, MUTED, TEXT, VALUE_GAP, Chart


class BarChart(Chart):
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
