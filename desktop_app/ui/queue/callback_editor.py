"""Correct a refused feedback in the queue view: the owner's name and the feedback item.

Enter sends it again, Esc cancels. The values are checked with the validation rules
before the write goes back to the queue; what the agent typed is never thrown away.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.validation import bad_character_message

from ..i18n.messages import render
from ..widgets.naming import named

ITEM_NAME_MAX = 50
OWNER_NAME_MAX = 20


class CallbackEditor(QWidget):
    """Correct a refused feedback: the owner's name and the feedback item."""

    submitted = Signal(object)  # {"owner_name", "call_back_item_name"}
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callbackEditor")
        self.owner_edit = named(QLineEdit(), "resendOwnerName")
        self.item_box = named(QComboBox(), "resendItemName")
        self.item_box.setEditable(True)
        self.item_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.error_label = named(QLabel(), "resendError")
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        send = named(QPushButton(self.tr("重新发送 (Enter)")), "resendSend")
        cancel = named(QPushButton(self.tr("取消 (Esc)")), "resendCancel")

        form = QFormLayout()
        form.addRow(self.tr("业主姓名"), self.owner_edit)
        form.addRow(self.tr("反馈"), self.item_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label)
        buttons.addStretch(1)
        buttons.addWidget(send)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("修改反馈后重发"))
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.setFocusProxy(self.item_box)

        send.clicked.connect(self.save)
        cancel.clicked.connect(lambda: self.cancelled.emit())

    def set_items(self, names: Sequence[str]) -> None:
        current = self.item_box.currentText()
        self.item_box.clear()
        self.item_box.addItems(list(names))
        self.item_box.setCurrentText(current)

    def load(self, payload: Mapping[str, Any]) -> None:
        self.owner_edit.setText(str(payload.get("owner_name", "")))
        self.item_box.setCurrentText(str(payload.get("call_back_item_name", "")))
        self._show_error("")

    def save(self) -> bool:
        owner = self.owner_edit.text().strip()
        item = self.item_box.currentText().strip()
        problem = ""
        if not item:
            problem = self.tr("请选择反馈")
        elif len(item) > ITEM_NAME_MAX or len(owner) > OWNER_NAME_MAX:
            problem = self.tr("文字太长")
        else:
            bad = bad_character_message(owner) or bad_character_message(item)
            if bad:
                problem = render(bad)
        if problem:
            self._show_error(problem)
            return False
        self._show_error("")
        self.submitted.emit({"owner_name": owner, "call_back_item_name": item})
        return True

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.save()
        elif event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)
