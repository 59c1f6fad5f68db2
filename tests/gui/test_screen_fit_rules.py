"""The size rule of ``screen_fit``: the preferred size, or what the available area leaves."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtWidgets import QMainWindow

from desktop_app.ui import screen_fit
from desktop_app.ui.screen_fit import fitted_size


def test_a_small_screen_gets_a_smaller_window_frame_included() -> None:
    frame = QMargins(8, 32, 8, 8)
    assert fitted_size(QSize(1366, 768), QSize(1024, 560), frame, QSize(0, 0)) == QSize(1008, 520)
    assert fitted_size(QSize(1366, 768), QSize(1920, 1040), frame, QSize(0, 0)) == QSize(1366, 768)
    assert fitted_size(QSize(1366, 768), QSize(300, 200), frame, QSize(400, 300)) == QSize(400, 300)


def test_the_frame_is_centred_in_the_available_area(qtbot, monkeypatch) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    monkeypatch.setattr(screen_fit, "available_area", lambda _w: QRect(0, 40, 1024, 560))
    screen_fit.fit_to_screen(window, QSize(1366, 768))
    assert window.size() == QSize(1008, 520)
    assert (window.x(), window.y()) == (0, 40)
    screen_fit.fit_to_screen(window, QSize(800, 400))
    assert window.size() == QSize(800, 400)
    assert (window.x(), window.y()) == ((1024 - 816) // 2, 40 + (560 - 440) // 2)


def test_the_overlap_check_sees_siblings_on_top_of_each_other_but_not_a_widget_inside_another(qtbot) -> None:
    from PySide6.QtWidgets import QFrame, QLabel, QWidget

    from tests.gui.screen_fit_child import overlaps

    window = QWidget()
    qtbot.addWidget(window)
    window.resize(400, 300)
    first = QLabel("一", window)
    first.setObjectName("first")
    first.setGeometry(10, 10, 100, 40)
    second = QLabel("二", window)
    second.setObjectName("second")
    second.setGeometry(12, 12, 100, 40)  # on top of the first
    box = QFrame(window)
    box.setGeometry(200, 10, 150, 150)
    inside = QLabel("三", box)
    inside.setGeometry(5, 5, 50, 20)  # inside its parent: not an overlap
    touching = QLabel("四", window)
    touching.setGeometry(10, 50, 100, 40)  # shares an edge with the first: not an overlap
    outside = QLabel("五", box)
    outside.setGeometry(140, 140, 100, 100)  # mostly clipped by its parent
    window.show()
    qtbot.waitExposed(window)

    found = overlaps(window)
    assert len(found) == 1 and "first" in found[0] and "second" in found[0]
    second.hide()
    assert overlaps(window) == []
