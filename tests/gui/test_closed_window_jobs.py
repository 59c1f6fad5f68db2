"""A work window's background jobs end with it: nothing they return or fetch lands after it closed.

The window goes at 退出登录 and when the server is changed in 设置 (the session ends);
jobs it started may still be running on the pool then. Their callbacks must not reach
its deleted widgets ("Internal C++ object already deleted", "Signal source has been
deleted", at any log level), and a reserve refill must not add phones once its window
is gone: after a server change they would be the old server's phones in the new one's
reserve. The slow parts are held on a gate, released once the window is deleted.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_app.api import ApiClient
from desktop_app.demo.server import DemoServer
from desktop_app.store.history import History
from tests.helpers.app_driver import DEMO_USER_ID, AppFactory, log_in, settled
from tests.helpers.widgets import child

# What a late callback into a deleted window logs (PySide's words, and the pool's).
DELETED = ("already deleted", "has been deleted", "receiver deleted", "callback failed")


class Gate:
    """Holds every call of a method on its thread until ``release()``; says when one came."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> None:
        self.arrived = threading.Event()
        self._open = threading.Event()
        real: Callable[..., Any] = getattr(owner, name)

        def held(*args: Any, **kwargs: Any) -> Any:
            self.arrived.set()
            assert self._open.wait(10), "the gate was never released"
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, held)

    def release(self) -> None:
        self._open.set()


@pytest.fixture
def other_server() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Every log record of the test, DEBUG included."""
    caplog.set_level(logging.DEBUG)
    return caplog.records


def about_deleted_objects(records: list[logging.LogRecord]) -> list[str]:
    lines = (f"{r.levelname} {r.name}: {r.getMessage()}" for r in records)
    return [line for line in lines if any(text in line for text in DELETED)]


def reserved(app: Any) -> int:
    return int(app.store.db().execute("SELECT count(*) FROM phone_reserve").fetchone()[0])


def answer_card_with_the_refill_held(qtbot: Any, app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Log in, wait until the reserve is full, press 1: the card comes from the reserve and
    the refill that tops it up again waits at the server's door (``getphone``)."""
    window = log_in(qtbot, app)
    size = app.settings.phone_reserve_size
    assert size > 0
    qtbot.waitUntil(lambda: settled(app, window, size), timeout=10000)
    gate = Gate(monkeypatch, ApiClient, "getphone")
    qtbot.keyClick(window, Qt.Key.Key_1)
    qtbot.waitUntil(gate.arrived.is_set, timeout=5000)
    return window, gate


def test_a_refill_under_way_at_a_server_change_adds_nothing_to_the_new_servers_reserve(
    qtbot: Any,
    app_factory: AppFactory,
    other_server: DemoServer,
    monkeypatch: pytest.MonkeyPatch,
    records: list[logging.LogRecord],
) -> None:
    app = app_factory()
    window, gate = answer_card_with_the_refill_held(qtbot, app, monkeypatch)

    dialog = app.open_settings()
    dialog.server_edit.setText(other_server.base_url)
    with qtbot.waitSignal(window.destroyed, timeout=5000):
        qtbot.mouseClick(child(dialog, QPushButton, "settingsOk"), Qt.MouseButton.LeftButton)
    assert app.work_window is None and reserved(app) == 0  # the old server's reserve is gone

    gate.release()  # the refill's getphone is answered now, by the old server
    assert app.tasks.wait_idle(10000)
    assert reserved(app) == 0
    assert app.store.cards().load(DEMO_USER_ID) is None
    assert other_server.request_count("getphone") == 0
    assert about_deleted_objects(records) == []


def test_a_refill_under_way_at_logout_stops_and_calls_nothing_back(
    qtbot: Any, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch, records: list[logging.LogRecord]
) -> None:
    app = app_factory()
    window, gate = answer_card_with_the_refill_held(qtbot, app, monkeypatch)
    left = reserved(app)

    with qtbot.waitSignal(window.destroyed, timeout=5000):
        window.logout_action.trigger()
    gate.release()
    assert app.tasks.wait_idle(10000)
    assert reserved(app) == left  # the phone answered after the window closed is not kept
    assert about_deleted_objects(records) == []

    again = log_in(qtbot, app)  # the reserve left is used as before
    qtbot.waitUntil(lambda: settled(app, again, app.settings.phone_reserve_size), timeout=10000)


def test_the_follow_ups_of_a_closed_window_read_nothing_back_into_it(
    qtbot: Any, app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch, records: list[logging.LogRecord]
) -> None:
    """The repeat hint of the next card is read on the pool; the window goes meanwhile."""
    app = app_factory()
    window = log_in(qtbot, app)
    qtbot.waitUntil(lambda: settled(app, window, app.settings.phone_reserve_size), timeout=10000)
    gate = Gate(monkeypatch, History, "repeat_hint")
    qtbot.keyClick(window, Qt.Key.Key_1)  # the next card: its hint is read on the pool
    qtbot.waitUntil(gate.arrived.is_set, timeout=5000)

    with qtbot.waitSignal(window.destroyed, timeout=5000):
        window.logout_action.trigger()
    gate.release()
    assert app.tasks.wait_idle(10000)
    assert about_deleted_objects(records) == []
