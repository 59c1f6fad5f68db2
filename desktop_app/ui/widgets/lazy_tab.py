"""A tab's place, filled with its view when the view is first needed.

Most shifts never open most tabs; a view not built holds no widgets, no model and no
rows, so idle memory after login stays small and the work window opens sooner.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)

    def put(self, view: QWidget) -> None:
        """Show ``view`` in this place (once)."""
        self._box.addWidget(view)
        view.show()  # a child added to a shown tab stays hidden until told
