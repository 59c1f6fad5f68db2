"""The day's call log written as a CSV file: the part of 导出 CSV… that runs on the pool.

It reads the day's rows and their writes' states (both grow with the day) and writes the
file atomically; the view asks where, and says how it went.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.export_csv import csv_bytes
from desktop_app.private_files import write_private_file
from desktop_app.store.calllog import CallLogRow
from desktop_app.store.db import LocalStore

from ..queue.model import state_text


def write_day_csv(
    store: LocalStore,
    day: dt.date,
    user_id: int,
    path: Path,
    *,
    header: list[str],
    kind_names: dict[str, str],
) -> int:
    """Write the agent's calls of ``day`` to ``path``; how many rows were written."""
    rows = store.calllog().for_day(day, user_id)
    write_private_file(
        path, csv_bytes(rows, _states(store, rows, user_id), header=header, kind_names=kind_names)
    )
    return len(rows)


def _states(store: LocalStore, rows: list[CallLogRow], user_id: int) -> dict[str, str]:
    """The outbox state text of each row's write, as the queue view shows it."""
    if not rows:
        return {}
    since = min(row.created_at for row in rows)
    items = store.outbox().items_since(since, user_id=user_id)
    return {item.client_id: state_text(item) for item in items}
