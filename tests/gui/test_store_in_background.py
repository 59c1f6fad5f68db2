"""Background jobs and the local store: one SQLite connection per pool thread, reused.

A Qt pool thread runs each job under a fresh Python thread state; a connection kept per
Python thread state would be opened anew, and kept open, for every job (memory and file
handles growing with every call of the day).
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.store.db import LocalStore
from desktop_app.ui.tasks import BackgroundTasks


def test_background_jobs_reuse_one_connection_per_pool_thread(qtbot, tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    tasks = BackgroundTasks(max_threads=2)
    used: list[int] = []
    try:
        for n in range(20):

            def job(n: int = n) -> None:
                used.append(id(store.db()))
                store.prefs().set("bench.n", str(n))

            tasks.run(job)
            assert tasks.wait_idle(5000)
        assert len(used) == 20
        assert len(set(used)) <= 2
        assert store.prefs().get("bench.n") == "19"
    finally:
        tasks.shutdown()
        store.close()
