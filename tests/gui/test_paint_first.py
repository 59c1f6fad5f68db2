"""The start-up path of ``main()``: the login window is painted first, the rest attached after."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app.app import build_application
from desktop_app.config import Settings
from desktop_app.demo.server import DemoServer
from desktop_app.paths import AppPaths
from desktop_app.ui.login.window import show_login_first

ROOT = Path(__file__).resolve().parents[2]


def test_a_login_window_shown_before_the_store_attaches_and_logs_in(
    qtbot, tmp_path: Path, demo_server: DemoServer
) -> None:
    login = show_login_first(demo_server.base_url, "weixin")
    qtbot.addWidget(login)
    login.user.setText("00006")  # typed while the store was still opening
    login.password.setText("888")
    login.submit()  # before the store is open: kept, and sent once it is
    assert login.user.text() == "00006" and login.button.isEnabled()

    settings = Settings(server_url=demo_server.base_url, data_dir=tmp_path)
    app = build_application(settings, AppPaths.under(tmp_path), login_window=login)
    try:
        assert app.login_window is login
        assert login.user.text() == "00006"
        assert not login.button.isEnabled()  # the early Enter is being sent
        qtbot.waitUntil(lambda: app.work_window is not None, timeout=5000)
        assert not login.isVisible()
    finally:
        app.shutdown()


def test_measure_startup_prints_the_time_to_the_first_paint_and_to_ready(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESTATE_")}
    env.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--measure-startup", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("startup_ms=")]
    assert len(lines) == 1 and int(lines[0].split("=")[1]) > 0
    figures = dict(line.split("=", 1) for line in result.stdout.splitlines() if "_ms=" in line)
    # a key reaches the field after the paint; ready (store attached) after that paint too
    assert int(figures["startup_ms"]) <= int(figures["typed_ms"])
    assert int(figures["startup_ms"]) <= int(figures["ready_ms"])
    assert 0 <= int(figures["gap_ms"]) <= int(figures["ready_ms"])


SPY = """
import sys
import desktop_app.ui.first_paint as first_paint

HEAVY = (
    "sqlite_utils", "httpx", "desktop_app.store.db", "desktop_app.ui.application", "desktop_app.ui.work.window",
    "PySide6.QtNetwork",  # no other window runs for this folder: nobody to ask
)
original = first_paint.on_first_paint
seen = []


def on_first_paint(window, then):
    def at_paint():
        if not seen:
            seen.append(1)
            loaded = [m for m in HEAVY if m in sys.modules]
            from PySide6 import QtCore
            if "Qt" in QtCore.__dict__:  # Qt's enum namespace is made at its first use (~25 ms)
                loaded.append("QtCore.Qt")
            print("loaded_at_paint=" + ",".join(loaded), flush=True)
        then()

    original(window, at_paint)


first_paint.on_first_paint = on_first_paint
from desktop_app.app import main

# A server is set (nothing listens there): the usual start, not a first run's.
sys.exit(main(["--measure-startup", "--data-dir", sys.argv[1], "--server", "http://127.0.0.1:9/estate"]))
"""


def test_nothing_heavy_is_loaded_before_the_first_paint(tmp_path: Path) -> None:
    """The database, the HTTP stack, the work window, QtNetwork and Qt's enum namespace load
    after the login window is painted."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESTATE_")}
    env.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SPY, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("loaded_at_paint=")]
    assert lines == ["loaded_at_paint="], result.stdout
