"""A damaged database file is moved aside (never deleted), a fresh one works, readable rows come back."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest

from desktop_app.store.db import DB_FILENAME, OPEN_MARKER, LocalStore
from desktop_app.store.outbox import CallLogEntry, Outcome, State
from desktop_app.store.recovery import integrity_problem, move_aside, readable_copy
from tests.helpers.writes import settle

CORRUPT_NAME = re.compile(re.escape(DB_FILENAME) + r"\.corrupt-\d{8}-\d{6}$")
PAGE = 4096

# Moving a damaged file aside is logged as an ERROR for IT to find.
DAMAGED = pytest.mark.logs_errors("local database damaged")


def entry() -> CallLogEntry:
    return CallLogEntry(user_id=29, kind="savecallback", owner_name="陈一")


def real_db(data_dir: Path, rows: int = 600) -> tuple[Path, list[str]]:
    """A real database with ``rows`` queued writes, checkpointed into the main file."""
    store = LocalStore(data_dir)
    ids = [
        store.outbox().enqueue("savecallback", {"owner_name": "陈一" * 30, "n": n}, entry(), now=1000.0 + n)
        for n in range(rows)
    ]
    store.db().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return data_dir / DB_FILENAME, ids


def died_with_it_open(data_dir: Path) -> None:
    """As a program killed while it had the file open leaves the folder: the full check runs."""
    (data_dir / f"{DB_FILENAME}{OPEN_MARKER}").touch()


def assert_fresh_store_works(store: LocalStore, old: bytes) -> None:
    assert store.recovered_from is not None
    assert CORRUPT_NAME.match(store.recovered_from.name), store.recovered_from.name
    assert store.recovered_from.parent == store.path.parent
    assert store.recovered_from.read_bytes() == old, "the damaged file is kept as it was"
    client_id = store.outbox().enqueue("savecallback", {"after": True}, entry())
    assert store.outbox().get(client_id) is not None
    assert integrity_problem(store.path) is None
    assert [p.name for p in store.path.parent.iterdir() if ".salvage" in p.name] == [], "no working copy left"


@DAMAGED
def test_a_text_file_is_moved_aside_and_a_fresh_database_made(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / DB_FILENAME
    path.write_text("这不是数据库\n" * 200, encoding="utf-8")
    old = path.read_bytes()
    store = LocalStore(data_dir)
    try:
        assert_fresh_store_works(store, old)
        assert store.salvaged == 0
        assert store.outbox().counts()[State.QUEUED] == 1
    finally:
        store.close()


@DAMAGED
@pytest.mark.parametrize("fraction", [0.6, 0.05])
def test_a_truncated_copy_is_moved_aside_and_readable_writes_salvaged(
    data_dir: Path, fraction: float
) -> None:
    path, ids = real_db(data_dir)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction) // PAGE * PAGE])
    old = path.read_bytes()
    store = LocalStore(data_dir)
    try:
        assert_fresh_store_works(store, old)
        saved = store.outbox().items_since(0)
        assert store.salvaged == len(saved) - 1  # all but the row added after recovery
        assert {i.client_id for i in saved if "after" not in i.payload} <= set(ids)
        if fraction > 0.5:
            assert store.salvaged > 0, "rows on intact pages should be salvaged"
    finally:
        store.close()


@DAMAGED
def test_a_database_with_a_corrupted_page_is_moved_aside(data_dir: Path) -> None:
    path, ids = real_db(data_dir)
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    victim = pages // 2
    data[victim * PAGE : (victim + 1) * PAGE] = b"\xab" * PAGE
    path.write_bytes(bytes(data))
    assert integrity_problem(path) is not None
    died_with_it_open(data_dir)
    store = LocalStore(data_dir)
    try:
        assert_fresh_store_works(store, bytes(data))
        assert 0 < store.salvaged < len(ids) + 1
    finally:
        store.close()


@DAMAGED
def test_in_flight_rows_salvaged_become_uncertain(data_dir: Path) -> None:
    path, ids = real_db(data_dir, rows=3)
    store = LocalStore(data_dir)
    settle(store, [Outcome.sent(ids[1])], 5000.0, keep_in_flight=[ids[0]])
    store.db().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    # Damage the free-list count in the header: quick_check fails, the tables stay readable.
    data[36:40] = (999).to_bytes(4, "big")
    path.write_bytes(bytes(data))
    assert integrity_problem(path) is not None
    died_with_it_open(data_dir)

    store = LocalStore(data_dir)
    try:
        assert store.recovered_from is not None
        assert store.salvaged == 3
        states = {i.client_id: i.state for i in store.outbox().items_since(0)}
        assert states == {ids[0]: State.UNCERTAIN, ids[1]: State.SENT, ids[2]: State.QUEUED}
        assert len(store.calllog().between(0, 10_000)) == 3
        settle(store, [Outcome.sent(ids[0])], 6000.0)
        assert store.outbox().get(ids[0]).maybe_duplicate  # type: ignore[union-attr]
    finally:
        store.close()


def test_side_files_move_with_the_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    path.write_bytes(b"x" * 100)
    Path(f"{path}-wal").write_bytes(b"wal")
    when = dt.datetime(2024, 3, 19, 15, 30, 0)
    first = move_aside(path, when)
    assert first.name == f"{DB_FILENAME}.corrupt-20240319-153000"
    assert Path(f"{first}-wal").read_bytes() == b"wal"
    assert not path.exists() and not Path(f"{path}-wal").exists()
    path.write_bytes(b"y" * 100)
    second = move_aside(path, when)  # same second: a new name, the first one kept
    assert second != first and first.exists() and second.read_bytes() == b"y" * 100


def test_an_empty_file_is_a_valid_new_database(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_FILENAME).write_bytes(b"")
    store = LocalStore(data_dir)
    try:
        assert store.recovered_from is None
        assert store.outbox().counts()[State.QUEUED] == 0
    finally:
        store.close()


def test_a_healthy_file_is_never_moved(data_dir: Path) -> None:
    real_db(data_dir, rows=5)
    store = LocalStore(data_dir)
    try:
        assert store.recovered_from is None
        assert store.outbox().counts()[State.QUEUED] == 5
    finally:
        store.close()
    assert [p.name for p in data_dir.iterdir() if "corrupt" in p.name] == []


def test_integrity_problem_of_a_missing_file_is_none(tmp_path: Path) -> None:
    assert integrity_problem(tmp_path / "absent.sqlite3") is None
    assert not (tmp_path / "absent.sqlite3").exists()


@DAMAGED
def test_salvage_reads_its_source_without_changing_it(data_dir: Path) -> None:
    path, _ = real_db(data_dir, rows=2)
    data = bytearray(path.read_bytes())
    data[36:40] = (999).to_bytes(4, "big")
    path.write_bytes(bytes(data))
    died_with_it_open(data_dir)
    store = LocalStore(data_dir)
    try:
        assert store.recovered_from is not None
        assert store.recovered_from.read_bytes() == bytes(data)
        conn = sqlite3.connect(store.recovered_from)
        assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 2  # still readable by hand
        conn.close()
    finally:
        store.close()


def test_a_working_copy_left_by_an_interrupted_salvage_is_not_replayed(data_dir: Path) -> None:
    path, ids = real_db(data_dir, rows=3)
    stale_wal = Path(f"{path}.salvage-wal")
    stale_wal.write_bytes(b"left over from a crash" * 50)
    copy = readable_copy(path)
    try:
        assert copy.name == f"{DB_FILENAME}.salvage"
        assert not stale_wal.exists()
        conn = sqlite3.connect(copy)
        assert {r[0] for r in conn.execute("SELECT client_id FROM outbox")} == set(ids)
        conn.close()
    finally:
        for leftover in data_dir.glob("*.salvage*"):
            leftover.unlink()


def test_the_full_check_runs_only_after_an_unclean_exit(data_dir: Path) -> None:
    path, _ = real_db(data_dir, rows=2)
    marker = data_dir / f"{DB_FILENAME}{OPEN_MARKER}"
    assert not marker.exists(), "a clean close removes the marker"
    data = bytearray(path.read_bytes())
    data[36:40] = (999).to_bytes(4, "big")  # found by quick_check only
    path.write_bytes(bytes(data))
    store = LocalStore(data_dir)  # closed cleanly last time: no full check
    try:
        assert store.recovered_from is None
        assert marker.exists(), "open: a crash now would leave the marker"
    finally:
        store.close()
    assert not marker.exists()
