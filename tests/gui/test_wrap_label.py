"""The repeat-number hint's label: one line where there is room, two where there is not."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop_app.ui.widgets.wrap_label import NARROWEST, WrapWhenNarrow

TEXT = "本机已打过 2 次，上次 昨天 02:17：继续跟进"


def beside_a_number(qtbot, width: int) -> tuple[QWidget, WrapWhenNarrow]:
    page = QWidget()
    qtbot.addWidget(page)
    row = QHBoxLayout(page)
    row.addWidget(QLabel("13239359316" * 2))
    row.addStretch(1)
    label = WrapWhenNarrow(TEXT)
    row.addWidget(label)
    page.resize(width, 200)
    page.show()
    qtbot.waitExposed(page)
    return page, label


def test_it_stays_on_one_line_where_there_is_room(qtbot) -> None:
    _page, label = beside_a_number(qtbot, 1200)
    line = label.fontMetrics().lineSpacing()
    assert label.width() >= label.fontMetrics().horizontalAdvance(TEXT)
    assert label.heightForWidth(label.width()) < 2 * line


def test_it_wraps_rather_than_being_cut_where_there_is_not(qtbot) -> None:
    _page, label = beside_a_number(qtbot, 2 * label_number_width(qtbot) + NARROWEST)
    line = label.fontMetrics().lineSpacing()
    assert NARROWEST <= label.width() < label.fontMetrics().horizontalAdvance(TEXT)
    assert label.heightForWidth(label.width()) >= 2 * line


def label_number_width(qtbot) -> int:
    probe = QLabel("13239359316")
    qtbot.addWidget(probe)
    return probe.sizeHint().width()
