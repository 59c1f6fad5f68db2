"""The window's start: one per data folder and user (a second start brings it to the front,
``--sync`` beside it asks it to sync), and a data folder it cannot use said in words with
exit code 3; a damaged database moved aside is reported."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.app import build_application, main
from desktop_app.cli.exit_codes import Exit
from desktop_app.config import Settings
from desktop_app.demo.server import DemoServer
from desktop_app.paths import AppPaths
from desktop_app.store.db import DB_FILENAME, LocalStore
from desktop_app.ui.instance_requests import InstanceRequests
from desktop_app.ui.single_instance import (
    ACTIVATE,
    SYNC,
    InstanceRequest,
    InstanceServer,
    Place,
    ask,
    place_for,
    start_or_ask,
)
from tests.helpers import processes
from tests.helpers.damaged import damaged_database
from tests.helpers.mounts import read_only_view
from tests.helpers.waiting import wait_for
from tests.helpers.writes import queue_feedback


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("ESTATE_")]:
        monkeypatch.delenv(name)


def run_main_closing_the_box(qtbot: QtBot, argv: list[str]) -> tuple[int, str]:
    """``main(argv)`` in this process; the failure box it shows is read and closed."""
    seen: list[str] = []

    def close_box() -> None:
        boxes = [
            w for w in QApplication.topLevelWidgets() if w.objectName() == "startFailureBox" and w.isVisible()
        ]
        if not boxes:
            QTimer.singleShot(20, close_box)
            return
        box = boxes[0]
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    guard = QTimer()  # bounded: a box that never came ends the loop anyway
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: QApplication.exit(99))
    guard.start(15000)
    QTimer.singleShot(0, close_box)
    try:
        code = main(argv)
    finally:
        guard.stop()
    assert seen, "no failure box was shown"
    return code, seen[0]


def test_a_folder_in_the_databases_place_stops_the_window_with_words(
    qtbot: QtBot, tmp_path: Path, clean_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / DB_FILENAME).mkdir()
    code, text = run_main_closing_the_box(qtbot, ["--data-dir", str(tmp_path)])
    assert code == Exit.LOCAL_DATA
    assert f"{tmp_path / DB_FILENAME} 是一个文件夹" in text
    assert text in capsys.readouterr().err


def test_a_read_only_folder_stops_the_window_with_words(
    qtbot: QtBot, tmp_path: Path, clean_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    source, view = tmp_path / "data", tmp_path / "view"
    LocalStore(source).close()
    with read_only_view(source, view):
        code, text = run_main_closing_the_box(qtbot, ["--data-dir", str(view)])
    assert code == Exit.LOCAL_DATA
    assert f"数据文件夹 {view} 是只读的" in text


@pytest.mark.logs_errors("local database damaged")
def test_the_window_reports_a_database_moved_aside(qtbot: QtBot, tmp_path: Path) -> None:
    damaged_database(tmp_path)

    settings = Settings(server_url="http://127.0.0.1:9/estate", data_dir=tmp_path)
    application = build_application(settings, AppPaths.under(tmp_path), start_sync=False)
    try:
        moved, rescued = application.store.recovered_from, application.store.salvaged
        assert moved is not None and rescued > 0
        box = application.login_window.findChild(QMessageBox, "noticeBox")
        assert box is not None and box.isVisible()
        assert f"已移到 {moved} 保存" in box.text() and f"已从中找回 {rescued} 条" in box.text()
    finally:
        application.shutdown()


# -- two real processes ------------------------------------------------------------------------------


@pytest.fixture
def runtime() -> Iterator[str]:
    """A short private folder for the local sockets (Unix socket paths are limited to ~100 bytes)."""
    folder = tempfile.mkdtemp(prefix="ec-")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def window_env(runtime: str) -> dict[str, str]:
    """A child's environment with no screen and its local sockets in ``runtime``."""
    return {"QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": runtime}


def run_main(runtime: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return processes.run_main(*args, timeout=timeout, **window_env(runtime))


def answers_sync(place: Place) -> bool:
    reply = ask(place.server, SYNC, {"deadline_s": 5}, timeout_s=10)
    return reply is not None and reply.ok


def test_a_second_start_brings_the_window_forward_and_sync_asks_it(
    qtbot: QtBot, tmp_path: Path, runtime: str
) -> None:
    data_dir = tmp_path / "data"
    place = place_for(data_dir, runtime_dir=runtime)
    with DemoServer() as server:
        window = subprocess.Popen(
            [sys.executable, str(processes.MAIN), "--data-dir", str(data_dir), "--server", server.base_url],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=processes.child_env(**window_env(runtime)),
            cwd=processes.ROOT,
        )
        try:
            wait_for(lambda: answers_sync(place), 60, "the window to be up and syncing on request")

            second = run_main(runtime, "--data-dir", str(data_dir), "--server", server.base_url)
            assert second.returncode == Exit.OK, second.stdout + second.stderr
            assert second.stdout.strip() == "程序已在运行，已切换到它的窗口"
            assert window.poll() is None  # the first one still runs

            queue_feedback(data_dir, ["甲", "乙", "丙"], server.base_url)  # its engine sleeps: nothing woke it
            sync = run_main(runtime, "--sync", "--data-dir", str(data_dir), "--server", server.base_url)
            assert sync.returncode == Exit.OK, sync.stdout + sync.stderr
            assert sync.stdout.splitlines() == [
                "本数据文件夹的程序正在运行，已由它完成同步:",
                "已发送 3 条，需处理 0 条，仍待同步 0 条",
            ]
            assert sorted(w.payload["owner_name"] for w in server.writes()) == ["丙", "乙", "甲"]

            reply = ask(place.server, ACTIVATE, timeout_s=10)
            assert reply is not None and reply.ok and reply.data.get("activated") is True

            # Training has a folder of its own: its window starts beside the real one.
            demo = run_main(runtime, "--demo", "--data-dir", str(data_dir), "--measure-startup")
            assert demo.returncode == Exit.OK, demo.stdout + demo.stderr
            assert "startup_ms=" in demo.stdout and "已在运行" not in demo.stdout
        finally:
            window.send_signal(signal.SIGTERM)
            window.wait(timeout=30)


def test_a_window_that_does_not_answer_is_said_to_be_running(
    qtbot: QtBot, tmp_path: Path, runtime: str
) -> None:
    """A program that holds the name but never replies: the new start says so and ends with 4."""
    data_dir = tmp_path / "data"
    first = start_or_ask(place_for(data_dir, runtime_dir=runtime))
    assert isinstance(first, InstanceServer)
    held: list[InstanceRequest] = []
    first.requested.connect(held.append)  # kept, never answered
    try:
        result: list[subprocess.CompletedProcess[str]] = []
        thread = threading.Thread(
            target=lambda: result.append(run_main(runtime, "--data-dir", str(data_dir))), daemon=True
        )
        thread.start()  # this thread's event loop must keep running for the server to read the request
        qtbot.waitUntil(lambda: not thread.is_alive(), timeout=60000)
    finally:
        first.close()
    second = result[0]
    assert second.returncode == Exit.ALREADY_RUNNING, second.stdout + second.stderr
    assert f"程序已在为数据文件夹 {data_dir} 运行，但它没有回应" in second.stderr
    assert "Traceback" not in second.stdout + second.stderr


def test_the_window_answers_from_the_front_window(qtbot: QtBot, tmp_path: Path) -> None:
    """activate restores a minimised window and raises it (the handler, in this process)."""
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    handler = InstanceRequests(window)
    replies: list[dict[str, object]] = []
    request = InstanceRequest(ACTIVATE, {}, lambda data: replies.append(data) is None)
    handler.handle(request)
    assert replies == [{"activated": True, "ok": True}]
    assert not window.isMinimized() and window.isVisible()
    sync: list[dict[str, object]] = []
    handler.handle(InstanceRequest(SYNC, {}, lambda data: sync.append(data) is None))
    assert sync == [{"ok": False, "error": "not_ready"}]  # still starting: the asker syncs itself
    assert json.dumps(sync)  # plain data, as it travels
