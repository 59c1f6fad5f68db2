"""Store errors by kind, from real SQLite failures: busy, full, read-only, corrupt."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.domain.codes import StoreCode
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import (
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreFull,
    StoreReadOnly,
    guarded,
    translate,
)
from desktop_app.store.outbox import CallLogEntry, Outbox
from tests.helpers.writes import SAVECALLBACK, feedback


def enqueue(outbox: Outbox, owner: str = "陈一") -> str:
    return outbox.enqueue(SAVECALLBACK, feedback(owner), CallLogEntry(29, SAVECALLBACK))


def failure(action: object) -> StoreError:
    with pytest.raises(StoreError) as caught:
        action()  # type: ignore[operator]
    return caught.value


def test_a_write_lock_held_past_the_busy_timeout_is_store_busy(store: LocalStore) -> None:
    holder = sqlite3.connect(str(store.path), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        conn = sqlite3.connect(str(store.path), timeout=0.05, isolation_level=None)
        try:
            problem = failure(lambda: guarded(conn.execute)("BEGIN IMMEDIATE"))
        finally:
            conn.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert isinstance(problem, StoreBusy) and problem.message.code is StoreCode.BUSY


def test_a_full_disk_is_store_full(store: LocalStore) -> None:
    enqueue(store.outbox())
    db = store.db()
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    outbox = store.outbox()

    def fill() -> None:
        for n in range(200):  # bounded: the file may grow by no page at all
            enqueue(outbox, "大" * 3000 + str(n))

    problem = failure(fill)
    assert isinstance(problem, StoreFull) and problem.message.code is StoreCode.DISK_FULL


def test_a_file_opened_read_only_is_store_read_only(store: LocalStore) -> None:
    conn = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True, isolation_level=None)
    try:
        problem = failure(lambda: guarded(conn.execute)("DELETE FROM outbox"))
    finally:
        conn.close()
    assert isinstance(problem, StoreReadOnly) and problem.message.code is StoreCode.READ_ONLY


def test_a_damaged_file_is_store_corrupt(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"this is not a database" * 400)
    conn = sqlite3.connect(str(damaged), isolation_level=None)
    try:
        problem = failure(lambda: guarded(conn.execute)("SELECT count(*) FROM sqlite_master"))
    finally:
        conn.close()
    assert isinstance(problem, StoreCorrupt) and problem.message.code is StoreCode.DAMAGED


def test_other_failures_stay_plain_store_errors() -> None:
    problem = translate(sqlite3.OperationalError("no such table: nothing"))
    assert type(problem) is StoreError and problem.message.code is StoreCode.FAILED
