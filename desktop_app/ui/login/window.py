"""The login screen: 工号 and password, checked online or against this PC's offline record.

The login itself runs off the UI thread (``BackgroundTasks``); the window only shows
the outcome in plain words and, on success, hands the session and the password (kept
in memory for a later silent re-verification of an offline login) to whoever listens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import fill
from ..screen_fit import fit_to_screen
from ..widgets.before_paint import centred, selectable
from ..widgets.naming import named
from .no_server import NoServerPanel

if TYPE_CHECKING:  # loaded after the window is painted (see ``attach``)
    from desktop_app.api import ApiClient
    from desktop_app.store.db import LocalStore
    from desktop_app.sync.auth import AgentSession

    from ..tasks import BackgroundTasks

REMEMBER_KEY = "login.remember_user_num"
USER_NUM_KEY = "login.user_num"
PANEL_WIDTH = 360
LOGIN_SIZE = (420, 360)


class LoginWindow(QWidget):
    loggedIn = Signal(object, str)  # AgentSession, password
    settingsRequested = Signal()
    setServerRequested = Signal()  # 设置服务器: the settings dialog, server field first

    def __init__(
        self,
        store: LocalStore | None,
        tasks: BackgroundTasks | None,
        client_factory: Callable[[], ApiClient] | None,
        server_url: str | None,
        machine_no: str = "weixin",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._client_factory = client_factory
        self._machine_no = machine_no
        self._busy = False
        self._submit_on_attach = False  # Enter pressed before the store was open
        self.setObjectName("loginWindow")
        self.setWindowTitle(self.tr("登录"))  # Qt appends " — 电话营销" (applicationDisplayName)

        self.user = named(QLineEdit(), "loginUser")
        self.user.setPlaceholderText(self.tr("例如 00006"))
        self.password = named(QLineEdit(), "loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = named(QCheckBox(self.tr("记住工号")), "loginRemember")
        self.button = named(QPushButton(self.tr("登录")), "loginButton")
        self.button.setDefault(True)
        self.error = named(QLabel(""), "loginError")
        self.error.setWordWrap(True)  # selectable once it says something (_show_error)
        self.next_step = named(QLabel(""), "loginNextStep")  # what to do about the error
        self.next_step.setWordWrap(True)
        self.next_step.hide()
        self.server = named(QLabel(self._server_text(server_url)), "loginServer")
        self.server.setWordWrap(True)
        self.no_server = NoServerPanel()
        self.no_server.setServerRequested.connect(self.setServerRequested)
        self._server_url = server_url

        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.tr("工号"), self.user)
        form.addRow(self.tr("密码"), self.password)
        title = named(QLabel(self.tr("电话营销")), "loginTitle")
        title_row = centred(title)
        # A narrow panel in the middle, however large the window is made.
        panel = named(QFrame(), "loginPanel")
        panel.setFixedWidth(PANEL_WIDTH)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addLayout(title_row)
        inner.addWidget(self.no_server)
        inner.addLayout(form)
        inner.addWidget(self.remember)
        inner.addWidget(self.button)
        inner.addWidget(self.error)
        inner.addWidget(self.next_step)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centred(panel))
        layout.addStretch(1)
        self.settings_button = named(QPushButton(self.tr("设置…")), "loginSettings")
        self.settings_button.setFlat(True)
        self.settings_button.setAutoDefault(False)
        self.settings_button.clicked.connect(self.settingsRequested)
        footer = QHBoxLayout()
        footer.addWidget(self.server, 1)
        footer.addWidget(self.settings_button)
        layout.addLayout(footer)

        self.button.clicked.connect(self.submit)
        self.user.returnPressed.connect(self._user_enter)
        self.password.returnPressed.connect(self.submit)
        self._restore_user()
        self._show_server_state()

    # -- public -------------------------------------------------------------------

    def submit(self) -> None:
        """Log in with what is typed (Enter or the button)."""
        if self._store is None or self._tasks is None:
            self._submit_on_attach = True  # the store opens right after the first paint: then
            return
        if self._busy:
            return
        user_num = self.user.text().strip()
        password = self.password.text()
        if not user_num:
            self._show_error(self.tr("请输入工号"))
            self.user.setFocus()
            return
        if not password:
            self._show_error(self.tr("请输入密码"))
            self.password.setFocus()
            return
        self._set_busy(True)
        self._show_error("")
        factory, machine_no, store = self._client_factory, self._machine_no, self._store

        def work() -> AgentSession:
            from desktop_app.sync.auth import log_in

            client = factory() if factory is not None else None
            return log_in(client, store.verifiers(), user_num, password, machine_no)

        self._tasks.run(work, lambda s: self._done(s, password), self._failed)

    def attach(
        self,
        store: LocalStore,
        tasks: BackgroundTasks,
        client_factory: Callable[[], ApiClient] | None,
    ) -> None:
        """Give a window shown before the store was open what it needs to log in."""
        self._store, self._tasks, self._client_factory = store, tasks, client_factory
        typed = self.user.text()
        self._restore_user()
        if typed:  # the agent was quicker than the disk: keep what they typed
            self.user.setText(typed)
        if self._submit_on_attach:  # and pressed Enter already: log in now
            self._submit_on_attach = False
            self.submit()

    def set_server(
        self, server_url: str | None, client_factory: Callable[[], ApiClient] | None, machine_no: str
    ) -> None:
        """The server (and machine number) saved in the settings, used from the next login."""
        self._server_url, self._client_factory, self._machine_no = server_url, client_factory, machine_no
        self.server.setText(self._server_text(server_url))
        self._show_server_state()

    def reset(self, message: str = "") -> None:
        """Back to an empty password (after 退出登录), with an optional note."""
        self.password.clear()
        self._show_error(message)
        self._set_busy(False)
        (self.password if self.user.text() else self.user).setFocus()

    # -- internals ----------------------------------------------------------------

    def _user_enter(self) -> None:
        if self.password.text():
            self.submit()
        else:
            self.password.setFocus()

    def _done(self, session: AgentSession, password: str) -> None:
        self._set_busy(False)
        self._keep_user(session.user_num)
        self.password.clear()
        self.loggedIn.emit(session, password)

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.sync.auth import LoginError

        self._set_busy(False)
        from ..i18n.messages import render  # loaded on the first error, not at start-up
        from .hints import next_step

        if isinstance(exc, LoginError):
            self._show_error(render(exc.message), next_step(exc.message))
        else:
            self._show_error(fill(self.tr("登录失败：%1"), str(exc) or type(exc).__name__), next_step(None))
        self.password.selectAll()
        self.password.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.button.setEnabled(not busy)
        self.button.setText(self.tr("正在登录…") if busy else self.tr("登录"))
        self.user.setReadOnly(busy)
        self.password.setReadOnly(busy)

    def _show_error(self, text: str, then: str = "") -> None:
        if text:
            selectable(self.error)
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.next_step.setText(then)
        self.next_step.setVisible(bool(then))

    def _restore_user(self) -> None:
        if self._store is None:
            self.user.setFocus()
            return
        prefs = self._store.prefs()
        remember = prefs.get(REMEMBER_KEY, "1") != "0"
        self.remember.setChecked(remember)
        user_num = prefs.get(USER_NUM_KEY) if remember else None
        if user_num:
            self.user.setText(user_num)
            self.password.setFocus()
        else:
            self.user.setFocus()
        self._show_error("")

    def _keep_user(self, user_num: str) -> None:
        if self._store is None:
            return
        prefs = self._store.prefs()
        prefs.set(REMEMBER_KEY, "1" if self.remember.isChecked() else "0")
        prefs.set(USER_NUM_KEY, user_num if self.remember.isChecked() else None)

    def _show_server_state(self) -> None:
        """Without a server the panel says so first, with the button to set one."""
        self.no_server.setVisible(not self._server_url)
        self.server.setVisible(bool(self._server_url))
        if not self._server_url and self._store is not None and not self.user.text():
            self.no_server.button.setFocus()

    def _server_text(self, url: str | None) -> str:
        if not url:
            return self.tr("未设置服务器")
        text = fill(self.tr("服务器：%1"), url)
        if urlsplit(url).scheme.lower() == "http":
            text += "  " + self.tr("(未加密)")
        return text


def show_login_first(server_url: str | None, machine_no: str) -> LoginWindow:
    """The login window, painted before the database and the HTTP stack are loaded.

    ``build_application(..., login_window=…)`` attaches them once it is on screen, so
    the agent sees the window as soon as Qt can draw it.
    """
    window = LoginWindow(None, None, None, server_url, machine_no)
    fit_to_screen(window, QSize(*LOGIN_SIZE))
    window.show()
    return window
