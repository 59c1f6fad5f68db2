"""Layout help for what is built before the login window's first paint.

The first use of ``QtCore.Qt`` (the namespace of Qt's enums) costs about 25 ms: PySide6
builds all of its enums then. The login window is built without it, so the first paint
does not wait for it; the enums load right after, with the rest of start-up.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget


def centred(widget: QWidget) -> QHBoxLayout:
    """A row with ``widget`` in its middle (as ``AlignHCenter`` would place it)."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row


def selectable(label: QLabel) -> None:
    """Let the agent select ``label``'s text with the mouse (to copy an error for IT)."""
    from PySide6.QtCore import Qt

    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
