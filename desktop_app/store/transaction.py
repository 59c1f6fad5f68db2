"""Short explicit write transactions, so a crash never leaves half a change behind.

Connections run in autocommit mode; every change the store makes goes through
``write_transaction``, which takes the write lock at once (``BEGIN IMMEDIATE``: no
deadlock when two threads both read then write) and either commits all of it or
rolls all of it back.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import sqlite_utils

_OWNER = "_estate_owner_thread"


def mark_owner(db: sqlite_utils.Database) -> None:
    """Remember which thread opened this connection (each thread has its own)."""
    setattr(db, _OWNER, threading.get_ident())


def check_owner(db: sqlite_utils.Database) -> None:
    """A connection shared between threads would interleave their transactions: refuse."""
    owner = getattr(db, _OWNER, None)
    if owner is not None and owner != threading.get_ident():
        raise RuntimeError("a store object was used on another thread than the one that made it")


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """BEGIN IMMEDIATE … COMMIT; any exception rolls back. Nested use becomes a savepoint."""
    check_owner(db)
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
