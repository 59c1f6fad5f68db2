"""The login window against the demo server: online, refused, offline, inactive, busy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.api import ApiClient
from desktop_app.sync.auth import log_in
from desktop_app.ui.login.window import USER_NUM_KEY, LoginWindow


@pytest.fixture
def make_window(qtbot, store, tasks, http, demo_server):
    def make(url: str | None = "demo") -> LoginWindow:
        base = demo_server.base_url if url == "demo" else url
        factory = (lambda: ApiClient(http, base)) if base else None
        window = LoginWindow(store, tasks, factory, base, "weixin")
        qtbot.addWidget(window)
        window.show()
        return window

    return make


def type_login(qtbot, window: LoginWindow, user: str, password: str) -> None:
    window.user.setText(user)
    window.password.setText(password)
    qtbot.keyClick(window.password, Qt.Key.Key_Return)


def test_login_success_emits_the_session_and_remembers_the_user(qtbot, make_window, store):
    window = make_window()
    with qtbot.waitSignal(window.loggedIn, timeout=5000) as blocker:
        type_login(qtbot, window, "00006", "888")
    session, password = blocker.args
    assert (session.user_id, session.user_name, session.offline, session.active) == (
        29,
        "冯依敏",
        False,
        True,
    )
    assert password == "888"
    assert window.password.text() == ""
    assert store.prefs().get(USER_NUM_KEY) == "00006"
    again = make_window()
    assert again.user.text() == "00006"


def test_unchecked_remember_forgets_the_user(qtbot, make_window, store):
    window = make_window()
    window.remember.setChecked(False)
    with qtbot.waitSignal(window.loggedIn, timeout=5000):
        type_login(qtbot, window, "00006", "888")
    assert make_window().user.text() == ""


def test_wrong_password_shows_the_servers_message(qtbot, make_window):
    window = make_window()
    with qtbot.assertNotEmitted(window.loggedIn, wait=100):
        type_login(qtbot, window, "00006", "bad")
        qtbot.waitUntil(lambda: window.error.text() != "", timeout=5000)
    assert window.error.text() == "用户名或者密码错误"
    assert window.button.isEnabled()


def test_busy_while_the_server_is_slow(qtbot, make_window, demo_server):
    demo_server.faults.latency_s = 0.4
    window = make_window()
    with qtbot.waitSignal(window.loggedIn, timeout=5000):
        type_login(qtbot, window, "00006", "888")
        assert not window.button.isEnabled()
        assert window.button.text() == "正在登录…"
    assert window.button.isEnabled()


def test_offline_login_with_a_verifier(qtbot, make_window, store, http, demo_server):
    log_in(ApiClient(http, demo_server.base_url), store.verifiers(), "00006", "888", "weixin")
    demo_server.set_down(True)
    window = make_window()
    with qtbot.waitSignal(window.loggedIn, timeout=5000) as blocker:
        type_login(qtbot, window, "00006", "888")
    assert blocker.args[0].offline is True
    assert blocker.args[0].user_id == 29


def test_offline_login_without_a_verifier(qtbot, make_window, demo_server):
    demo_server.set_down(True)
    window = make_window()
    type_login(qtbot, window, "00006", "888")
    qtbot.waitUntil(lambda: window.error.text() != "", timeout=5000)
    assert window.error.text() == "无法连接服务器，且本机没有该工号的离线登录记录"


def test_inactive_user_logs_in_marked_inactive(qtbot, make_window):
    window = make_window()
    with qtbot.waitSignal(window.loggedIn, timeout=5000) as blocker:
        type_login(qtbot, window, "00008", "888")
    assert blocker.args[0].active is False
    assert blocker.args[0].status == "离职"


def test_empty_fields_are_caught_before_any_request(qtbot, make_window):
    window = make_window()
    window.user.setText("")
    window.submit()
    assert window.error.text() == "请输入工号"
    window.user.setText("00006")
    window.submit()
    assert window.error.text() == "请输入密码"


def test_server_shown_small_with_an_unencrypted_mark(qtbot, make_window):
    assert "未加密" in make_window().server.text()
    assert make_window("https://localhost:8443/estate").server.text().count("未加密") == 0
    assert make_window(None).server.text() == "未设置服务器"
