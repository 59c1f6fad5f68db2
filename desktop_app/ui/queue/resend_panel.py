"""``resendEditor``: the editor under the queue table for correcting one refused write.

A feedback opens the callback editor, a customer save the customer form; only the one in
use is shown, so the panel takes just the room it needs. What the agent changed comes
back as a rule turning the write's old payload into the new one (the view sends it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.domain.writes import WriteKind
from desktop_app.store.outbox import OutboxItem

from ..widgets.customer_form import CustomerForm
from .callback_editor import CallbackEditor

Rebuild = Callable[[dict[str, Any]], dict[str, Any]]


class ResendPanel(QWidget):
    submitted = Signal(str, object)  # client id, a Rebuild of its payload
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resendEditor")
        self.editing: str | None = None  # client id of the write in the editor
        self.callback_editor = CallbackEditor()
        self.customer_editor = CustomerForm()
        self.customer_editor.title_label.setText(self.tr("修改电子客后重发"))
        self.customer_editor.save_button.setText(self.tr("重新发送 (Enter)"))
        panel = QVBoxLayout(self)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.callback_editor)
        panel.addWidget(self.customer_editor)
        self.hide()
        self.callback_editor.submitted.connect(self._callback_changed)
        self.callback_editor.cancelled.connect(self.cancelled)
        self.customer_editor.submitted.connect(self._customer_changed)
        self.customer_editor.cancelled.connect(self.cancelled)

    def load(self, item: OutboxItem) -> None:
        """Show the editor of ``item``'s kind, filled with what it holds, and focus it."""
        self.editing = item.client_id
        if item.kind == WriteKind.CUSTOMER:
            editor: QWidget = self.customer_editor
            self.customer_editor.load(item.payload)
        else:
            editor = self.callback_editor
            self.callback_editor.load(item.payload)
        self.callback_editor.setVisible(editor is self.callback_editor)
        self.customer_editor.setVisible(editor is self.customer_editor)
        self.show()
        editor.setFocus()

    def dismiss(self) -> None:
        self.editing = None
        self.hide()

    def _callback_changed(self, changes: dict[str, str]) -> None:
        self._submit(lambda payload: {**payload, **changes})

    def _customer_changed(self, fields: dict[str, str]) -> None:
        self._submit(lambda payload: {"reg_user_id": payload.get("reg_user_id"), **fields})

    def _submit(self, rebuild: Rebuild) -> None:
        if self.editing is not None:
            self.submitted.emit(self.editing, rebuild)
