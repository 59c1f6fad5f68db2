"""A data folder under a Windows user named 张 三: Chinese characters and spaces in every path.

The window, the self-test (which works in the temporary folder, also under the user's
profile) and every window-less command must work there as anywhere else.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.demo.server import DemoServer
from tests.helpers.app_driver import log_in, start_app, wait_for_card
from tests.integration.test_command_line import enqueue, run_main


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    folder = tmp_path / "Users" / "张 三" / "AppData" / "Local" / "电话 营销"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def server() -> DemoServer:
    with DemoServer() as s:
        yield s  # type: ignore[misc]


def test_the_window_works_in_the_folder(qtbot, profile: Path, server: DemoServer) -> None:
    config = profile / "config" / "config.toml"
    config.parent.mkdir()
    config.write_text('machine_no = "张三的电脑"\n', encoding="utf-8")
    app = start_app(profile, server.base_url)
    try:
        window = log_in(qtbot, app)
        wait_for_card(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_1)
        qtbot.waitUntil(lambda: len(server.writes("savecallback")) == 1, timeout=10000)
        assert (profile / "estate-call.sqlite3").is_file()
    finally:
        app.shutdown()


def test_every_command_works_in_the_folder(profile: Path, server: DemoServer) -> None:
    enqueue(profile, 2)
    status = run_main("--status", "--data-dir", str(profile))
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout.strip().splitlines()[-1])["queued"] == 2
    synced = run_main("--sync", "--data-dir", str(profile), "--server", server.base_url)
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert len(server.writes()) == 2
    checked = run_main("--check-server", server.base_url, "--data-dir", str(profile))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert list((profile / "logs").iterdir()), "the log is written in the folder"


def test_the_self_test_works_with_the_temporary_folder_in_the_profile(profile: Path) -> None:
    temp = profile / "Temp 临时"
    temp.mkdir()
    result = run_main("--self-test", timeout=120, TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "自检通过" in result.stdout
