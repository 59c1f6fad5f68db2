"""The guard of every GUI test: it sees a growing read of the UI code, and only that."""

from __future__ import annotations

import pytest

from desktop_app.store.db import LocalStore
from desktop_app.ui.queue.view import QueueView
from desktop_app.ui.tasks import BackgroundTasks
from tests.helpers import gui_reads
from tests.helpers.writes import enqueue, feedback

pytestmark = pytest.mark.gui_reads("provokes the guard on purpose")


@pytest.mark.parametrize(
    ("sql", "grows"),
    [
        ("SELECT value FROM prefs WHERE key = 'a'", False),  # a unique key: one row
        ("SELECT * FROM outbox WHERE client_id = 'x'", False),
        ("SELECT state, count(*) FROM outbox GROUP BY state", True),  # a count over the table
        ("SELECT * FROM outbox WHERE created_at >= 0", True),  # a day's list: a range
        ("SELECT * FROM outbox WHERE state = 'queued'", True),  # a key that is not unique
        ("PRAGMA quick_check", True),
        ("BEGIN IMMEDIATE", False),
    ],
)
def test_what_counts_as_growing(store: LocalStore, sql: str, grows: bool) -> None:
    assert (gui_reads.growing(str(store.path), sql) is not None) is grows


def test_a_view_reading_at_once_is_caught_and_one_on_the_pool_is_not(qtbot, tmp_path) -> None:
    with gui_reads.watching(LocalStore) as guard:
        store = LocalStore(tmp_path)
        try:
            enqueue(store, feedback("陈一"))  # the test's own writes and reads are its business
            store.outbox().counts()
            assert guard.found == []

            tasks = BackgroundTasks()
            try:
                on_pool = QueueView(store, 29, tasks=tasks)
                qtbot.addWidget(on_pool)
                qtbot.waitUntil(lambda: on_pool.model.rowCount() == 1, timeout=3000)
                on_pool.refresh()
                assert tasks.wait_idle(3000)
                assert guard.found == []
            finally:
                tasks.shutdown()

            at_once = QueueView(store, 29)  # no pool: reads the day on the GUI thread
            qtbot.addWidget(at_once)
            assert guard.found and "(a range)" in guard.found[0]
        finally:
            store.close()
