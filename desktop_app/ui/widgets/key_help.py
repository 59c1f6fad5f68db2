"""The keys of the work screen, listed beside the call area while the customer form is closed.

Agents learn the keys from this list instead of the mouse; it takes the place the form
opens in, so the call area never moves when the form comes and goes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from .naming import named


class KeyHelp(QFrame):
    """``keyHelp``: shown exactly while ``stand_in_for`` (the customer form) is hidden."""

    def __init__(
        self,
        stand_in_for: QWidget,
        *,
        customer_key: str,
        work_key: str,
        queue_key: str,
        today_key: str,
        sync_key: str,
        next_key: str,
        copy_key: str,
        dial_key: str,
        previous_customer_key: str = "",
        correct_keys: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keyHelp")
        rows = [
            ("1 – 9", self.tr("记录通话结果")),
            (next_key, self.tr("跳过，取下一个号码")),
            (copy_key, self.tr("复制号码")),
            (dial_key, self.tr("拨号")),
            (customer_key, self.tr("添加到电子客")),
            ("Enter / Esc", self.tr("保存 / 取消电子客")),
            ("Ctrl+Z", self.tr("撤销刚记录的反馈或电子客(发出之前)")),
            (previous_customer_key, self.tr("上一个通话添加到电子客")),
            (correct_keys, self.tr("更正上一个通话的结果")),
            (f"{work_key} / {queue_key} / {today_key}", self.tr("打电话 / 队列 / 统计")),
            (sync_key, self.tr("立即同步")),
        ]
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        for row, (key, meaning) in enumerate((key, meaning) for key, meaning in rows if key):
            key_label = named(QLabel(key), "keyName")
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(QLabel(meaning), row, 1)
        grid.setColumnStretch(1, 1)
        self._grid = grid
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(named(QLabel(self.tr("快捷键")), "keyHelpTitle"))
        layout.addLayout(grid)
        layout.addStretch(1)

        self._form = stand_in_for
        self.setVisible(stand_in_for.isHidden())
        stand_in_for.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # ShowToParent / HideToParent: shown or hidden on purpose, also while the window is not.
        if watched is self._form and event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self.setVisible(self._form.isHidden())
        return False

    def add_row(self, key: str, meaning: str) -> None:
        """One more key, listed after the others (a feature that brings its own keys)."""
        row = self._grid.rowCount()
        self._grid.addWidget(named(QLabel(key), "keyName"), row, 0, Qt.AlignmentFlag.AlignLeft)
        self._grid.addWidget(QLabel(meaning), row, 1)
