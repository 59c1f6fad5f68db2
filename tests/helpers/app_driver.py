"""The whole program, built as ``main()`` builds it, driven through its widgets as an agent does.

``start_app`` is ``build_application`` over a fresh data folder; ``log_in`` is the login
sequence (type the 工号 and the password, press Enter or click 登录, wait for the work
window and give it the keyboard); the rest reads the work screen by its object names.
UI classes are named for type checkers only, so these helpers do not pin the layout of
``desktop_app.ui``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from desktop_app.app import build_application
from desktop_app.config import Settings
from desktop_app.paths import AppPaths

from .widgets import child

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop_app.ui.application import Application
    from desktop_app.ui.work.window import WorkWindow

# The demo server's agent (spec/api.md): 工号 00006, 密码 888, user_id 29, 冯依敏.
DEMO_USER = "00006"
DEMO_PASSWORD = "888"
DEMO_USER_ID = 29

# The undo window is off and no feedback opens the customer form first unless a test is
# about it: writes go at once, and a call loop answers without the form.
DEFAULTS: dict[str, Any] = {
    "connect_timeout_s": 1.0,
    "read_timeout_s": 2.0,
    "undo_window_s": 0.0,
    "form_first_items": (),
}

# The ``app_factory`` fixture: ``app_factory(**settings)`` builds the program against the
# demo server, shut down after the test.
AppFactory = Callable[..., "Application"]


def start_app(folder: Path, server_url: str | None, **settings: Any) -> Application:
    """The program with its data under ``folder`` (as ``--data-dir``), short timeouts by default."""
    values = {**DEFAULTS, **settings}
    return build_application(
        Settings(server_url=server_url, data_dir=folder, **values), AppPaths.under(folder)
    )


def submit_login(
    qtbot: QtBot,
    app: Application,
    user: str = DEMO_USER,
    password: str = DEMO_PASSWORD,
    *,
    click: bool = False,
) -> None:
    """Type the 工号 and the password into the login window and submit (Enter, or click 登录)."""
    login = app.login_window
    user_edit = child(login, QLineEdit, "loginUser")
    password_edit = child(login, QLineEdit, "loginPassword")
    user_edit.clear()
    qtbot.keyClicks(user_edit, user)
    password_edit.clear()
    qtbot.keyClicks(password_edit, password)
    if click:
        qtbot.mouseClick(child(login, QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
    else:
        qtbot.keyClick(password_edit, Qt.Key.Key_Return)


def log_in(
    qtbot: QtBot,
    app: Application,
    user: str = DEMO_USER,
    password: str = DEMO_PASSWORD,
    *,
    click: bool = False,
    timeout_ms: int = 5000,
) -> WorkWindow:
    """Log in and return the work window once it has the keyboard (its keys are window shortcuts)."""
    submit_login(qtbot, app, user, password, click=click)
    qtbot.waitUntil(lambda: app.work_window is not None, timeout=timeout_ms)
    window = app.work_window
    assert window is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    return window


# -- reading the work screen ----------------------------------------------------------


def number_label(window: WorkWindow) -> QLabel:
    return child(window, QLabel, "phoneNumber")


def number(window: WorkWindow) -> str:
    """The phone number on the card ("" when there is none)."""
    return number_label(window).text()


def has_card(window: WorkWindow) -> bool:
    """A phone on the card and the feedback keys ready for it."""
    return window.card is not None and child(window, QPushButton, "feedback_0").isEnabled()


def wait_for_card(qtbot: QtBot, window: WorkWindow, timeout_ms: int = 5000) -> None:
    qtbot.waitUntil(lambda: has_card(window), timeout=timeout_ms)


def reserve_count(window: WorkWindow) -> int:
    """Phones held in reserve for the package on the card."""
    card = window.card
    if card is None:
        return 0
    return window._supply.count(card.user_id, card.package_id)


def settled(app: Application, window: WorkWindow, reserve: int) -> bool:
    """A card on screen, the reserve full, nothing queued, no background work running."""
    return (
        has_card(window)
        and reserve_count(window) >= reserve
        and app.engine.status().pending == 0
        and app.tasks.busy == 0
    )


# -- the agent's actions ------------------------------------------------------------------


def add_customer(qtbot: QtBot, window: WorkWindow, name: str, timeout_ms: int = 2000) -> None:
    """Open the customer form (F2's button), put ``name`` in, save with Enter."""
    qtbot.mouseClick(child(window, QPushButton, "addCustomerButton"), Qt.MouseButton.LeftButton)
    name_edit = child(window.customer_form, QLineEdit, "customerName")
    qtbot.waitUntil(name_edit.isVisible, timeout=timeout_ms)
    name_edit.setFocus()
    name_edit.selectAll()
    name_edit.insert(name)  # as an input method commits Chinese text (QTest cannot type it)
    qtbot.keyClick(name_edit, Qt.Key.Key_Return)
    try:
        qtbot.waitUntil(lambda: not name_edit.isVisible(), timeout=timeout_ms)
    except Exception as exc:
        raise AssertionError(f"customer form did not save: {window.customer_form.errors()}") from exc
