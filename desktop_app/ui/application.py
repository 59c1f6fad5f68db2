"""The running program: which window is shown, and the parts they share.

It builds the parts once (store, HTTP client, sync engine, background tasks), shows
the login window, swaps in the work window after a login and back after a logout, and
closes everything in order at the end. Windows get their collaborators from here; they
do not know about each other.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

import httpx
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.api import ApiClient, make_http_client
from desktop_app.config import Settings
from desktop_app.logsetup import request_logger
from desktop_app.paths import AppPaths
from desktop_app.store.db import LocalStore
from desktop_app.sync.auth import AgentSession
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.phones import PhoneSupply
from desktop_app.sync.status import SyncStatus

from .login_window import LoginWindow
from .look import apply_font, apply_style, install_translators
from .tasks import BackgroundTasks
from .work_window import WorkWindow

log = logging.getLogger(__name__)

WINDOW_SIZE = (1366, 768)


class StatusBridge(QObject):
    """Carries the sync engine's status from its thread to the UI thread."""

    changed = Signal(object)


class Application(QObject):
    def __init__(
        self,
        qt_app: QApplication,
        settings: Settings,
        paths: AppPaths,
        store: LocalStore,
        http: httpx.Client,
        engine: SyncEngine,
        tasks: BackgroundTasks,
        bridge: StatusBridge,
    ) -> None:
        super().__init__()
        self.qt_app = qt_app
        self.settings = settings
        self.paths = paths
        self.store = store
        self.http = http
        self.engine = engine
        self.tasks = tasks
        self.bridge = bridge
        self.work_window: WorkWindow | None = None
        self.login_window = self._new_login_window()
        self._closed = False

    @classmethod
    def build(
        cls,
        settings: Settings,
        paths: AppPaths,
        *,
        problems: Sequence[str] = (),
        start_sync: bool = True,
    ) -> Application:
        qt_app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(qt_app, QApplication)
        qt_app.setApplicationName("EstateCall")
        qt_app.setApplicationDisplayName(QApplication.translate("Application", "电话营销"))
        apply_font(qt_app)
        apply_style(qt_app)
        install_translators(qt_app, settings.lang)

        paths.ensure()
        store = LocalStore(paths.data_dir)
        http = make_http_client(
            settings.connect_timeout_s, settings.read_timeout_s, settings.ca_bundle or True
        )
        bridge = StatusBridge()
        engine = SyncEngine(
            store, http, settings.server_url, on_status=bridge.changed.emit, observer=request_logger
        )
        tasks = BackgroundTasks()
        app = cls(qt_app, settings, paths, store, http, engine, tasks, bridge)
        qt_app.aboutToQuit.connect(app.shutdown)
        app.login_window.resize(420, 360)
        app.login_window.show()
        if start_sync:
            engine.start()
        notes = list(problems)
        if store.recovered_from is not None:
            notes.append(
                QApplication.translate(
                    "Application",
                    "本地数据库文件已损坏，已移到 %1 保存，并新建了数据库。已从中找回 %2 条待同步记录。",
                )
                .replace("%1", str(store.recovered_from))
                .replace("%2", str(store.salvaged))
            )
        if notes:
            app.tell(QApplication.translate("Application", "启动提示"), "\n\n".join(notes))
        return app

    # -- windows ----------------------------------------------------------------------

    def _client_factory(self) -> ApiClient:
        return self.engine.client()

    def _new_login_window(self) -> LoginWindow:
        window = LoginWindow(
            self.store,
            self.tasks,
            self._client_factory if self.settings.server_url else None,
            self.settings.server_url,
            self.settings.machine_no,
        )
        window.loggedIn.connect(self._logged_in)
        return window

    def _logged_in(self, session: AgentSession, password: str) -> None:
        supply = PhoneSupply(self.store, self.settings.phone_reserve_size)
        window = WorkWindow(self.store, self.engine, self.settings, self.tasks, session, supply, password)
        self.bridge.changed.connect(window.show_status, Qt.ConnectionType.QueuedConnection)
        window.show_status(self.engine.status())
        window.logoutRequested.connect(self._logged_out)
        window.diagnosticsRequested.connect(self.export_diagnostics)
        window.resize(*WINDOW_SIZE)
        self.work_window = window
        self.login_window.hide()
        window.show()
        log.info("user %s logged in%s", session.user_id, " (offline)" if session.offline else "")

    def _logged_out(self) -> None:
        window, self.work_window = self.work_window, None
        if window is not None:
            self.bridge.changed.disconnect(window.show_status)
            window.hide()
            window.deleteLater()
        self.login_window.reset()
        self.login_window.show()

    # -- services for the windows ---------------------------------------------------------

    def tell(self, title: str, text: str, parent: QWidget | None = None) -> QMessageBox:
        """A non-blocking notice (start-up problems; never used inside the call loop)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent or self.login_window
        )
        box.setObjectName("noticeBox")
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.open()
        return box

    def export_diagnostics(self) -> None:
        from .diagnostics_export import export_diagnostics

        export_diagnostics(self, self.work_window)

    def status(self) -> SyncStatus:
        return self.engine.status()

    # -- running and closing ------------------------------------------------------------

    def exec(self) -> int:
        try:
            return self.qt_app.exec()
        finally:
            self.shutdown()

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        for window in (self.work_window, self.login_window):
            if window is not None:
                window.close()
        self.tasks.shutdown()
        self.engine.stop()
        self.http.close()
        self.store.close()
