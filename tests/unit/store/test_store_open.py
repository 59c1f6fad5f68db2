"""Opening the database: schema by migrations once, pragmas on every connection, private files."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
import threading
from pathlib import Path

import pytest

from desktop_app.domain.codes import StoreCode
from desktop_app.domain.messages import msg
from desktop_app.store.db import DB_FILENAME, SQLITE_SOFT_HEAP_BYTES, LocalStore
from desktop_app.store.errors import StoreError
from desktop_app.store.migrations import applied, migrations
from desktop_app.store.outbox import CallLogEntry

TABLES = {
    "outbox",
    "outbox_audit",
    "call_log",
    "reference_cache",
    "current_card",
    "phone_reserve",
    "prefs",
    "login_verifiers",
}


def table_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_creates_the_schema_and_records_each_step_once(data_dir: Path) -> None:
    store = LocalStore(data_dir)
    assert store.path == data_dir / DB_FILENAME
    assert store.recovered_from is None
    names = [m.name for m in migrations.pending(store.db())]
    assert names == []
    steps = applied(store.db())
    assert steps == [m.name for m in migrations._migrations]
    assert len(steps) >= 3
    client_id = store.outbox().enqueue(
        "savecallback", {"a": 1}, CallLogEntry(user_id=29, kind="savecallback")
    )
    store.close()

    assert table_names(data_dir / DB_FILENAME) >= TABLES
    again = LocalStore(data_dir)
    try:
        assert applied(again.db()) == steps  # nothing applied twice
        rows = again.db().execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert rows == len(steps)
        assert again.outbox().get(client_id) is not None  # the data survived the re-open
    finally:
        again.close()


def test_a_partly_migrated_file_gets_only_the_missing_steps(data_dir: Path) -> None:
    LocalStore(data_dir).close()
    path = data_dir / DB_FILENAME
    conn = sqlite3.connect(path)
    missing = "0003_login_verifiers"
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", (missing,))
    conn.execute("DROP TABLE login_verifiers")
    conn.commit()
    conn.close()

    store = LocalStore(data_dir)
    try:
        steps = applied(store.db())
        assert steps[-1] == missing and sorted(steps) == sorted(m.name for m in migrations._migrations)
        store.verifiers().forget("00006")  # the table is back
    finally:
        store.close()


def pragmas(store: LocalStore) -> tuple[str, int, int, int, int]:
    db = store.db()
    return (
        db.execute("PRAGMA journal_mode").fetchone()[0],
        db.execute("PRAGMA synchronous").fetchone()[0],
        db.execute("PRAGMA busy_timeout").fetchone()[0],
        db.execute("PRAGMA foreign_keys").fetchone()[0],
        db.execute("PRAGMA soft_heap_limit").fetchone()[0],
    )


def test_every_connection_is_wal_full_sync_with_busy_timeout_foreign_keys_and_a_heap_limit(
    store: LocalStore,
) -> None:
    expected = ("wal", 2, 5000, 1, SQLITE_SOFT_HEAP_BYTES)  # synchronous 2 = FULL
    assert pragmas(store) == expected
    seen: list[tuple[str, int, int, int, int]] = []

    def worker() -> None:
        seen.append(pragmas(store))
        store.close_thread_connection()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(10)
    assert seen == [expected]


def test_each_thread_gets_its_own_connection(store: LocalStore) -> None:
    mine = store.db()
    assert store.db() is mine
    theirs: list[object] = []
    thread = threading.Thread(target=lambda: theirs.append(store.db()))
    thread.start()
    thread.join(10)
    assert theirs and theirs[0] is not mine


def test_close_thread_connection_then_a_new_one_opens(store: LocalStore) -> None:
    first = store.db()
    store.close_thread_connection()
    with pytest.raises(sqlite3.ProgrammingError):
        first.execute("SELECT 1")
    assert store.db() is not first
    assert store.prefs().get("x") is None


def test_a_closed_store_says_so(data_dir: Path) -> None:
    store = LocalStore(data_dir)
    store.close()
    with pytest.raises(StoreError) as caught:
        store.outbox()
    assert caught.value.message == msg(StoreCode.CLOSED)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_folder_and_files_are_private(data_dir: Path) -> None:
    old = os.umask(0o022)
    try:
        store = LocalStore(data_dir)
    finally:
        os.umask(old)
    try:
        store.outbox().enqueue("savecallback", {"a": 1}, CallLogEntry(user_id=29, kind="savecallback"))
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        files = [data_dir / DB_FILENAME, data_dir / f"{DB_FILENAME}-wal", data_dir / f"{DB_FILENAME}-shm"]
        for path in files:
            assert path.exists(), path
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_existing_file_is_made_private_on_open(data_dir: Path) -> None:
    LocalStore(data_dir).close()
    path = data_dir / DB_FILENAME
    path.chmod(0o644)
    LocalStore(data_dir).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_folder_that_cannot_be_made_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError) as caught:
        LocalStore(blocker / "data")
    assert caught.value.message.code is StoreCode.CANNOT_OPEN
