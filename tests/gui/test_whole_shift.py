"""A whole shift through the real application, against the demo server over loopback.

Log in, pick project and package, take 20 phones with feedback keys, add 5 customers;
the server goes down mid-way and the agent keeps working through the phone reserve
(3 feedbacks and 1 customer queued, the status bar says 离线 with the counts, a 4th
phone is refused with the reason); the server comes back, every write arrives exactly
once and the status bar returns to 在线 with nothing queued.
"""

from __future__ import annotations

import collections
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

from desktop_app.demo.server import DemoServer
from desktop_app.logsetup import setup_logging, shutdown_logging
from desktop_app.paths import AppPaths
from desktop_app.ui.application import Application
from desktop_app.ui.work.window import WorkWindow
from tests.helpers.app_driver import (
    AppFactory,
    add_customer,
    log_in,
    number,
    reserve_count,
    submit_login,
    wait_for_card,
)
from tests.helpers.widgets import child, text_of

KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6]


@pytest.fixture
def app(app_factory: AppFactory, tmp_path: Path) -> Iterator[Application]:
    setup_logging(AppPaths.under(tmp_path).log_dir, level=logging.DEBUG)  # as main() does, with every detail
    yield app_factory()
    shutdown_logging()


def reserve_full(window: WorkWindow) -> bool:
    return reserve_count(window) == 3


def press_feedback(qtbot, window: WorkWindow, n: int) -> str:
    """Press a feedback key; returns the number that was on the card."""
    before = number(window)
    qtbot.keyClick(window, KEYS[n % len(KEYS)])
    return before


def test_whole_shift(qtbot, app: Application, demo_server: DemoServer) -> None:
    window = log_in(qtbot, app, click=True)
    projects = child(window, QComboBox, "projectPicker")
    packages = child(window, QComboBox, "packagePicker")
    qtbot.waitUntil(lambda: projects.count() > 0 and packages.count() > 0, timeout=5000)
    wait_for_card(qtbot, window)

    called: list[str] = []
    customers: list[str] = []
    for n in range(20):
        qtbot.waitUntil(lambda: reserve_full(window), timeout=5000)
        if n % 4 == 1:
            add_customer(qtbot, window, f"客户{n}")
            customers.append(f"客户{n}")
        shown = number(window)
        called.append(press_feedback(qtbot, window, n))
        # The next card is there at once, from the reserve: no waiting for the server.
        assert number(window) not in ("", shown)
    assert len(customers) == 5

    # The network drops. The agent keeps working through the reserve.
    qtbot.waitUntil(lambda: reserve_full(window), timeout=5000)
    qtbot.waitUntil(lambda: app.engine.status().pending == 0, timeout=10000)  # the morning's work is safe
    demo_server.set_down(True)
    for n in range(3):
        if n == 2:
            add_customer(qtbot, window, "断网客户")
            customers.append("断网客户")
        shown = number(window)
        called.append(press_feedback(qtbot, window, n))
        assert number(window) not in ("", shown)
    qtbot.waitUntil(lambda: "离线" in text_of(window, "connectionState"), timeout=10000)
    qtbot.waitUntil(lambda: text_of(window, "queuedCount").endswith(" 4"), timeout=5000)
    assert "待同步" in text_of(window, "queuedCount")

    # A 4th phone cannot be had: the card says why instead of hanging.
    last = number(window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "无法连接服务器" in child(window, QLabel, "phoneMessage").text(), timeout=5000)
    assert number(window) in ("", last)

    # The server comes back: everything arrives exactly once, the bar turns 在线 / 0.
    demo_server.set_down(False)
    qtbot.waitUntil(lambda: len(demo_server.writes("savecallback")) >= 23, timeout=30000)
    qtbot.waitUntil(lambda: len(demo_server.writes("save_to_customer")) >= 6, timeout=10000)
    qtbot.waitUntil(lambda: "在线" in text_of(window, "connectionState"), timeout=10000)
    qtbot.waitUntil(lambda: text_of(window, "queuedCount").endswith(" 0"), timeout=10000)

    feedback_phones = collections.Counter(w.payload["phone_no"] for w in demo_server.writes("savecallback"))
    assert sorted(feedback_phones) == sorted(called)
    assert set(feedback_phones.values()) == {1}
    customer_names = collections.Counter(
        w.payload["customer_name"] for w in demo_server.writes("save_to_customer")
    )
    assert sorted(customer_names) == sorted(customers)
    assert set(customer_names.values()) == {1}
    assert all(w.payload["user_id"] == 29 for w in demo_server.writes("savecallback"))


MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def test_logs_of_a_shift_hold_no_phone_number_and_no_password(
    qtbot, app: Application, tmp_path: Path
) -> None:
    # A refused attempt first, with a password that would be easy to spot in a log.
    login = app.login_window
    submit_login(qtbot, app, password="Zq-4711-secret", click=True)
    qtbot.waitUntil(lambda: child(login, QLabel, "loginError").text() != "", timeout=5000)
    window = log_in(qtbot, app, click=True)
    wait_for_card(qtbot, window)
    called = []
    for n in range(5):
        qtbot.waitUntil(lambda: window.card is not None, timeout=5000)
        called.append(press_feedback(qtbot, window, n))
    qtbot.waitUntil(lambda: window.card is not None, timeout=5000)
    add_customer(qtbot, window, "日志客户")
    qtbot.waitUntil(lambda: app.engine.status().pending == 0 and app.engine.status().last_success is not None)
    for handler in logging.getLogger().handlers:
        handler.flush()
    logs = sorted((tmp_path / "logs").glob("estate-call.log*"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in logs)
    assert "savecallback" in text and "login" in text, "requests are logged"
    assert MOBILE.findall(text) == []
    assert not any(phone in text for phone in called)
    assert "Zq-4711-secret" not in text
    assert not re.search(r"(pwd|password|密码)\W{0,6}888(?!\d)", text, re.IGNORECASE)
