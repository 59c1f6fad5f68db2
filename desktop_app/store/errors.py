"""The errors the store raises, each with a message an agent can act on.

Every ``sqlite3`` failure inside the store becomes a ``StoreError`` whose ``Message``
(``StoreCode``) says what happened, so the window can word it and never has to know
about SQLite. The kinds a caller treats differently have their own class: ``StoreBusy``
(another connection held the file past the busy timeout: wait and try again),
``StoreFull`` (no room on the disk), ``StoreReadOnly`` (the file or folder cannot be
written) and ``StoreCorrupt`` (the file is damaged).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from desktop_app.domain.codes import StoreCode
from desktop_app.domain.messages import MessageError, msg

P = ParamSpec("P")
R = TypeVar("R")

# Primary SQLite result codes (the low byte of an extended code).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class StoreError(MessageError):
    """The local database could not do what was asked; ``message`` is for the agent."""


class StoreBusy(StoreError):
    """Another connection kept the database locked past the busy timeout; nothing changed."""


class StoreFull(StoreError):
    """The disk (or the file's quota) is full; nothing changed."""


class StoreReadOnly(StoreError):
    """The file, its folder or the disk cannot be written (or opened for writing)."""


class StoreCorrupt(StoreError):
    """SQLite found the file damaged, or it is not a database at all."""


class OutboxStateError(StoreError):
    """An outbox row is not in a state that allows the change (it moved meanwhile)."""


def primary_code(exc: sqlite3.Error) -> int | None:
    """The primary SQLite result code of an error, when the driver reports one."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_corruption(exc: sqlite3.Error) -> bool:
    """True when SQLite says the file is damaged or not a database at all."""
    if primary_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def translate(exc: sqlite3.Error) -> StoreError:
    """A StoreError (of the class that says what to do) for a SQLite failure."""
    code = primary_code(exc)
    detail = str(exc)
    text = detail.lower()
    if code == SQLITE_FULL or "disk is full" in text:
        return StoreFull(msg(StoreCode.DISK_FULL, detail))
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_IOERR) or any(
        words in text for words in ("readonly", "read-only", "i/o error", "unable to open")
    ):
        return StoreReadOnly(msg(StoreCode.READ_ONLY, detail))
    if code in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in text:
        return StoreBusy(msg(StoreCode.BUSY, detail))
    if is_corruption(exc):
        return StoreCorrupt(msg(StoreCode.DAMAGED, detail))
    return StoreError(msg(StoreCode.FAILED, detail))


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` turning any sqlite3 error into a StoreError (the cause is kept)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except sqlite3.Error as exc:
            raise translate(exc) from exc

    return wrapper
