"""ThrottledLoad: many requests, few background loads, and never a stale result shown."""

from __future__ import annotations

import threading
import time

from desktop_app.ui.tasks import BackgroundTasks
from desktop_app.ui.throttled_load import ThrottledLoad

INTERVAL_MS = 200


class Recorder:
    """A load that counts itself and can be held mid-way."""

    def __init__(self) -> None:
        self.started: list[float] = []
        self.applied: list[int] = []
        self.failed: list[BaseException] = []
        self.threads: set[int] = set()
        self.gate = threading.Event()
        self.gate.set()

    def load(self) -> int:
        self.started.append(time.monotonic())
        self.threads.add(threading.get_ident())
        self.gate.wait(5)
        return len(self.started)


def make(tasks: BackgroundTasks, rec: Recorder) -> ThrottledLoad[int]:
    return ThrottledLoad(tasks, rec.load, rec.applied.append, rec.failed.append, INTERVAL_MS)


def test_a_burst_of_requests_is_one_load_off_the_ui_thread(qtbot, tasks) -> None:
    rec = Recorder()
    loader = make(tasks, rec)
    for _ in range(20):
        loader.request()
    qtbot.waitUntil(lambda: rec.applied == [1] and loader.idle, timeout=3000)
    assert tasks.wait_idle(3000)  # idle: no load running, none waiting; nothing else can come
    assert rec.applied == [1] and loader.idle
    assert threading.get_ident() not in rec.threads


def test_requests_during_a_load_give_one_more_load_an_interval_later(qtbot, tasks) -> None:
    rec = Recorder()
    loader = make(tasks, rec)
    rec.gate.clear()
    loader.request()
    qtbot.waitUntil(lambda: len(rec.started) == 1, timeout=3000)
    for _ in range(5):
        loader.request()
    rec.gate.set()
    qtbot.waitUntil(lambda: rec.applied == [1, 2] and loader.idle, timeout=3000)
    assert rec.started[1] - rec.started[0] >= INTERVAL_MS / 1000 * 0.9
    assert tasks.wait_idle(3000)
    assert rec.applied == [1, 2] and loader.idle


def test_a_load_overtaken_by_a_direct_reload_is_dropped(qtbot, tasks) -> None:
    rec = Recorder()
    loader = make(tasks, rec)
    rec.gate.clear()
    loader.request()
    qtbot.waitUntil(lambda: len(rec.started) == 1, timeout=3000)
    loader.invalidate()  # the view read the store itself meanwhile
    rec.gate.set()
    qtbot.waitUntil(lambda: loader.idle, timeout=3000)  # the overtaken load came back
    assert tasks.wait_idle(3000)
    assert rec.applied == []
    loader.request()
    qtbot.waitUntil(lambda: rec.applied == [2], timeout=3000)


def test_a_failing_load_reports_and_the_next_request_loads_again(qtbot, tasks) -> None:
    calls: list[int] = []
    errors: list[BaseException] = []
    applied: list[int] = []

    def load() -> int:
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk")
        return len(calls)

    loader = ThrottledLoad(tasks, load, applied.append, errors.append, 10)
    loader.request()
    qtbot.waitUntil(lambda: len(errors) == 1 and loader.idle, timeout=3000)
    loader.request()
    qtbot.waitUntil(lambda: applied == [2], timeout=3000)
    assert isinstance(errors[0], OSError)


def test_without_a_pool_every_request_loads_at_once_on_this_thread(qtbot) -> None:
    rec = Recorder()
    loader = ThrottledLoad(None, rec.load, rec.applied.append, rec.failed.append, INTERVAL_MS)
    loader.request()
    loader.request()
    assert rec.applied == [1, 2] and rec.threads == {threading.get_ident()}


def test_a_direct_load_that_fails_reports_instead_of_raising(qtbot, tasks) -> None:
    errors: list[BaseException] = []

    def load() -> int:
        raise OSError("disk")

    loader = ThrottledLoad(tasks, load, lambda _r: None, errors.append, INTERVAL_MS)
    loader.load_now()
    qtbot.waitUntil(lambda: len(errors) == 1 and loader.idle, timeout=3000)
    assert isinstance(errors[0], OSError)


def test_a_direct_load_runs_on_the_pool_at_once_and_overtakes_a_waiting_one(qtbot, tasks) -> None:
    rec = Recorder()
    loader = make(tasks, rec)
    loader.request()
    qtbot.waitUntil(lambda: rec.applied == [1] and loader.idle, timeout=3000)
    loader.request()  # waits for its interval
    loader.load_now()  # the agent's own action: now, not after the interval
    qtbot.waitUntil(lambda: rec.applied == [1, 2] and loader.idle, timeout=INTERVAL_MS // 2)
    assert threading.get_ident() not in rec.threads
    assert tasks.wait_idle(3000)
    assert rec.applied == [1, 2]
