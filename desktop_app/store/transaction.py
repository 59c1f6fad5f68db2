"""Short explicit write transactions, so a crash never leaves half a change behind.

Connections run in autocommit mode; every change the store makes goes through
``write_transaction``, which takes the write lock at once (``BEGIN IMMEDIATE``: no
deadlock when two threads both read then write) and either commits all of it or
rolls all of it back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import sqlite_utils


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """BEGIN IMMEDIATE … COMMIT; any exception rolls back. Nested use becomes a savepoint."""
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
