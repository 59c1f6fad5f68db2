"""A label on one line where there is room for it, wrapped where there is not.

A word-wrapped ``QLabel`` asks its layout for a width Qt guesses, and wraps early even
on a wide screen; a plain one is cut off on a small one. This one asks for its one-line
width and accepts less: the layout gives it what fits, and it wraps only then.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget

NARROWEST = 160  # px: below this a wrapped line holds too few characters to read


class WrapWhenNarrow(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        frame = margins.left() + margins.right() + 2 * self.margin() + 2 * self.frameWidth()
        one_line = self.fontMetrics().horizontalAdvance(self.text()) + frame + 1
        return QSize(one_line, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.sizeHint().width(), NARROWEST), super().minimumSizeHint().height())
