"""The settings dialog as the application opens it, and what a save changes at once.

A save applies without a restart where it can: live settings reach the open windows, a
new server or timeout opens a new connection (a new server also ends the session), and
what must wait for a restart is said in a notice. Kept out of ``application`` so the
application stays the list of parts and the order they open and close in.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Any, Protocol

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.config import Settings
from desktop_app.paths import AppPaths, default_config_file
from desktop_app.store.db import LocalStore
from desktop_app.store.phone_server import bind_phones_to
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.phones import PhoneSupply

from .connection import Connection, EngineSlot, open_connection, session_ended_text
from .i18n import fill
from .i18n.messages import list_text
from .login.window import LoginWindow
from .notices import Notices
from .settings.fields import CONNECTION_KEYS, LIVE_KEYS, RESTART_KEYS, key_labels
from .status_bridge import StatusBridge
from .tasks import BackgroundTasks

if TYPE_CHECKING:
    from .settings.dialog import SettingsDialog  # loaded when first opened
    from .work.window import WorkWindow

log = logging.getLogger(__name__)


class SettingsHost(Notices, Protocol):
    """What the settings handling uses of the application that mixes it in."""

    settings: Settings
    config_settings: Settings
    setting_locks: dict[str, str]
    settings_dialog: SettingsDialog | None
    supply: PhoneSupply | None
    paths: AppPaths
    store: LocalStore
    http: httpx.Client
    slot: EngineSlot
    tasks: BackgroundTasks
    bridge: StatusBridge
    work_window: WorkWindow | None
    login_window: LoginWindow
    _retired: list[Connection]
    _sync_started: bool

    @property
    def engine(self) -> SyncEngine: ...

    @property
    def _front(self) -> QWidget: ...


    def _logged_out(self, why: str = "") -> None: ...

    def _settings_saved(self, changes: dict[str, Any]) -> None: ...

    def _settings_closed(self, _result: int) -> None: ...

    def _reconnect(self, *, server_changed: bool) -> None: ...

    def open_settings(self) -> SettingsDialog: ...


class SettingsHandling:
    """Mixed into the application: opens the settings dialog and applies what it saves."""

    settings_dialog: SettingsDialog | None  # the one open now

    def open_settings(self: SettingsHost) -> SettingsDialog:
        """Show the settings dialog (window-modal, returns at once); one at a time."""
        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            self.settings_dialog.activateWindow()
            return self.settings_dialog
        from .settings.dialog import SettingsDialog

        dialog = SettingsDialog(
            self.config_settings, self.paths.config_file, self.setting_locks, self._front, self.tasks
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._settings_saved)
        dialog.finished.connect(self._settings_closed)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _settings_closed(self: SettingsHost, _result: int) -> None:
        self.settings_dialog = None

    def open_server_settings(self: SettingsHost) -> SettingsDialog:
        """The settings dialog with the server field ready for typing (first run: 设置服务器)."""
        dialog = self.open_settings()
        dialog.focus_server()
        return dialog

    def _settings_saved(self: SettingsHost, changes: dict[str, Any]) -> None:
        from .settings.after_save import settings_after_save

        self.config_settings = settings_after_save(
            self.config_settings, changes, default_config_file(), self.paths.config_file
        )
        before = self.settings
        live = {key: getattr(self.config_settings, key) for key in changes if key in LIVE_KEYS}
        self.settings = dataclasses.replace(self.settings, **live)
        if self.supply is not None:
            self.supply.size = max(0, self.settings.phone_reserve_size)
        if any(key in CONNECTION_KEYS for key in live):
            self._reconnect(server_changed=self.settings.server_url != before.server_url)
        self.login_window.set_server(
            self.settings.server_url,
            self.slot.client if self.settings.server_url else None,
            self.settings.machine_no,
        )
        apply = getattr(self.work_window, "apply_settings", None)  # repaint what depends on them
        if apply is not None:
            apply(self.settings)
        log.info("settings saved: %s", ", ".join(sorted(changes)))
        labels = key_labels()
        waiting = [labels[key] for key in changes if key in RESTART_KEYS]
        if waiting:
            self.tell(
                QApplication.translate("Application", "设置已保存"),
                fill(
                    QApplication.translate("Application", "部分设置在重新启动程序后生效：%1"),
                    list_text(waiting),
                ),
                self._front,
                icon=QMessageBox.Icon.Information,
                name="settingsRestartNotice",
            )

    def _reconnect(self: SettingsHost, *, server_changed: bool) -> None:
        """A new client and engine for the saved settings; the old ones stop in the background.

        A new server ends the session first: its user id, card and reserve mean nothing
        on the other server (queued writes keep their own server).
        """
        url = self.settings.server_url
        if server_changed:
            if self.work_window is not None:
                log.info("server changed while logged in: the session ends")
                self._logged_out(session_ended_text(url))
            bind_phones_to(self.store, url)
            self.store.use_server(url)  # new writes are for it; queued ones keep their own
        connection = open_connection(self.settings, self.store, self.bridge)
        old = Connection(self.http, self.engine)
        self.http, self.slot.current = connection.http, connection.engine
        self._retired.append(old)  # its client is closed at the end (reads may still use it)
        self.tasks.run(old.stop_engine)
        if self._sync_started:
            connection.engine.start()
        self.bridge.changed.emit(connection.engine.status())
        if connection.note is not None:
            self.tell(QApplication.translate("Application", "设置已保存"), connection.note, self._front)
        log.info("connection settings applied (server %s)", url or "none")
