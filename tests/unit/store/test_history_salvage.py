"""A damaged file keeps the agent's callbacks, notes and searchable history (they live nowhere else)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.store.callbacks import Callbacks, CallbackTarget
from desktop_app.store.db import DB_FILENAME, OPEN_MARKER, LocalStore
from desktop_app.store.history import History, HistoryQuery
from desktop_app.store.notes import CallNotes
from desktop_app.store.outbox import CallLogEntry


@pytest.mark.logs_errors("local database damaged")
def test_callbacks_notes_and_search_come_back_from_a_damaged_file(data_dir: Path) -> None:
    store = LocalStore(data_dir)
    entry = CallLogEntry(user_id=29, kind="savecallback", phone_no="13912347900", owner_name="李秀英")
    client_id = store.outbox().enqueue("savecallback", {"n": 1}, entry, now=1000.0)
    CallNotes(store.db()).set(client_id, 29, "13912347900", "周末看房", now=1001.0)
    promised = Callbacks(store.db()).schedule(CallbackTarget(29, "13912347900", "李秀英"), 9000.0, now=1002.0)
    store.db().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = data_dir / DB_FILENAME
    data = bytearray(path.read_bytes())
    data[36:40] = (999).to_bytes(4, "big")  # the free-list count: quick_check fails, tables readable
    path.write_bytes(bytes(data))
    (data_dir / f"{DB_FILENAME}{OPEN_MARKER}").touch()  # the program died with it open

    again = LocalStore(data_dir)
    try:
        assert again.recovered_from is not None
        assert Callbacks(again.db()).get(promised.id) == promised
        entries = History(again.db()).search(HistoryQuery(29, "秀英")).entries
        assert [(e.call.client_id, e.note) for e in entries] == [(client_id, "周末看房")]
    finally:
        again.close()
