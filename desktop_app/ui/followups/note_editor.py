"""The in-place note editor (Ctrl+M): one short line about a call, kept on this PC only."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop_app.store.notes import NOTE_MAX_CHARS

from ..i18n import fill
from ..widgets.naming import named
from .in_place_form import InPlaceForm


class NoteEditor(InPlaceForm):
    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("noteEditor", parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = named(QLabel(""), "noteTitle")
        self.edit = named(QLineEdit(), "callNote")
        self.edit.setMaxLength(NOTE_MAX_CHARS)
        self.edit.setPlaceholderText(self.tr("备注只保存在本机，不会发送；回车保存，Esc 取消"))
        save = named(QPushButton(self.tr("保存备注")), "noteSave")
        save.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.edit, 1)
        layout.addWidget(save)
        self.edit.returnPressed.connect(self.save)
        save.clicked.connect(self.save)
        self.hide()

    def open_for(self, who: str, text: str) -> None:
        self.title.setText(fill(self.tr("备注 %1："), who))
        self.edit.setText(text)
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def save(self) -> None:
        self.saved.emit(self.edit.text())
        self.close_form()

