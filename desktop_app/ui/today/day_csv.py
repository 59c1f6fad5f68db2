"""The chosen range's call log written as a CSV file: the part of 导出 CSV… that runs on the pool.

It reads the range's rows, their writes' states and their notes (all grow with the
days) and writes the file atomically; the view asks where, and says how it went.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from desktop_app.domain.date_ranges import DayRange
from desktop_app.domain.writes import WriteKind
from desktop_app.export_csv import csv_bytes
from desktop_app.private_files import write_private_file
from desktop_app.stats_range import range_bounds
from desktop_app.store.calllog import CallLogRow
from desktop_app.store.db import LocalStore

from ..csv_words import csv_notes
from ..queue.model import state_text


def write_range_csv(
    store: LocalStore,
    days: DayRange,
    user_id: int,
    path: Path,
    *,
    header: list[str],
    kind_names: dict[str, str],
    choice_names: Mapping[str, Mapping[str, str]] | None = None,
) -> int:
    """Write the agent's calls of ``days`` to ``path``; how many rows were written."""
    rows = store.calllog().between(*range_bounds(days), user_id)
    states, customers = writes_of(store, user_id, rows)
    data = csv_bytes(
        rows,
        states,
        header=header,
        kind_names=kind_names,
        notes=csv_notes(store, rows),
        customers=customers,
        choice_names=choice_names,
    )
    write_private_file(path, data)
    return len(rows)


def writes_of(
    store: LocalStore, user_id: int, rows: list[CallLogRow]
) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """Each row's write: its state text as the queue view shows it, and each 电子客's payload."""
    if not rows:
        return {}, {}
    since = min(row.created_at for row in rows)
    items = store.outbox().items_since(since, user_id=user_id)
    states = {item.client_id: state_text(item) for item in items}
    customers = {item.client_id: dict(item.payload) for item in items if item.kind == WriteKind.CUSTOMER}
    return states, customers
