"""The 电子客 form, shown in place in the work window: type, check, hand over.

It never talks to the server or the store itself. On save it checks the input with
``desktop_app.validation``; problems are shown next to their fields and nothing the
agent typed is thrown away; a valid form emits ``submitted`` with the members of
``save_to_customer`` it owns (the window adds ``reg_user_id`` and queues the write).
Enter saves from any field, Esc cancels.
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

from desktop_app import validation as v
from desktop_app.api import Choice

from ..i18n.messages import render
from .field_error import error_label
from .follow_edit import FollowEdit
from .naming import named
from .polish import repolish

# Far above every limit of the validator: long text stays visible and is reported,
# never cut silently by the widget.
_EDIT_MAX_LENGTH = 2000


class CustomerForm(QWidget):
    """Customer fields with inline messages; emits ``submitted(dict)`` or ``cancelled()``."""

    submitted = Signal(object)  # dict; "object" keeps the member order (a Qt map would sort it)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerForm")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the style sheet's panel
        self._live = False  # after a refused save, messages follow the typing

        self.name_edit = self._line_edit("customerName", self.tr("客户姓名"))
        self.phone_edit = self._line_edit("customerPhone", self.tr("手机号或固话"))
        self.gender_box = named(QComboBox(), "customerGender")
        self.type_box = named(QComboBox(), "customerType")
        self.recommend_edit = self._line_edit("customerRecommend", self.tr("推荐项目"))
        self.follow_edit = named(FollowEdit(), "customerFollow")  # wraps: a 200-character note is seen whole
        self.follow_edit.setPlaceholderText(self.tr("跟进内容（可不填）"))
        self.save_button = named(QPushButton(self.tr("保存 (Enter)")), "customerSave")
        self.cancel_button = named(QPushButton(self.tr("取消 (Esc)")), "customerCancel")
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)

        self._inputs: dict[str, QWidget] = {
            v.NAME: self.name_edit,
            v.PHONE: self.phone_edit,
            v.GENDER: self.gender_box,
            v.TYPE: self.type_box,
            v.RECOMMEND: self.recommend_edit,
            v.FOLLOW: self.follow_edit,
        }
        self._errors: dict[str, QLabel] = {}
        labels = {
            v.NAME: self.tr("姓名"),
            v.PHONE: self.tr("电话"),
            v.GENDER: self.tr("性别"),
            v.TYPE: self.tr("客户类型"),
            v.RECOMMEND: self.tr("推荐项目"),
            v.FOLLOW: self.tr("跟进"),
        }

        self.title_label = named(QLabel(self.tr("添加到电子客")), "customerFormTitle")
        self.title_label.setStyleSheet("font-weight: bold;")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, widget in self._inputs.items():
            error = error_label(f"{widget.objectName()}Error")
            self._errors[field] = error
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(widget)
            cell.addWidget(error)
            form.addRow(labels[field], cell)
            row_label = form.labelForField(cell)
            if isinstance(row_label, QLabel):  # level with its field when a message opens below it
                # (with the first line of the wrapping 跟进 field, which is three lines high)
                one_line = widget is not self.follow_edit
                row_label.setFixedHeight((widget if one_line else self.name_edit).sizeHint().height())
                row_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title_label)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setFocusProxy(self.name_edit)

        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(lambda: self.cancelled.emit())
        for edit in (self.name_edit, self.phone_edit, self.recommend_edit, self.follow_edit):
            edit.textChanged.connect(self._on_edited)
        for box in (self.gender_box, self.type_box):
            box.currentIndexChanged.connect(self._on_edited)

        self.set_choices([], [])

    def _line_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = named(QLineEdit(), name)
        edit.setMaxLength(_EDIT_MAX_LENGTH)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        return edit

    # -- what the window calls ------------------------------------------------------------

    def set_choices(self, genders: Sequence[Choice], types: Sequence[Choice]) -> None:
        """Fill the pickers from the server lists, keeping the current choice where it still exists."""
        self._fill(self.gender_box, genders, self.tr("（性别列表未取得）"))
        self._fill(self.type_box, types, self.tr("（客户类型列表未取得）"))

    def prefill(self, name: str, phone: str, recommend: str) -> None:
        """A fresh form for the current phone card."""
        self.clear()
        self.name_edit.setText(name)
        self.phone_edit.setText(phone)
        self.recommend_edit.setText(recommend)

    def load(self, payload: Mapping[str, Any]) -> None:
        """Show a whole ``save_to_customer`` payload, e.g. a refused one to correct."""
        self.clear()
        self.name_edit.setText(str(payload.get(v.NAME, "")))
        self.phone_edit.setText(str(payload.get(v.PHONE, "")))
        self._select(self.gender_box, str(payload.get(v.GENDER, "")))
        self._select(self.type_box, str(payload.get(v.TYPE, "")))
        self.recommend_edit.setText(str(payload.get(v.RECOMMEND, "")))
        self.follow_edit.setText(str(payload.get(v.FOLLOW, "")))

    def clear(self) -> None:
        for edit in (self.name_edit, self.phone_edit, self.recommend_edit, self.follow_edit):
            edit.clear()
        for box in (self.gender_box, self.type_box):
            box.setCurrentIndex(0 if box.count() else -1)
        self._live = False
        self._show_errors([])

    def errors(self) -> dict[str, str]:
        """The messages shown now, by wire field name."""
        return {field: label.text() for field, label in self._errors.items() if not label.isHidden()}

    def save(self) -> bool:
        """Check the form; emit ``submitted`` when valid, else show why and focus the first problem."""
        problems = self._validate()
        self._show_errors(problems)
        if problems:
            self._live = True
            first = self._inputs[problems[0].field]
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(first, (QLineEdit, FollowEdit)):
                first.end(False)  # no selection: a stray key must not wipe the text
            return False
        self._live = False
        self.submitted.emit(self._payload())
        return True

    # -- keys --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.save()
        elif key == Qt.Key.Key_Escape:
            event.accept()
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)

    # -- internals ---------------------------------------------------------------------------

    def _entered(self) -> tuple[str, str, str, str, str, str]:
        """What the agent entered, in the order of the wire payload."""
        return (
            self.name_edit.text(),
            self.phone_edit.text(),
            self._value(self.gender_box),
            self._value(self.type_box),
            self.recommend_edit.text(),
            self.follow_edit.text(),
        )

    def _payload(self) -> dict[str, str]:
        return v.customer_payload(*self._entered())

    def _validate(self) -> list[v.FieldError]:
        return v.validate_customer(
            *self._entered(),
            genders=self._values(self.gender_box),
            types=self._values(self.type_box),
        )

    def _on_edited(self, *_: object) -> None:
        if self._live:
            self._show_errors(self._validate())

    def _show_errors(self, problems: Sequence[v.FieldError]) -> None:
        messages = {p.field: p.message for p in problems}
        for field, label in self._errors.items():
            message = messages.get(field)
            label.setText(render(message) if message else "")
            label.setVisible(bool(message))
            widget = self._inputs[field]
            if bool(widget.property("invalid")) != bool(message):
                widget.setProperty("invalid", bool(message))
                repolish(widget)

    @staticmethod
    def _value(box: QComboBox) -> str:
        data = box.currentData()
        return data if isinstance(data, str) else ""

    @staticmethod
    def _values(box: QComboBox) -> list[str]:
        return [d for d in (box.itemData(i) for i in range(box.count())) if isinstance(d, str)]

    @staticmethod
    def _select(box: QComboBox, value: str) -> None:
        box.setCurrentIndex(box.findData(value) if value else -1)

    @staticmethod
    def _fill(box: QComboBox, choices: Sequence[Choice], empty_text: str) -> None:
        current = CustomerForm._value(box)
        box.blockSignals(True)
        box.clear()
        for choice in choices:
            box.addItem(choice.name, choice.value)
        if not choices:
            box.addItem(empty_text, None)
        index = box.findData(current) if current else -1
        box.setCurrentIndex(index if index >= 0 else 0)
        box.blockSignals(False)
