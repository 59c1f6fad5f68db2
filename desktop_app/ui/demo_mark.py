"""Demo mode says so on every window: calls made there reach no real server.

An agent or a trainer who started ``--demo`` must never take the demo for the real
thing (nor the other way round), so a 演示 mark stays in the status bar of the work
window and at the top of the login window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from .widgets.naming import named

_STYLE = "background: #f9a825; color: #000; font-weight: bold; padding: 2px 10px; border-radius: 3px;"


def demo_label() -> QLabel:
    label = named(
        QLabel(QCoreApplication.translate("DemoMark", "演示模式 — 本机演示服务器，数据不是真实的")),
        "demoBanner",
    )
    label.setStyleSheet(_STYLE)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def mark_work_window(window: QMainWindow) -> QLabel:
    """The mark at the left of the status bar (always visible, never moves the layout)."""
    label = demo_label()
    window.statusBar().insertPermanentWidget(0, label)
    return label


def mark_login_window(window: QWidget) -> QLabel:
    label = demo_label()
    layout = window.layout()
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(0, label)
    else:
        label.setParent(window)
    return label
