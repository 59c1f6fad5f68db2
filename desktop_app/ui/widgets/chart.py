"""What the two charts of the 今日 view share: a white card with a title, fonts and colours.

A plotting library would be a large dependency for a few bars, so the charts draw
themselves with QPainter. Each keeps the numbers it was given so tests can read what
is shown, and says plainly when there is nothing yet.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN = 12
GAP = 10
VALUE_GAP = 6
TEXT = QColor("#1f2933")  # the card is always white, whatever the system palette
MUTED = QColor("#6b6b6b")
FRAME = QColor("#d8dde3")
DEFAULT_COLOR = "#3f6fb5"


def scaled(base: QFont, factor: float) -> QFont:
    """``base`` made larger or smaller; a style sheet may have set its size in pixels."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    elif base.pixelSize() > 0:
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    return font


class Chart(QWidget):
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
        font = scaled(self.font(), 1.08)
        font.setBold(True)
        return font

    def _small_font(self) -> QFont:
        return scaled(self.font(), 0.86)

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
