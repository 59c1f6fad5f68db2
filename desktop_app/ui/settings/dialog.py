"""The settings dialog (设置): the agent's own ``config.toml``, edited with a form.

The fields stand on three pages (``pages``): 服务器, 打电话 and 回访与统计. Every field
is checked with the rules of ``desktop_app.config`` as it is typed; a bad value shows
its reason in red under the field and OK refuses until it is fixed (turning to its
page), keeping everything typed. A spin box refuses what is not a number as it is
typed, and goes back to its last good number when it loses the keyboard. OK writes
only the keys that changed. A key set by an environment
variable or a command-line flag (a higher layer than the user's file, as the typed
``Source`` of its value says) is shown but cannot be changed here; its tooltip says
what sets it. The dialog sits outside the call loop (menu 设置…), so it may be modal.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.config import (
    CONNECT_TIMEOUT_RANGE,
    READ_TIMEOUT_RANGE,
    REQUEST_DEADLINE_RANGE,
    RESERVE_RANGE,
    ConfigError,
    Settings,
    save_user_settings,
    validate_value,
)
from desktop_app.config.settings import GOAL_PER_HOUR_RANGE, KEEP_DAYS_RANGE, UNDO_WINDOW_RANGE

from ..i18n import fill
from ..i18n.messages import list_text, render
from ..tasks import BackgroundTasks
from ..widgets.field_error import error_label, show_error
from ..widgets.naming import named
from .after_save import settings_after_save
from .ca_check import check_ca_bundle
from .connection_test import ConnectionTest, Target
from .fields import RESTART_KEYS, key_labels
from .inputs import (
    DECIMALS,
    edited,
    load_input,
    names_edit,
    read_input,
    seconds_spin,
    time_edit,
    typed,
    whole_spin,
)
from .pages import PAGES, build_page, page_of, page_titles

__all__ = ["SettingsDialog", "settings_after_save"]  # the application's one import

_NOTE_STYLE = "color: #6b6b6b; font-size: 12px;"


class SettingsDialog(QDialog):
    """Edit the agent's settings; ``saved`` carries the changes written (None = key removed)."""

    saved = Signal(object)  # dict[str, Any]

    def __init__(
        self,
        current: Settings,
        config_file: Path,
        locks: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
        tasks: BackgroundTasks | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("设置"))
        self._current = current
        self._config_file = config_file
        self._locks = dict(locks or {})
        self._written: dict[str, Any] = {}
        self._build()
        self._load(current)
        for key in self._inputs:
            self._validate(key)

    # -- building -------------------------------------------------------------------

    def _build(self) -> None:
        self._inputs = self._make_inputs()
        labels = key_labels()
        self.connection_test = ConnectionTest(self._test_target, self._tasks)
        self.tabs = named(QTabWidget(), "settingsTabs")
        self._errors: dict[str, QLabel] = {}
        titles = page_titles()
        for page, _keys in PAGES:
            holder, errors = build_page(
                page,
                self._inputs,
                labels,
                self._locks,
                beside={"ca_bundle": self.ca_browse},
                below={"server_url": self.connection_test},
            )
            self.tabs.addTab(holder, titles[page])
            self._errors.update(errors)

        self.restart_note = named(QLabel(self.tr("部分设置在重新启动程序后生效")), "settingsRestartNote")
        self.restart_note.setStyleSheet(_NOTE_STYLE)
        self.restart_note.setToolTip(list_text(labels[key] for key in RESTART_KEYS))
        self.file_label = named(
            QLabel(fill(self.tr("设置保存在：%1"), self._config_file)), "settingsFilePath"
        )
        self.file_label.setStyleSheet(_NOTE_STYLE)
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_error = error_label("settingsSaveError")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = named(self.buttons.button(QDialogButtonBox.StandardButton.Ok), "settingsOk")
        self.ok_button.setText(self.tr("确定"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.restart_note)
        layout.addWidget(self.file_label)
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ca_browse.clicked.connect(self._browse_ca)
        for key, widget in self._inputs.items():
            signal = edited(widget)
            if signal is not None:
                signal.connect(lambda _text, key=key: self._validate(key))
        self.resize(560, self.sizeHint().height())

    def _make_inputs(self) -> dict[str, QWidget]:
        """Every field, by its key; the first ten are also attributes (tests and callers use them)."""
        seconds = self.tr(" 秒")
        self.server_edit = named(QLineEdit(), "settingsServerUrl")
        self.server_edit.setPlaceholderText("https://call.example.com/estate")
        self.machine_edit = named(QLineEdit(), "settingsMachineNo")
        self.connect_spin = seconds_spin("settingsConnectTimeout", CONNECT_TIMEOUT_RANGE, seconds)
        self.read_spin = seconds_spin("settingsReadTimeout", READ_TIMEOUT_RANGE, seconds)
        self.deadline_spin = seconds_spin("settingsRequestDeadline", REQUEST_DEADLINE_RANGE, seconds)
        self.deadline_spin.setToolTip(self.tr("一次请求从连接到收完回复最多等这么久"))
        self.next_phone_check = named(QCheckBox(self.tr("反馈后自动显示下一个号码")), "settingsNextPhone")
        self.reserve_spin = whole_spin("settingsReserveSize", RESERVE_RANGE)
        self.reserve_spin.setToolTip(self.tr("0 表示不预取号码"))
        self.expired_check = named(QCheckBox(self.tr("显示已过期项目")), "settingsShowExpired")
        self.dial_edit = named(QLineEdit(), "settingsDialTemplate")
        self.dial_edit.setPlaceholderText("tel:{phone}")
        self.ca_edit = named(QLineEdit(), "settingsCaBundle")
        self.ca_edit.setPlaceholderText(self.tr("不填则只信任公共证书机构"))
        self.ca_browse = named(QPushButton(self.tr("浏览…")), "settingsCaBrowse")
        self.ca_browse.setAutoDefault(False)
        self.lang_box = named(QComboBox(), "settingsLang")
        self.lang_box.addItem("中文", "zh_CN")
        self.lang_box.addItem("English", "en")
        self.form_first_edit = names_edit("settingsFormFirstItems")
        self.form_first_edit.setToolTip(self.tr("按这些反馈键时先打开电子客表单，保存或取消后才显示下一个号码"))
        self.undo_spin = seconds_spin("settingsUndoWindow", UNDO_WINDOW_RANGE, seconds, self.tr("关闭"))
        self.undo_spin.setToolTip(self.tr("反馈或电子客保存后等这么久再发送，其间可按 Ctrl+Z 撤销；0 表示关闭"))
        self.end_of_day_edit = time_edit("settingsCallbackEndOfDay", "18:00")
        self.morning_edit = time_edit("settingsCallbackMorning", "09:30")
        self.afternoon_edit = time_edit("settingsCallbackAfternoon", "14:00")
        self.keep_days_spin = whole_spin("settingsHistoryKeepDays", KEEP_DAYS_RANGE, self.tr(" 天"))
        self.keep_days_spin.setToolTip(self.tr("回访、通话历史和备注只存在本机；更早的在程序启动时删除"))
        self.goal_spin = seconds_spin("settingsGoalPerHour", GOAL_PER_HOUR_RANGE, self.tr(" 通"), self.tr("不设目标"))
        self.goal_spin.setToolTip(self.tr("统计的每小时图表上画一条目标线；0 表示不设"))
        self.accepted_edit = names_edit("settingsAcceptedItems")
        self.accepted_edit.setToolTip(self.tr("统计的接受邀请率数这些反馈"))
        return {
            "server_url": self.server_edit,
            "machine_no": self.machine_edit,
            "connect_timeout_s": self.connect_spin,
            "read_timeout_s": self.read_spin,
            "request_deadline_s": self.deadline_spin,
            "next_phone_after_feedback": self.next_phone_check,
            "phone_reserve_size": self.reserve_spin,
            "show_expired_projects": self.expired_check,
            "dial_template": self.dial_edit,
            "ca_bundle": self.ca_edit,
            "lang": self.lang_box,
            "form_first_items": self.form_first_edit,
            "undo_window_s": self.undo_spin,
            "callback_end_of_day": self.end_of_day_edit,
            "callback_morning": self.morning_edit,
            "callback_afternoon": self.afternoon_edit,
            "history_keep_days": self.keep_days_spin,
            "stats_goal_per_hour": self.goal_spin,
            "stats_accepted_items": self.accepted_edit,
        }

    def _load(self, s: Settings) -> None:
        for key, widget in self._inputs.items():
            load_input(widget, getattr(s, key))

    def focus_server(self) -> None:
        """Put the cursor in the server field (first run: the one thing to fill in)."""
        self.server_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.server_edit.selectAll()

    def _test_target(self) -> Target:
        values = self.values()
        url = values["server_url"] if self._problem("server_url") is None else None
        return url, values["connect_timeout_s"], values["read_timeout_s"], values["ca_bundle"]

    # -- reading the form -------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What the fields hold, typed as ``Settings`` holds them (empty text → None); a value
        the config's rules refuse stays as typed."""
        return {key: typed(key, read_input(widget)) for key, widget in self._inputs.items()}

    def changes(self) -> dict[str, Any]:
        """Keys whose field differs from the current settings (locked keys never)."""
        out: dict[str, Any] = {}
        for key, value in self.values().items():
            if key in self._locks:
                continue
            before = getattr(self._current, key)
            if isinstance(before, float):
                before = round(before, DECIMALS)
            if value != before:
                out[key] = value
        return out

    def problems(self) -> dict[str, str]:
        """Key → the reason its field is refused, for every field that is."""
        return {key: label.text() for key, label in self._errors.items() if not label.isHidden()}

    @property
    def written(self) -> dict[str, Any]:
        """The changes the last OK wrote (empty until then)."""
        return dict(self._written)

    def restart_needed(self) -> list[str]:
        """The keys written by OK that take effect only after a restart."""
        return [key for key in self._written if key in RESTART_KEYS]

    # -- checking and saving ----------------------------------------------------------

    def _problem(self, key: str) -> str | None:
        if key in self._locks:
            return None
        value = self.values()[key]
        if key == "ca_bundle":
            return check_ca_bundle(value or "")
        problem = None if value is None else validate_value(key, value)  # None: no server set
        return None if problem is None else render(problem)

    def _validate(self, key: str) -> str | None:
        problem = self._problem(key)
        label = self._errors[key]
        label.setText(problem or "")
        label.setVisible(problem is not None)
        return problem

    def accept(self) -> None:
        """Check every field; save the changes and close, or show why not and stay open."""
        bad = [key for key in self._inputs if self._validate(key) is not None]
        if bad:
            self._show_save_error(self.tr("有设置项不正确，请按红字修改后再保存"))
            self.tabs.setCurrentIndex(page_of(bad[0]))
            self._inputs[bad[0]].setFocus()
            return
        changes = self.changes()
        if changes:
            try:
                save_user_settings(self._config_file, changes)
            except ConfigError as exc:
                self._show_save_error(fill(self.tr("设置没有保存：%1"), render(exc.message)))
                return
            except OSError as exc:
                self._show_save_error(fill(self.tr("设置没有保存：%1"), exc))
                return
        self._written = changes
        self._show_save_error("")
        if changes:
            self.saved.emit(dict(changes))
        super().accept()

    def _show_save_error(self, text: str) -> None:
        show_error(self.save_error, text)

    def _browse_ca(self) -> None:
        start = self.ca_edit.text().strip() or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择公司 CA 证书"), start, self.tr("证书 (*.pem *.crt *.cer);;所有文件 (*)")
        )
        if path:
            self.ca_edit.setText(path)
