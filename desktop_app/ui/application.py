"""The running program: which window is shown, and the parts they share.

It builds the parts once (store, HTTP client, sync engine, background tasks), shows
the login window, swaps in the work window after a login and back after a logout, and
closes everything in order at the end. Windows get their collaborators from here; they
do not know about each other. The settings dialog is opened from here too (what a save
changes at once is ``settings_handling``'s), and the settings that can change while the
program runs reach the work window through ``LiveSettings`` (``live_settings``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import httpx
from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app import heap
from desktop_app.config import LoadedConfig, Settings
from desktop_app.domain.codes import StoreCode
from desktop_app.domain.messages import Message, msg
from desktop_app.paths import AppPaths
from desktop_app.store.db import LocalStore
from desktop_app.store.phone_server import bind_phones_to
from desktop_app.sync.auth import AgentSession
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.phones import PhoneSupply
from desktop_app.sync.status import SyncStatus

from .connection import Connection, EngineSlot, open_connection
from .demo_mark import mark_login_window, mark_work_window
from .first_paint import on_first_paint
from .followups.retention import prune_in_background
from .i18n.messages import render
from .live_settings import LiveSettings
from .login.window import LOGIN_SIZE, LoginWindow
from .look import prepare_qt_app, qt_application
from .screen_fit import fit_to_screen, keep_inside
from .settings.fields import locked_keys
from .settings_handling import SettingsHandling
from .status_bridge import StatusBridge
from .store_open import open_and_wait
from .tasks import BackgroundTasks

if TYPE_CHECKING:
    from .settings.dialog import SettingsDialog  # loaded when first opened
    from .work.window import WorkWindow  # loaded at the first login, not before the login window takes keys

# What the first login needs, loaded on a helper thread once the login window is ready.
WORK_MODULES = "desktop_app.ui.work.window"

log = logging.getLogger(__name__)

WINDOW_SIZE = (1366, 768)  # preferred; a smaller screen's available area wins (screen_fit)
# The longest a key press waits for a database lock another connection holds (the sync
# thread's commits take a few ms); past it the agent is told and presses the key again.
UI_BUSY_TIMEOUT_MS = 300


class Application(SettingsHandling, QObject):
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
        loaded: LoadedConfig | None = None,
        login_window: LoginWindow | None = None,
    ) -> None:
        super().__init__()
        self.qt_app = qt_app
        self.live = LiveSettings(settings)  # what runs now; see the ``settings`` property
        self.loaded = loaded
        # What the configuration says (a saved language waits for a restart).
        self.config_settings = loaded.settings if loaded is not None else settings
        self.setting_locks = locked_keys(loaded, demo=settings.demo)
        self.settings_dialog: SettingsDialog | None = None
        self.supply: PhoneSupply | None = None
        self.paths = paths
        self.store = store
        self.http = http
        self.slot = EngineSlot(engine)  # what the windows use: the engine in use now
        self._retired: list[Connection] = []  # replaced connections: engines stopped, clients open
        self._sync_started = False
        self.tasks = tasks
        self.bridge = bridge
        self.work_window: WorkWindow | None = None
        self.login_window = self._connect_login_window(login_window)
        self._closed = False

    @classmethod
    def build(
        cls,
        settings: Settings,
        paths: AppPaths,
        *,
        problems: Sequence[Message] = (),
        start_sync: bool = True,
        loaded: LoadedConfig | None = None,
        login_window: LoginWindow | None = None,
        store: LocalStore | None = None,
    ) -> Application:
        qt_app = prepare_qt_app(settings.lang) if login_window is None else qt_application()

        paths.ensure()
        if store is None:  # opened off the GUI thread: the check reads the whole file
            store = open_and_wait(paths.data_dir, settings.server_url, settings.demo)
        store.limit_wait(UI_BUSY_TIMEOUT_MS)
        bind_phones_to(store, settings.server_url)
        notes = [render(problem) for problem in problems]
        bridge = StatusBridge()
        connection = open_connection(settings, store, bridge)
        if connection.note is not None:
            notes.append(connection.note)
        http, engine = connection.http, connection.engine
        tasks = BackgroundTasks()
        app = cls(qt_app, settings, paths, store, http, engine, tasks, bridge, loaded, login_window)
        qt_app.aboutToQuit.connect(app.shutdown)
        if login_window is None:
            fit_to_screen(app.login_window, QSize(*LOGIN_SIZE))
            app.login_window.show()
        if start_sync:
            app.start_sync()
        prune_in_background(store, tasks, settings.history_keep_days)  # IT's retention, off the UI thread
        if store.recovered_from is not None:
            notes.append(render(msg(StoreCode.MOVED_ASIDE, str(store.recovered_from), store.salvaged)))
        if notes:
            app.tell(QApplication.translate("Application", "启动提示"), "\n\n".join(notes))
        return app

    @property
    def engine(self) -> SyncEngine:
        """The sync engine in use now (a saved server or timeout replaces it)."""
        return self.slot.current

    def start_sync(self) -> None:
        self._sync_started = True
        self.engine.start()

    @property
    def settings(self) -> Settings:
        """The settings the program runs with (live ones change when the dialog saves)."""
        return self.live.current

    @settings.setter
    def settings(self, value: Settings) -> None:
        self.live.current = value

    # -- windows ----------------------------------------------------------------------

    def _connect_login_window(self, shown: LoginWindow | None) -> LoginWindow:
        # The engine's method, not one of ours: a window holding the application
        # would make a reference cycle, and Qt objects must not wait for the collector.
        factory = self.slot.client if self.settings.server_url else None
        if shown is not None:  # painted before the store was open (see show_login_first)
            window = shown
            window.attach(self.store, self.tasks, factory)
        else:
            window = LoginWindow(
                self.store, self.tasks, factory, self.settings.server_url, self.settings.machine_no
            )
        if self.settings.demo:
            mark_login_window(window)
        window.loggedIn.connect(self._logged_in)
        window.setServerRequested.connect(self.open_server_settings)
        settings_requested = getattr(window, "settingsRequested", None)  # a 设置… link, when it has one
        if settings_requested is not None:
            settings_requested.connect(self.open_settings)
        return window

    def _logged_in(self, session: AgentSession, password: str) -> None:
        from .work.window import WorkWindow

        supply = PhoneSupply(self.store, self.settings.phone_reserve_size)
        self.supply = supply
        window = WorkWindow(self.store, self.slot, self.live, self.tasks, session, supply, password)
        self.bridge.follow(window, self.engine.status())
        window.logoutRequested.connect(self._logged_out)
        window.settingsRequested.connect(self.open_settings)
        window.diagnosticsRequested.connect(self.export_diagnostics)
        fit_to_screen(window, QSize(*WINDOW_SIZE))
        if self.settings.demo:
            mark_work_window(window)
        self.work_window = window
        self.login_window.hide()
        on_first_paint(window, heap.settle_after_startup)
        on_first_paint(window, lambda: keep_inside(window))
        window.show()
        log.info("user %s logged in%s", session.user_id, " (offline)" if session.offline else "")

    def _logged_out(self, why: str = "") -> None:
        self.supply = None
        window, self.work_window = self.work_window, None
        heap.release()  # the window's objects may be freed now
        if window is not None:
            self.bridge.unfollow(window)
            window.close()  # its jobs stop calling back (closeEvent), then it is deleted
            window.deleteLater()
        self.login_window.reset(why)
        self.login_window.show()

    # -- services for the windows ---------------------------------------------------------

    @property
    def _front(self) -> QWidget:
        """The window the agent sees now (a parent for dialogs and notices)."""
        return self.work_window if self.work_window is not None else self.login_window

    def tell(
        self,
        title: str,
        text: str,
        parent: QWidget | None = None,
        *,
        icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
        name: str = "noticeBox",
    ) -> QMessageBox:
        """A non-blocking notice (start-up problems; never used inside the call loop)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent or self.login_window)
        box.setObjectName(name)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        for old in self._retired:
            old.close()
        self.engine.stop()
        self.http.close()
        self.store.close()
        heap.release()
