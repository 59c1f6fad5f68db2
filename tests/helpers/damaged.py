"""A local database cut short after its first pages, as a bad copy or a failing disk leaves it.

The program moves such a file aside and rescues the outbox rows it can still read; the
tests of the command line and of the window start from the same damage.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.store.db import DB_FILENAME, LocalStore
from tests.helpers.writes import enqueue, feedback

PAGE = 4096


def damaged_database(data_dir: Path, server_url: str | None = None, rows: int = 400) -> None:
    """``rows`` padded feedbacks written and checkpointed, then the file cut at 60 % (whole pages)."""
    store = LocalStore(data_dir, server_url=server_url)
    for i in range(rows):
        enqueue(store, feedback(f"d{i}") | {"padding": "陈一" * 40})
    store.db().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = data_dir / DB_FILENAME
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.6) // PAGE * PAGE])
