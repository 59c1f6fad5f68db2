"""The chosen range's call log written as a CSV file: the part of 导出 CSV… that runs on the pool.

It reads the range's rows, their writes' states and their notes (all grow with the
days) and writes the file atomically; the view asks where, and says how it went.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.date_ranges import DayRange
from desktop_app.export_csv import csv_bytes
from desktop_app.private_files import write_private_file
from desktop_app.stats_range import range_bounds
from desktop_app.store.db import LocalStore

from ..csv_words import csv_notes
from .export_place import state_texts


def write_range_csv(
    store: LocalStore,
    days: DayRange,
    user_id: int,
    path: Path,
    *,
    header: list[str],
    kind_names: dict[str, str],
) -> int:
    """Write the agent's calls of ``days`` to ``path``; how many rows were written."""
    rows = store.calllog().between(*range_bounds(days), user_id)
    data = csv_bytes(
        rows,
        state_texts(store, user_id, rows),
        header=header,
        kind_names=kind_names,
        notes=csv_notes(store, rows),
    )
    write_private_file(path, data)
    return len(rows)
