"""Writes made for another server wait in the queue view, with the agent's two choices:
send them to the current server, or give them up; both leave audit rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.demo.server import DemoServer
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import State
from desktop_app.ui.queue.view import QueueView
from desktop_app.ui.tasks import BackgroundTasks
from tests.helpers.app_driver import AppFactory, log_in, wait_for_card
from tests.helpers.widgets import child
from tests.helpers.writes import audit_rows, enqueue, feedback

READS_AT_ONCE = pytest.mark.gui_reads("view without a pool")
OLD = "http://127.0.0.1:8001/estate"
NEW = "http://127.0.0.1:8002/estate"


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    with_old = LocalStore(tmp_path, server_url=OLD)
    for name in ("甲", "乙"):
        enqueue(with_old, feedback(name))
    with_old.close()
    opened = LocalStore(tmp_path, server_url=NEW)  # IT changed the server setting
    enqueue(opened, feedback("丙"))
    yield opened  # type: ignore[misc]
    opened.close()


def make_view(qtbot: QtBot, store: LocalStore) -> QueueView:
    view = QueueView(store, None)
    qtbot.addWidget(view)
    view.show()
    return view


def servers(store: LocalStore) -> dict[str, str | None]:
    return {i.payload["owner_name"]: i.server for i in store.outbox().items_since(0)}


@READS_AT_ONCE
def test_the_bar_says_how_many_wait_for_which_server(qtbot: QtBot, store: LocalStore) -> None:
    view = make_view(qtbot, store)
    bar = view.other_servers
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    assert bar.text_label.text() == f"2 条记录是为服务器 {OLD} 记录的，不会发往当前设置的服务器 {NEW}。"
    assert bar.send_here_button.isEnabled() and bar.discard_button.isEnabled()


@READS_AT_ONCE
def test_send_here_moves_them_to_the_current_server(qtbot: QtBot, store: LocalStore) -> None:
    view = make_view(qtbot, store)
    qtbot.waitUntil(view.other_servers.isVisible, timeout=5000)
    with qtbot.waitSignal(view.rebound, timeout=5000) as moved:
        view.other_servers.send_here_button.click()
    assert moved.args == [2]
    assert servers(store) == {"甲": NEW, "乙": NEW, "丙": NEW}
    ids = [i.client_id for i in store.outbox().items_since(0) if i.payload["owner_name"] == "甲"]
    assert [a["action"] for a in audit_rows(store, ids[0])] == ["rebind"]
    qtbot.waitUntil(lambda: not view.other_servers.isVisible(), timeout=5000)
    assert view.notice_label.text() == "已改发 2 条记录到当前服务器"


@READS_AT_ONCE
def test_discard_gives_them_up_after_asking(
    qtbot: QtBot, store: LocalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view(qtbot, store)
    qtbot.waitUntil(view.other_servers.isVisible, timeout=5000)
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    view.other_servers.discard_button.click()  # "no": nothing changes
    assert {i.state for i in store.outbox().items_since(0)} == {State.QUEUED}
    view.other_servers.discard_button.click()
    assert f"这 2 条为服务器 {OLD} 记录的记录不会再发送" in asked[1]
    states = {i.payload["owner_name"]: i.state for i in store.outbox().items_since(0)}
    assert states == {"甲": State.DISCARDED, "乙": State.DISCARDED, "丙": State.QUEUED}
    gone = [i.client_id for i in store.outbox().items_since(0) if i.state is State.DISCARDED]
    assert audit_rows(store, gone[0])[0]["action"] == "discard"
    assert OLD in audit_rows(store, gone[0])[0]["reason"]
    qtbot.waitUntil(lambda: not view.other_servers.isVisible(), timeout=5000)


def test_with_a_pool_the_bar_reads_and_sends_on_off_the_gui_thread(qtbot: QtBot, store: LocalStore) -> None:
    tasks = BackgroundTasks()
    try:
        view = QueueView(store, None, tasks=tasks)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(view.other_servers.isVisible, timeout=5000)
        with qtbot.waitSignal(view.rebound, timeout=5000) as moved:
            view.other_servers.send_here_button.click()
        assert moved.args == [2]
        qtbot.waitUntil(lambda: not view.other_servers.isVisible(), timeout=5000)
        assert servers(store) == {"甲": NEW, "乙": NEW, "丙": NEW}
    finally:
        tasks.shutdown()


def test_writes_queued_for_the_old_server_never_reach_the_new_one(
    qtbot: QtBot, app_factory: AppFactory, demo_server: DemoServer
) -> None:
    """The server changed in the settings while the old one was down: what was queued for
    it waits, the new server gets only what is made after the change."""
    with DemoServer() as other:
        app = app_factory()
        log_in(qtbot, app)
        window = app.work_window
        assert window is not None
        wait_for_card(qtbot, window)
        demo_server.set_down(True)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        qtbot.keyClick(window, Qt.Key.Key_1)  # queued for the first server, which is down
        qtbot.waitUntil(lambda: app.store.outbox().counts()[State.QUEUED] >= 1, timeout=5000)
        qtbot.waitUntil(lambda: app.tasks.busy == 0, timeout=10000)  # the reserve refill ended

        dialog = app.open_settings()
        dialog.server_edit.setText(other.base_url)
        qtbot.mouseClick(child(dialog, QPushButton, "settingsOk"), Qt.MouseButton.LeftButton)
        log_in(qtbot, app)
        window = app.work_window
        assert window is not None
        wait_for_card(qtbot, window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        qtbot.keyClick(window, Qt.Key.Key_1)
        qtbot.waitUntil(lambda: len(other.writes("savecallback")) == 1, timeout=10000)
        app.engine.sync_now()
        qtbot.waitUntil(lambda: app.engine.status().online is True, timeout=10000)
        waiting = app.store.outbox().pending_elsewhere()
        assert waiting == {demo_server.base_url: 1}, waiting
        assert len(other.writes("savecallback")) == 1  # only the write made after the change
        assert demo_server.writes("savecallback") == []
