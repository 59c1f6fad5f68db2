"""Settings apply on 确定, the server included; 测试连接; the first run with no server.

Two demo servers stand for two offices' servers: the program is moved from one to the
other through the settings dialog, and what it sends afterwards is checked at each.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from desktop_app.demo.server import DemoServer
from desktop_app.ui.application import Application
from desktop_app.ui.settings.dialog import SettingsDialog
from tests.helpers.app_driver import DEMO_USER_ID, AppFactory, log_in, start_app, submit_login, wait_for_card
from tests.helpers.widgets import child


@pytest.fixture
def other_server() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


def press_ok(qtbot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(child(dialog, QPushButton, "settingsOk"), Qt.MouseButton.LeftButton)


def answer_card(qtbot, app: Application, server: DemoServer) -> None:
    """Press 1 on the card and wait until the server has the feedback."""
    window = app.work_window
    assert window is not None
    wait_for_card(qtbot, window)
    window.activateWindow()  # the keys are window shortcuts
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    before = len(server.writes("savecallback"))
    qtbot.keyClick(window, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(server.writes("savecallback")) > before, timeout=10000)


def free_port_url() -> str:
    """A loopback URL where nothing listens (the port was just free)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/estate"


def test_a_new_server_applies_at_once_and_ends_the_session(
    qtbot, app_factory: AppFactory, demo_server: DemoServer, other_server: DemoServer
) -> None:
    app = app_factory()
    first_engine = app.engine
    window = log_in(qtbot, app)
    answer_card(qtbot, app, demo_server)
    qtbot.waitUntil(lambda: app.tasks.busy == 0, timeout=5000)  # the reserve refill landed
    assert app.store.cards().load(DEMO_USER_ID) is not None

    dialog = app.open_settings()
    dialog.server_edit.setText(other_server.base_url)
    press_ok(qtbot, dialog)

    # The session of the first server ended, with the reason on the login window.
    assert app.work_window is None
    qtbot.waitUntil(app.login_window.isVisible, timeout=2000)
    assert not window.isVisible()
    error = child(app.login_window, QLabel, "loginError").text()
    assert other_server.base_url in error and "重新登录" in error
    assert other_server.base_url in child(app.login_window, QLabel, "loginServer").text()
    # No card or reserved phone of the first server is kept for the second.
    assert app.store.cards().load(DEMO_USER_ID) is None
    assert app.store.db().execute("SELECT count(*) FROM phone_reserve").fetchone()[0] == 0
    # A new engine talks to the new server; the old one was stopped off the UI thread.
    assert app.engine is not first_engine
    assert app.engine.servers is not None and app.engine.servers.base_url == other_server.base_url
    qtbot.waitUntil(lambda: first_engine._thread is None, timeout=10000)
    assert app.settings.server_url == other_server.base_url

    # No restart: logging in again works against the second server, and the calls go there.
    first_writes = len(demo_server.writes())
    first_logins = demo_server.request_count("login")
    log_in(qtbot, app)
    assert other_server.request_count("login") == 1
    answer_card(qtbot, app, other_server)
    assert demo_server.request_count("login") == first_logins
    assert len(demo_server.writes()) == first_writes


def test_new_timeouts_apply_without_ending_the_session(
    qtbot, app_factory: AppFactory, demo_server: DemoServer
) -> None:
    app = app_factory()
    first_engine, first_http = app.engine, app.http
    window = log_in(qtbot, app)
    dialog = app.open_settings()
    dialog.read_spin.setValue(7.5)
    dialog.machine_edit.setText("pc-17")
    press_ok(qtbot, dialog)
    assert app.work_window is window and window.isVisible()
    assert app.engine is not first_engine and app.http is not first_http
    assert app.http.timeout.read == 7.5
    assert app.settings.machine_no == "pc-17"
    qtbot.waitUntil(lambda: first_engine._thread is None, timeout=10000)  # stopped in the background
    assert not first_http.is_closed  # a read under way with it ends normally
    # The window's calls go through the new engine: the feedback still reaches the server.
    answer_card(qtbot, app, demo_server)
    qtbot.waitUntil(lambda: app.engine.status().pending == 0, timeout=10000)
    app.shutdown()
    assert first_http.is_closed  # closed with the program


def test_the_language_alone_waits_for_a_restart(qtbot, app: Application) -> None:
    dialog = app.open_settings()
    dialog.lang_box.setCurrentIndex(dialog.lang_box.findData("en"))
    engine = app.engine
    press_ok(qtbot, dialog)
    assert app.engine is engine  # nothing to reconnect for
    box = app.login_window.findChild(QMessageBox, "settingsRestartNotice")
    assert box is not None and "语言" in box.text()


def test_test_connection_runs_the_check_steps_and_shows_each_result(
    qtbot, app: Application, demo_server: DemoServer
) -> None:
    dialog = app.open_settings()
    test = dialog.connection_test
    button = child(dialog, QPushButton, "settingsTestConnection")
    result = child(dialog, QLabel, "settingsTestResult")
    assert dialog.server_edit.text() == demo_server.base_url
    with qtbot.waitSignal(test.finished, timeout=10000) as done:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert test.running and not button.isEnabled()  # the steps run in the background
    assert done.args == [True]
    lines = result.text().splitlines()
    assert [line.split()[1] for line in lines[:-1]] == [
        "get_server_url",
        "getcallback",
        "get_customer_type",
        "get_gender_type",
    ]
    assert all(line.startswith("✓") for line in lines[:-1])
    assert "全部" in lines[-1] or "4" in lines[-1]
    assert button.isEnabled()

    # A server that is not there: one line says so, once, and the verdict follows.
    dialog.server_edit.setText(free_port_url())
    with qtbot.waitSignal(test.finished, timeout=10000) as done:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert done.args == [False]
    lines = result.text().splitlines()
    assert len(lines) == 2 and lines[0].startswith("✗ get_server_url")
    assert lines[0].count("无法连接") == 1
    # Testing saves nothing: the dialog is still open with the typed value.
    assert dialog.isVisible() and app.settings.server_url == demo_server.base_url
    dialog.reject()


def test_first_run_without_a_server_says_so_and_leads_to_the_setting(
    qtbot, tmp_path: Path, demo_server: DemoServer
) -> None:
    app = start_app(tmp_path / "张 三 data", None)
    try:
        login = app.login_window
        set_server = child(login, QPushButton, "loginSetServer")
        assert set_server.isVisible()
        assert not child(login, QLabel, "loginServer").isVisible()
        panel_text = child(login, QLabel, "loginNoServerText").text()
        assert "服务器" in panel_text and "不能登录" in panel_text
        it_line = child(login, QLabel, "loginNoServerIt").text()
        assert "default_config.toml" in it_line and "ESTATE_SERVER_URL" in it_line

        # Logging in anyway: the error says why and what to do next.
        submit_login(qtbot, app)
        error = child(login, QLabel, "loginError")
        qtbot.waitUntil(lambda: error.text() != "", timeout=5000)
        assert "未设置服务器" in error.text()
        assert "设置服务器" in child(login, QLabel, "loginNextStep").text()

        qtbot.mouseClick(set_server, Qt.MouseButton.LeftButton)
        dialog = app.settings_dialog
        assert dialog is not None and dialog.isVisible()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.server_edit, timeout=3000)
        dialog.server_edit.setText(demo_server.base_url)
        press_ok(qtbot, dialog)

        assert not set_server.isVisible()
        assert demo_server.base_url in child(login, QLabel, "loginServer").text()
        window = log_in(qtbot, app)
        wait_for_card(qtbot, window)
        assert demo_server.request_count("login") == 1
    finally:
        app.shutdown()


def test_every_login_error_says_what_to_do_next(qtbot, app: Application) -> None:
    submit_login(qtbot, app, password="bad")
    next_step = child(app.login_window, QLabel, "loginNextStep")
    qtbot.waitUntil(next_step.isVisible, timeout=5000)
    assert child(app.login_window, QLabel, "loginError").text() == "用户名或者密码错误"
    assert "工号和密码" in next_step.text()


def test_closing_the_dialog_during_a_test_is_harmless(
    qtbot, app: Application, demo_server: DemoServer
) -> None:
    demo_server.faults.latency_s = 0.3  # the steps are still running when the dialog closes
    dialog = app.open_settings()
    qtbot.mouseClick(child(dialog, QPushButton, "settingsTestConnection"), Qt.MouseButton.LeftButton)
    dialog.reject()
    qtbot.waitUntil(lambda: app.settings_dialog is None, timeout=2000)
    assert app.tasks.wait_idle(10000)  # the steps end; no callback reaches the closed dialog
