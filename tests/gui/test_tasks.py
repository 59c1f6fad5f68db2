"""BackgroundTasks: work runs off the UI thread, callbacks come back on it."""

from __future__ import annotations

import threading

import pytest

from desktop_app.ui.tasks import BackgroundTasks
from tests.helpers.widgets import flush_events


def test_result_comes_back_on_the_ui_thread(qtbot, tasks):
    ui_thread = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback"] = threading.get_ident()

    tasks.run(work, done, None)
    qtbot.waitUntil(lambda: "value" in seen, timeout=3000)
    assert seen["value"] == 42
    assert seen["worker"] != ui_thread
    assert seen["callback"] == ui_thread
    assert tasks.busy == 0


def test_exception_goes_to_on_error(qtbot, tasks):
    errors: list[BaseException] = []
    done: list[object] = []

    def work() -> None:
        raise ValueError("boom")

    tasks.run(work, done.append, errors.append)
    assert tasks.wait_idle(3000)
    assert done == []
    assert len(errors) == 1 and isinstance(errors[0], ValueError)


def test_wait_idle_delivers_every_callback(qtbot, tasks):
    results: list[int] = []
    for i in range(20):
        tasks.run(lambda i=i: i * i, results.append, None)
    assert tasks.wait_idle(5000)
    assert sorted(results) == [i * i for i in range(20)]


def test_callback_may_start_more_work(qtbot, tasks):
    results: list[str] = []

    def first_done(value: str) -> None:
        results.append(value)
        tasks.run(lambda: "second", results.append, None)

    tasks.run(lambda: "first", first_done, None)
    assert tasks.wait_idle(5000)
    assert results == ["first", "second"]


def test_no_callback_after_shutdown(qtbot):
    tasks = BackgroundTasks()
    release = threading.Event()
    results: list[str] = []

    def slow() -> str:
        release.wait(5)
        return "late"

    tasks.run(slow, results.append, results.append)
    release.set()
    assert tasks.shutdown(5000)
    flush_events()  # the job's result, queued before shutdown returned, is delivered now
    tasks.run(lambda: "refused", results.append, None)
    flush_events()
    assert results == []


@pytest.mark.logs_errors("background work callback failed")
def test_a_failing_callback_does_not_stop_later_ones(qtbot, tasks, caplog):
    results: list[int] = []

    def bad(_: int) -> None:
        raise RuntimeError("callback bug")

    tasks.run(lambda: 1, bad, None)
    tasks.run(lambda: 2, results.append, None)
    assert tasks.wait_idle(3000)
    assert results == [2]
    assert "callback failed" in caplog.text
