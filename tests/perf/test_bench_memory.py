"""Memory: resident size idle after login, and its growth over 2,000 calls.

The program stays open all day; it must not grow with every call. The demo server runs
in a child process, so the resident size measured (``VmRSS`` of this process) is the
client's alone; the server's own is reported beside it. This process also holds pytest
and its plugins (``rss_before_app_mb``: the QApplication made, nothing of the program
built yet), so the idle figure is also taken from the program alone: a fresh process
that builds the application, logs in through the widgets and waits for a full reserve.
Run this file on its own: benchmarks run before it in the same process leave it their
memory, and the in-process figures then mean nothing (the growth still does).

2,000 calls: a feedback key per call once the last background work has come back (the
next card from the phone reserve of 3), and every 10th call the customer form opened and
a customer saved. Resident size is read
after 500, 1,000 and 2,000 calls, each time after the sync engine has sent everything
and a garbage collection. Targets: idle after login at most 120 MB, growth over the
2,000 calls at most 10 MB. Only sanity is asserted: every write reached the server.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_app import FEEDBACK_KEYS, choose_package, large_package, log_in, rss_mb, start_app, wait_for_card
from demo_process import DemoProcess
from PySide6.QtCore import QObject

from desktop_app.domain.writes import WriteKind
from desktop_app.ui.application import Application
from desktop_app.ui.work.window import WorkWindow
from tests.helpers.app_driver import add_customer, has_card, reserve_count, settled
from tests.helpers.widgets import flush_events

Report = Callable[[str, dict[str, Any]], None]

ROOT = Path(__file__).resolve().parents[2]
CALLS = 2_000
CHECKPOINTS = (500, 1_000, 2_000)
CUSTOMER_EVERY = 10


IDLE_ALONE = """
import gc, runpy, sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtTest import QTest  # drives the login here; the bundle has none
# What the bundle leaves out is left out here too (this virtualenv also holds the test
# tools, and httpx imports its command line, pygments included, when they are present).
rules = runpy.run_path("resources/packaging/bundle_rules.py")
for name in rules["EXCLUDED_MODULES"]:
    sys.modules.setdefault(name, None)
from desktop_app.app import build_application
from desktop_app.config import Settings
from desktop_app.paths import AppPaths
from tests.helpers.app_driver import reserve_count, submit_login

def wait_until(done, timeout_s=20.0):
    ends = time.monotonic() + timeout_s
    loop = QEventLoop()
    while not done():
        if time.monotonic() > ends:
            raise SystemExit("timed out")
        QTimer.singleShot(10, loop.quit)
        loop.exec()

url, data = sys.argv[1], Path(sys.argv[2])
app = build_application(Settings(server_url=url, data_dir=data), AppPaths.under(data))
submit_login(QTest, app, click=True)  # QTest's static key and mouse calls, as qtbot's
wait_until(lambda: app.work_window is not None and app.work_window.card is not None)
window = app.work_window
wait_until(lambda: reserve_count(window) == 3)
# Idle: the startup heap settled (frozen at the work window's first paint), nothing queued,
# no background work.
wait_until(lambda: gc.get_freeze_count() > 0 and app.engine.status().pending == 0 and app.tasks.busy == 0)
gc.collect()
rss = next(l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmRSS:"))
print(f"rss_mb={int(rss.split()[1]) / 1024:.1f}", flush=True)
app.shutdown()
"""


def idle_rss_of_the_program_alone(server: DemoProcess, data_dir: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESTATE_")}
    env.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", IDLE_ALONE, server.base_url, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("rss_mb="))
    return float(line.split("=", 1)[1])


def quiet(qtbot: Any, app: Application, window: WorkWindow) -> None:
    """Everything sent, the reserve full, no background work; then collect garbage."""
    app.engine.sync_now()
    qtbot.waitUntil(lambda: settled(app, window, 3), timeout=30000)
    flush_events()
    gc.collect()


def snapshot(window: WorkWindow, server: DemoProcess) -> dict[str, float | int]:
    return {
        "rss_mb": rss_mb(),
        "python_blocks": sys.getallocatedblocks(),
        "qt_objects": len(window.findChildren(QObject)),
        "open_files": len(os.listdir("/proc/self/fd")),
        "server_rss_mb": rss_mb(server.pid),
    }


def test_memory_over_a_day(qtbot: Any, tmp_path: Path, report: Report) -> None:
    pro_id, package_id = large_package(CALLS + 100)
    gc.collect()
    before_app = rss_mb()
    with DemoProcess() as server:
        alone = idle_rss_of_the_program_alone(server, tmp_path / "alone")
        app = start_app(tmp_path / "bench", server.base_url, phone_reserve_size=3)
        try:
            window = log_in(qtbot, app)
            wait_for_card(qtbot, window)
            choose_package(qtbot, window, pro_id, package_id)
            quiet(qtbot, app, window)
            idle = snapshot(window, server)

            marks: dict[int, dict[str, float | int]] = {}
            customers = misses = 0
            for n in range(1, CALLS + 1):
                # The agent is on the phone meanwhile: the last refill has come back.
                qtbot.waitUntil(lambda: has_card(window) and app.tasks.busy == 0, timeout=10000)
                if reserve_count(window) == 0:
                    misses += 1  # this press will wait for getphone
                if n % CUSTOMER_EVERY == 0:
                    add_customer(qtbot, window, f"内存客户{n}", timeout_ms=5000)
                    customers += 1
                qtbot.keyClick(window, FEEDBACK_KEYS[n % len(FEEDBACK_KEYS)])
                if n in CHECKPOINTS:
                    quiet(qtbot, app, window)
                    marks[n] = snapshot(window, server)
            feedbacks = server.count(WriteKind.FEEDBACK.value)
            saved_customers = server.count(WriteKind.CUSTOMER.value)
        finally:
            app.shutdown()

    last = marks[CALLS]
    figures: dict[str, Any] = {
        "calls": CALLS,
        "customers_saved": customers,
        "presses_with_empty_reserve": misses,
        "rss_before_app_mb": before_app,
        "rss_idle_after_login_mb": idle["rss_mb"],
        "rss_idle_after_login_program_alone_mb": alone,
        "idle_target": "<= 120 MB",
    }
    for n in CHECKPOINTS:
        figures[f"rss_after_{n}_calls_mb"] = marks[n]["rss_mb"]
    figures["rss_growth_mb"] = last["rss_mb"] - idle["rss_mb"]
    figures["rss_growth_500_to_2000_mb"] = last["rss_mb"] - marks[500]["rss_mb"]
    figures["growth_target"] = "<= 10 MB"
    figures["python_blocks_growth_per_call"] = (last["python_blocks"] - idle["python_blocks"]) / CALLS
    figures["qt_objects_idle"] = idle["qt_objects"]
    figures["qt_objects_after_2000"] = last["qt_objects"]
    figures["open_files_idle"] = idle["open_files"]
    figures["open_files_after_2000"] = last["open_files"]
    figures["server_rss_idle_mb"] = idle["server_rss_mb"]
    figures["server_rss_after_2000_mb"] = last["server_rss_mb"]
    report("memory: resident size idle and over 2,000 calls (server in a child process)", figures)
    assert feedbacks == CALLS
    assert saved_customers == customers == CALLS // CUSTOMER_EVERY
