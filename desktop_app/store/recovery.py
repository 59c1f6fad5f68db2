"""What to do with a damaged database file: keep it aside, start fresh, save what can be read.

A power cut on a bad disk, a truncated copy or a stray file can leave the database
unreadable. The program must still start, so the damaged file (with its -wal and
-shm) is renamed ``<name>.corrupt-YYYYmmdd-HHMMSS`` — never deleted — and a fresh
file is made. Then the rows still readable in the old file (the outbox first, so no
recorded write is lost) are copied into the new one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import sqlite3
from pathlib import Path

import sqlite_utils

from desktop_app.private_files import open_private, protect_file

from .errors import is_corruption, translate
from .transaction import write_transaction

log = logging.getLogger(__name__)

SIDE_FILES = ("-wal", "-shm", "-journal")

# Tables copied from a damaged file, parents before children (foreign keys).
SALVAGE_TABLES = (
    "outbox",
    "outbox_audit",
    "call_log",
    "current_card",
    "phone_reserve",
    "prefs",
    "login_verifiers",
    "reference_cache",
    "callbacks",
    "call_notes",
)


def integrity_problem(path: Path) -> str | None:
    """Why the file at ``path`` is not a usable database, or None when it is (or is absent).

    Only damage counts; a file that cannot be opened at all (permissions, a locked
    share) raises StoreError, because moving it aside would not help.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(str(path), timeout=5.0, isolation_level=None)
    except sqlite3.Error as exc:
        raise translate(exc) from exc
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            return str(exc)
        raise translate(exc) from exc
    finally:
        conn.close()
    if rows == ["ok"]:
        return None
    return "; ".join(rows[:5])


def move_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename the damaged file and its side files; returns the new name of the main file."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    os.replace(path, target)
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    protect_file(target)
    return target


HEADER = b"SQLite format 3\x00"
MAX_PROBES = 2_000_000  # rowids tried per table when a table scan breaks off
DEFAULT_PROBES = 100_000


def readable_copy(path: Path) -> Path:
    """A private copy of a damaged file that SQLite will open.

    A truncated file still claims its old page count in the header, which makes SQLite
    refuse even the schema; the copy claims only the pages that are really there. The
    damaged file itself is never changed.
    """
    copy = path.with_name(f"{path.name}.salvage")
    _remove_copy(copy)  # a copy left by an earlier, interrupted start
    data = bytearray(path.read_bytes())
    if data.startswith(HEADER) and len(data) >= 100:
        page_size = int.from_bytes(data[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        if page_size >= 512 and len(data) >= page_size:
            pages = len(data) // page_size
            del data[pages * page_size :]
            if int.from_bytes(data[28:32], "big") > pages:
                data[28:32] = pages.to_bytes(4, "big")
    fd = open_private(copy, os.O_TRUNC | os.O_WRONLY)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    wal = Path(f"{path}-wal")
    if wal.exists():
        shutil.copyfile(wal, f"{copy}-wal")
    return copy


def _remove_copy(copy: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(OSError):
            Path(f"{copy}{suffix}").unlink()


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})").fetchall()]


def _probe_limit(old: sqlite3.Connection, table: str) -> int:
    """How far to look for rowids: the autoincrement counter or the last rowid, when readable."""
    found = 0
    for sql, args in (
        ("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)),
        (f"SELECT max(rowid) FROM {table}", ()),
    ):
        try:
            row = old.execute(sql, args).fetchone()
        except sqlite3.Error:
            continue
        if row and row[0] is not None:
            found = max(found, int(row[0]))
    return min(MAX_PROBES, found if found else DEFAULT_PROBES)


def _copy_table(old: sqlite3.Connection, db: sqlite_utils.Database, table: str) -> int:
    """Copy the readable rows of one table: a scan, then row by row past damaged pages."""
    try:
        columns = [c for c in _columns(old, table) if c in set(_columns(db.conn, table))]
    except sqlite3.Error:
        return 0
    if not columns:
        return 0
    names = ", ".join(columns)
    insert = f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"

    def put(row: tuple[object, ...]) -> int:
        try:
            return db.conn.execute(insert, row).rowcount
        except sqlite3.Error:  # a damaged or dangling row: skip it
            return 0

    copied = 0
    try:
        for row in old.execute(f"SELECT {names} FROM {table}"):
            copied += put(row)
        return copied
    except sqlite3.Error as exc:
        log.warning("scan of %s broke off after %d rows (%s); reading row by row", table, copied, exc)
    select = f"SELECT {names} FROM {table} WHERE rowid = ?"
    for rowid in range(1, _probe_limit(old, table) + 1):
        try:
            row = old.execute(select, (rowid,)).fetchone()
        except sqlite3.Error:
            continue
        if row is not None:
            copied += put(row)
    return copied


def salvage(old_path: Path, db: sqlite_utils.Database) -> int:
    """Copy what is readable from a damaged file into the fresh one; returns outbox rows saved.

    Rows that were in flight may have reached the server: they become uncertain and are
    sent again, flagged as possible duplicates.
    """
    try:
        copy = readable_copy(old_path)
    except OSError as exc:
        log.warning("damaged database unreadable, nothing salvaged: %s", exc)
        return 0
    saved = 0
    try:
        old = sqlite3.connect(str(copy), isolation_level=None)
    except sqlite3.Error as exc:
        log.warning("damaged database unreadable, nothing salvaged: %s", exc)
        _remove_copy(copy)
        return 0
    try:
        with write_transaction(db):
            for table in SALVAGE_TABLES:
                copied = _copy_table(old, db, table)
                if table == "outbox":
                    saved = copied
            db.conn.execute(
                "UPDATE outbox SET state = 'uncertain', was_uncertain = 1 WHERE state = 'in_flight'"
            )
    finally:
        old.close()
        _remove_copy(copy)
    return saved
