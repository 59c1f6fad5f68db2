"""Place a top-level window inside the screen's available area, whatever the office screen.

Agents' PCs range from 1024×600 laptops (about 1024×560 left by the taskbar) to
1920×1080 screens at 150% scaling (1280×720 in Qt's units). A fixed size puts the
status bar or the right-hand column off screen on the small ones; so a window asks
for its preferred size, gets at most what the screen's available geometry leaves once
the window frame is counted, and is centred inside it. Without a window manager (a
plain X server) nobody moves the window back on screen, so this is done before show.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Before a window is first shown its frame is unknown: assume a usual title bar and border.
ASSUMED_FRAME = QMargins(8, 32, 8, 8)


def available_area(window: QWidget) -> QRect | None:
    """The available geometry of the screen the window is (or will be) on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def frame_margins(window: QWidget) -> QMargins:
    """The frame the window system adds around the window (a guess until it has been shown)."""
    if window.isVisible():
        outer, inner = window.frameGeometry(), window.geometry()
        return QMargins(
            inner.left() - outer.left(),
            inner.top() - outer.top(),
            outer.right() - inner.right(),
            outer.bottom() - inner.bottom(),
        )
    return ASSUMED_FRAME


def fitted_size(preferred: QSize, area: QSize, frame: QMargins, minimum: QSize) -> QSize:
    """The preferred size, shrunk so that the window and its frame fit in ``area``."""
    room = QSize(area.width() - frame.left() - frame.right(), area.height() - frame.top() - frame.bottom())
    width = max(minimum.width(), min(preferred.width(), room.width()))
    height = max(minimum.height(), min(preferred.height(), room.height()))
    return QSize(width, height)


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """Resize ``window`` to ``preferred`` or what the screen allows, and centre its frame there."""
    area = available_area(window)
    if area is None:
        window.resize(preferred)
        return
    frame = frame_margins(window)
    size = fitted_size(preferred, area.size(), frame, window.minimumSize())
    window.resize(size)
    outer = QSize(size.width() + frame.left() + frame.right(), size.height() + frame.top() + frame.bottom())
    left = area.left() + max(0, (area.width() - outer.width()) // 2)
    top = area.top() + max(0, (area.height() - outer.height()) // 2)
    window.move(QPoint(left, top))  # move() places the frame's top-left corner


def keep_inside(window: QWidget) -> None:
    """Once shown, with the real frame known: shrink and move the window if its frame sticks out
    (a window manager's title bar taller than the one assumed, at 150% scaling)."""
    area = available_area(window)
    if area is not None and window.isVisible() and not area.contains(window.frameGeometry()):
        fit_to_screen(window, window.size())
