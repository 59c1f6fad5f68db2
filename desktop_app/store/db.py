"""The one SQLite file of this PC, and a connection per thread to it.

Every connection runs in WAL mode with ``synchronous=FULL`` (a committed write
survives a power cut), a busy timeout (the UI thread and the sync thread write the
same file), and foreign keys on. The folder is readable by its owner only, and so is
the file: it holds customer names and numbers. A damaged file is moved aside and
replaced by a fresh one (see ``recovery``), and the window is told where it went.

The full check of the file (``PRAGMA quick_check`` reads all of it) runs only after an
unclean exit: a marker file beside the database is made at open and removed at a clean
close, so a marker found at open means the last program using the file died (or is
still running: then the check is merely unneeded). Damage at rest that the schema
steps meet at open is still found and handled the same way.

The store is opened for the configured entry server: new outbox rows are made for it,
and rows that name no server yet are bound to it (see ``bound_server``). A training
database (``--demo``) holds only rows for the demo server, so all of them follow it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from desktop_app.data_place import place_problem
from desktop_app.domain.codes import StoreCode
from desktop_app.domain.messages import msg
from desktop_app.paths import DB_FILE_NAME
from desktop_app.private_files import make_private_dir, open_private, protect_file

from .bound_server import adopt_all, bind_unbound
from .cache import ReferenceCache
from .calllog import CallLog
from .cards import CardStore, PhoneReserve
from .errors import StoreError, is_corruption, translate
from .migrations import migrate
from .outbox import Outbox
from .prefs import Prefs
from .recovery import SIDE_FILES, integrity_problem, move_aside, salvage
from .transaction import mark_owner, write_transaction
from .verifier import LoginVerifiers

__all__ = ["DB_FILENAME", "LocalStore", "StoreError", "place_problem"]

log = logging.getLogger(__name__)

DB_FILENAME = DB_FILE_NAME
BUSY_TIMEOUT_MS = 5000
# SQLite's memory for the whole process (page caches of every thread's connection): a
# year of calls read once by a background pass must not stay resident all day. Past it,
# SQLite reuses cache pages instead of growing; queries stay correct, a little slower.
SQLITE_SOFT_HEAP_BYTES = 2_000_000
OPEN_MARKER = ".open"  # suffix of the marker file: present while a program has the file open


class LocalStore:
    """The one SQLite file of this PC; gives each thread its own connection."""

    def __init__(self, data_dir: Path, *, server_url: str | None = None, training: bool = False) -> None:
        self.path: Path = Path(data_dir) / DB_FILENAME
        self.server_url = server_url  # the configured entry server (None: none configured)
        self._training = training
        self.recovered_from: Path | None = None  # where a damaged file was moved
        self.salvaged: int = 0  # outbox rows copied from that file
        self._lock = threading.Lock()
        # By OS thread id, not threading.local: a Qt pool thread runs each job under a
        # fresh Python thread state, so a thread-local would open (and keep) a new
        # connection, with its cache and file handles, for every background job.
        self._by_thread: dict[int, sqlite_utils.Database] = {}
        self._closed = False
        self._marker = Path(f"{self.path}{OPEN_MARKER}")
        self._marked = False
        try:
            self._open(Path(data_dir))
        except sqlite3.Error as exc:
            self.close()
            raise translate(exc) from exc
        except OSError as exc:
            self.close()
            raise StoreError(msg(StoreCode.CANNOT_OPEN, str(self.path), str(exc))) from exc
        except BaseException:
            self.close()
            raise

    # -- opening -----------------------------------------------------------------------

    def _open(self, data_dir: Path) -> None:
        make_private_dir(data_dir)
        unusable = place_problem(self.path)
        if unusable is not None:
            raise StoreError(unusable)
        problem = integrity_problem(self.path) if self.left_open() else None
        if problem is not None:
            self._set_aside(problem)
        try:
            self._prepare()
        except (sqlite3.DatabaseError, StoreError) as exc:
            damage = exc if isinstance(exc, sqlite3.DatabaseError) else exc.__cause__
            if not isinstance(damage, sqlite3.DatabaseError) or not is_corruption(damage):
                raise
            if self.recovered_from is not None:
                raise
            self.close_all()
            self._set_aside(str(damage))
            self._prepare()
        if self.recovered_from is not None:
            self.salvaged = salvage(self.recovered_from, self.db())
            log.warning("salvaged %d queued or sent writes from the damaged file", self.salvaged)
        if self.server_url and self._training:
            adopt_all(self.db(), self.server_url)
        elif self.server_url:
            bind_unbound(self.db(), self.server_url)
        self._protect_files()
        self._mark_open()

    def left_open(self) -> bool:
        """Whether the marker of an open file is there: the last program did not close it."""
        return self._marker.exists()

    def _mark_open(self) -> None:
        try:
            self._marker.touch()
            self._marked = True
        except OSError as exc:  # a read-only folder: nothing to mark, the next open checks
            log.info("open marker not written: %s", exc)

    def _set_aside(self, problem: str) -> None:
        self.recovered_from = move_aside(self.path)
        log.error(
            "local database damaged (%s); moved to %s, starting a fresh one", problem, self.recovered_from
        )

    def _prepare(self) -> None:
        if not self.path.exists():
            os.close(open_private(self.path, os.O_WRONLY))
        applied = migrate(self.db())
        if applied:
            log.info("database schema steps applied: %s", ", ".join(applied))

    def _protect_files(self) -> None:
        for suffix in ("", *SIDE_FILES):
            protect_file(f"{self.path}{suffix}")

    def _connect(self) -> sqlite_utils.Database:
        conn = sqlite3.connect(
            str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("WAL journal not available here (journal_mode=%s)", mode)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA soft_heap_limit = {SQLITE_SOFT_HEAP_BYTES}")
            db = sqlite_utils.Database(conn, execute_plugins=False)
            mark_owner(db)
            return db
        except BaseException:
            conn.close()
            raise

    # -- connections -------------------------------------------------------------------

    def db(self) -> sqlite_utils.Database:
        """This thread's connection, opened on first use."""
        if self._closed:
            raise StoreError(msg(StoreCode.CLOSED))
        ident = threading.get_ident()
        with self._lock:
            db = self._by_thread.get(ident)
        if db is None:
            try:
                db = self._connect()
            except sqlite3.Error as exc:
                raise translate(exc) from exc
            with self._lock:
                self._by_thread[ident] = db
        return db

    def limit_wait(self, busy_timeout_ms: int) -> None:
        """How long this thread's statements wait for a lock another connection holds.

        The UI thread sets a short wait: a key press must not freeze behind another
        program's long write; past it the write raises ``StoreBusy`` and nothing is kept
        half-done (the caller says so, and the key can be pressed again).
        """
        try:
            self.db().execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        except sqlite3.Error as exc:
            raise translate(exc) from exc

    def close_thread_connection(self) -> None:
        """Close this thread's connection (a worker thread calls this as it ends)."""
        with self._lock:
            db = self._by_thread.pop(threading.get_ident(), None)
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def close_all(self) -> None:
        with self._lock:
            connections = list(self._by_thread.values())
            self._by_thread = {}
        for db in connections:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def close(self) -> None:
        """Close every connection; the store cannot be used afterwards."""
        if self._closed:
            return
        self.close_all()
        self._closed = True
        if self._marked:  # a clean close: the next open skips the full check
            with contextlib.suppress(OSError):
                self._marker.unlink()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """This thread's writes inside the block as one commit: all of them, or none."""
        try:
            with write_transaction(self.db()) as db:
                yield db
        except sqlite3.Error as exc:
            raise translate(exc) from exc

    # -- the parts ---------------------------------------------------------------------

    def use_server(self, server_url: str | None) -> None:
        """The configured server changed while the program runs: new rows are made for the
        new one; rows made for the old one keep it, and wait (``bound_server``)."""
        self.server_url = server_url  # every row is bound already: those of an older version at open

    def outbox(self) -> Outbox:
        """The outbox as the configured server's session sees it (rows made for it, sent to it)."""
        return Outbox(self.db(), server=self.server_url)

    def cache(self) -> ReferenceCache:
        return ReferenceCache(self.db())

    def cards(self) -> CardStore:
        return CardStore(self.db())

    def reserve(self) -> PhoneReserve:
        return PhoneReserve(self.db())

    def calllog(self) -> CallLog:
        return CallLog(self.db())

    def verifiers(self) -> LoginVerifiers:
        return LoginVerifiers(self.db())

    def prefs(self) -> Prefs:
        return Prefs(self.db())
