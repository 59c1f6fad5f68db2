"""Memory: resident size idle after login, with a year of calls (100,000) in the local database.

Callbacks, history and notes live in the same database file; the program must not read
them into memory at login. A fresh process builds the application over a data folder
holding 100,000 calls (``history_data.fill_history``), logs in through the widgets and
waits until the start-up work is over (the retention pass included, on the pool) and the
phone reserve is full; the same is measured over an empty folder beside it. Target: idle
after login at most 120 MB with the year of calls. Only sanity is asserted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from demo_process import DemoProcess
from history_data import fill_history
from test_bench_memory import idle_rss_of_the_program_alone

from desktop_app.store.db import LocalStore
from desktop_app.store.history import History, HistoryQuery

Report = Callable[[str, dict[str, Any]], None]

CALLS = 100_000
USER = 29  # the demo server's agent, so the history is the logged-in agent's own


def test_idle_memory_after_login_with_a_year_of_calls(tmp_path: Path, report: Report) -> None:
    filled_dir = tmp_path / "year"
    store = LocalStore(filled_dir)
    made = fill_history(store, CALLS, USER)
    store.db().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    db_mb = sum(p.stat().st_size for p in filled_dir.rglob("*") if p.is_file()) / 1e6

    with DemoProcess() as server:
        empty = idle_rss_of_the_program_alone(server, tmp_path / "empty")
        year = idle_rss_of_the_program_alone(server, filled_dir)

    store = LocalStore(filled_dir)
    try:
        kept = History(store.db()).search(HistoryQuery(USER), limit=1).entries
    finally:
        store.close()
    report(
        "memory: idle after login with 100,000 calls in the local database",
        {
            "calls": made.calls,
            "database_mb": db_mb,
            "rss_idle_empty_database_mb": empty,
            "rss_idle_100k_calls_mb": year,
            "difference_mb": year - empty,
            "idle_target": "<= 120 MB",
        },
    )
    assert made.calls == CALLS
    assert kept, "the year of calls is still there after the start-up retention pass"
