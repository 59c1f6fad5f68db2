"""Style-sheet rules keyed on a dynamic property (``[level="error"]``, ``[invalid="true"]``)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a property it selects on changed: Qt does not by itself."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
