"""Screenshots of every screen, as agents see them, regenerated from the real program.

Drives the whole application (``build_application`` against the loopback demo server,
a fresh data folder) to each state and saves the window at 1366×768, in the program's
CJK font and style sheet: login, a refused login, the work screen, the customer form
with a validation message, the queue with sent, queued and needs-attention rows, and the
work screen offline with the reserve used up; a first run with no server and the pages
of 设置… at their own size. Each state is checked before it is
photographed, so a screenshot never shows a half-built screen. The pictures go to a
git-ignored folder; ``bash run.sh screenshots`` writes them to ``resources/screenshots/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableView, QWidget

from desktop_app.demo.server import DemoServer
from desktop_app.store.outbox import State
from desktop_app.ui.application import Application
from desktop_app.ui.work.window import WorkWindow
from tests.helpers.app_driver import AppFactory, log_in, number, reserve_count, start_app, submit_login
from tests.helpers.screens import CJK_FONT, require_cjk_font, save_picture, screenshot_dir
from tests.helpers.widgets import child, flush_events, text_of

SIZE = QSize(1366, 768)
RESERVE = 2

pytestmark = pytest.mark.screenshots


@pytest.fixture
def app(app_factory: AppFactory) -> Application:
    require_cjk_font()
    return app_factory(phone_reserve_size=RESERVE)


def shown(window: QWidget, kind: type, name: str):  # type: ignore[no-untyped-def]
    """The named child, visible on screen."""
    found = child(window, kind, name)
    assert found.isVisible(), f"{name} is not visible"
    return found


def save(qtbot, window: QWidget, name: str) -> Path:
    """Lay the window out at 1366×768, let it paint, and write its picture."""
    window.resize(SIZE)
    qtbot.waitUntil(lambda: window.size() == SIZE, timeout=2000)
    flush_events()
    picture = window.grab()
    assert picture.size() == SIZE, f"{name}: {picture.size()}"
    path = save_picture(picture, name)
    assert QImage(str(path)).size() == SIZE
    assert path.stat().st_size > 8_000, f"{name} is nearly blank"
    return path


def reserve_full(window: WorkWindow) -> bool:
    return window.card is not None and reserve_count(window) == RESERVE


def outbox_states(app: Application) -> list[State]:
    return [item.state for item in app.store.outbox().items_since(0.0)]


def test_screenshots_of_every_screen(qtbot, app: Application, demo_server: DemoServer) -> None:
    assert QApplication.font().family() == CJK_FONT

    # -- login, empty, with the server it will talk to --------------------------------------
    login = app.login_window
    qtbot.waitExposed(login)
    assert "服务器" in shown(login, QLabel, "loginServer").text()
    assert shown(login, QLineEdit, "loginUser").text() == ""
    assert not child(login, QLabel, "loginError").isVisible()
    save(qtbot, login, "login.png")

    # -- a wrong password, said in plain words ----------------------------------------------
    submit_login(qtbot, app, password="000", click=True)
    qtbot.waitUntil(lambda: child(login, QLabel, "loginError").text() != "", timeout=5000)
    assert shown(login, QLabel, "loginError").text()
    save(qtbot, login, "login_error.png")

    # -- the work screen: a card, the feedback keys, the reserve, 在线 -------------------------
    window = log_in(qtbot, app)  # with the keyboard: the shortcut keys need it
    qtbot.waitUntil(lambda: number(window) != "" and reserve_full(window), timeout=5000)
    qtbot.waitUntil(lambda: "在线" in text_of(window, "connectionState"), timeout=5000)
    assert shown(window, QPushButton, "feedback_0").isEnabled()
    reserve = shown(window, QLabel, "reserveCount")
    qtbot.waitUntil(lambda: reserve.text().endswith(f" {RESERVE}"), timeout=5000)  # the label, once refilled
    assert shown(window, QLabel, "phoneOwner").text()
    shown(window, QPushButton, "nextPhoneButton")
    shown(window, QPushButton, "addCustomerButton")
    save(qtbot, window, "work.png")

    # -- the customer form, with a bad phone number refused in place ------------------------
    qtbot.keyClick(window, Qt.Key.Key_F2)
    form = window.customer_form  # the queue's resend editor has fields of the same names
    phone = child(form, QLineEdit, "customerPhone")
    qtbot.waitUntil(phone.isVisible, timeout=2000)
    assert child(form, QLineEdit, "customerName").text() == child(window, QLabel, "phoneOwner").text()
    phone.setFocus()
    phone.selectAll()
    qtbot.keyClicks(phone, "1380013")
    qtbot.keyClick(phone, Qt.Key.Key_Return)
    message = shown(form, QLabel, "customerPhoneError")
    assert message.text() != ""
    assert set(form.errors()) == {"customer_phone"}
    save(qtbot, window, "customer_form.png")
    qtbot.keyClick(phone, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not phone.isVisible(), timeout=2000)

    # -- the queue: sent, needs attention, queued -------------------------------------------
    for _ in range(2):  # two feedbacks the server takes
        qtbot.waitUntil(lambda: reserve_full(window), timeout=5000)
        qtbot.keyClick(window, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: outbox_states(app).count(State.SENT) == 2, timeout=5000)
    qtbot.waitUntil(lambda: reserve_full(window), timeout=5000)
    demo_server.faults.refuse_writes = True  # one feedback the server refuses
    qtbot.keyClick(window, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: State.ATTENTION in outbox_states(app), timeout=5000)
    demo_server.faults.refuse_writes = False
    qtbot.waitUntil(lambda: reserve_full(window), timeout=5000)
    demo_server.set_down(True)  # and one that waits for the server
    qtbot.keyClick(window, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: "离线" in text_of(window, "connectionState"), timeout=10000)
    qtbot.waitUntil(lambda: text_of(window, "queuedCount").endswith(" 1"), timeout=5000)
    qtbot.waitUntil(lambda: text_of(window, "attentionCount").endswith(" 1"), timeout=5000)
    qtbot.mouseClick(child(window, QPushButton, "attentionCount"), Qt.MouseButton.LeftButton)
    queue = shown(window, QWidget, "queueView")
    table = queue.findChild(QTableView)
    assert table is not None
    # The rows are read on the background pool; the refused one is selected once they are in.
    qtbot.waitUntil(
        lambda: table.model().rowCount() == 4 and bool(table.selectionModel().selectedRows()), timeout=3000
    )
    assert sorted(s.value for s in outbox_states(app)) == sorted(
        s.value for s in (State.SENT, State.SENT, State.ATTENTION, State.QUEUED)
    )
    assert table.selectionModel().selectedRows(), "the row that needs the agent is selected"
    shown(queue, QPushButton, "syncNowButton")
    save(qtbot, window, "queue.png")

    # -- offline, the reserve used up: the card says why there is no phone -------------------
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: child(window, QLabel, "phoneNumber").isVisible(), timeout=2000)
    for _ in range(RESERVE - 1):  # one reserved phone is already on the card
        before = number(window)
        assert before
        qtbot.keyClick(window, Qt.Key.Key_1)
        assert number(window) not in ("", before)  # from the reserve, at once
    qtbot.keyClick(window, Qt.Key.Key_1)  # the last reserved phone: nothing behind it
    qtbot.waitUntil(lambda: "无法连接服务器" in child(window, QLabel, "phoneMessage").text(), timeout=5000)
    assert shown(window, QLabel, "phoneMessage").text()
    assert number(window) == ""
    qtbot.waitUntil(lambda: text_of(window, "queuedCount").endswith(f" {RESERVE + 1}"), timeout=5000)
    assert "离线" in shown(window, QLabel, "connectionState").text()
    assert not child(window, QPushButton, "feedback_0").isEnabled()
    save(qtbot, window, "offline.png")

    for name in ("login", "login_error", "work", "customer_form", "queue", "offline"):
        assert QImage(str(screenshot_dir() / f"{name}.png")).size() == SIZE


def test_screenshots_of_a_first_run_and_the_settings_pages(qtbot, tmp_path: Path) -> None:
    """The login window with no server set, and 设置… on each of its pages, at their own sizes."""
    require_cjk_font()
    app = start_app(tmp_path / "first run", None)
    try:
        login = app.login_window
        qtbot.waitExposed(login)
        assert shown(login, QPushButton, "loginSetServer").text()
        flush_events()
        save_picture(login.grab(), "login_first_run.png")

        qtbot.mouseClick(child(login, QPushButton, "loginSetServer"), Qt.MouseButton.LeftButton)
        dialog = app.settings_dialog
        assert dialog is not None
        qtbot.waitExposed(dialog)
        for page in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(page)
            flush_events()
            picture = dialog.grab()
            assert picture.height() <= 600 - 40, "the dialog fits a 1024×600 screen with its frame"
            save_picture(picture, f"settings-{page + 1}.png")
        dialog.reject()
    finally:
        app.shutdown()
