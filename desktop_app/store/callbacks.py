"""预约回访: an agent's promise to call a number again at a given time, kept on this PC.

The server keeps no callbacks, so they live in the local database, per agent, and
survive restarts. A number has at most one open callback per agent: scheduling it again
moves the open one (its new time and note) instead of adding a second.

A callback ends in one of three ways: the agent records a feedback for that number
(``close_by_feedback``, called by the call recording inside the feedback's own
transaction), marks it done by hand, or cancels it. A done callback can be rescheduled,
which opens it again. Nothing here is ever sent to the server.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sqlite_utils

from .calllog import CallLogRow, day_bounds
from .cards import PhoneCard
from .errors import guarded
from .transaction import write_transaction


class CallbackState(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class CallbackTarget:
    """Whom a callback is for: the number and where it came from (a card or a recorded call)."""

    user_id: int
    phone_no: str
    owner_name: str = ""
    pro_id: int | None = None
    pro_name: str = ""
    package_id: int | None = None
    package_name: str = ""
    phone_id: int | None = None

    @classmethod
    def of_card(cls, card: PhoneCard) -> CallbackTarget:
        return cls._of(card)

    @classmethod
    def of_call(cls, row: CallLogRow) -> CallbackTarget:
        return cls._of(row)

    @classmethod
    def _of(cls, source: PhoneCard | CallLogRow) -> CallbackTarget:
        """A card and a logged call name the number, its owner and its package alike."""
        return cls(
            source.user_id,
            source.phone_no,
            source.owner_name,
            source.pro_id,
            source.pro_name,
            source.package_id,
            source.package_name,
            source.phone_id,
        )


_FIELDS = (
    "id",
    "user_id",
    "phone_no",
    "owner_name",
    "pro_id",
    "pro_name",
    "package_id",
    "package_name",
    "phone_id",
    "due_at",
    "note",
    "created_from",
    "created_at",
    "scheduled_at",
    "state",
    "done_at",
    "done_by",
    "updated_at",
)
_COLUMNS = ", ".join(_FIELDS)


@dataclass(frozen=True)
class Callback:
    id: int
    user_id: int
    phone_no: str
    owner_name: str
    pro_id: int | None
    pro_name: str
    package_id: int | None
    package_name: str
    phone_id: int | None
    due_at: float
    note: str
    created_from: str | None  # client id of the call it was scheduled from, when known
    created_at: float
    scheduled_at: float  # when its time was last set (scheduled, moved or reopened)
    state: CallbackState
    done_at: float | None
    done_by: str | None  # client id of the feedback that closed it; None when closed by hand
    updated_at: float

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Callback:
        fields: dict[str, Any] = dict(zip(_FIELDS, row, strict=True))
        fields["state"] = CallbackState(fields["state"])
        return cls(**fields)

    def is_due(self, now: float) -> bool:
        """Open and its time has come (the one rule of "due")."""
        return self.state is CallbackState.OPEN and self.due_at <= now

    def as_card(self, shown_at: float) -> PhoneCard | None:
        """The number as the next card, when the callback knows its project, package and phone id."""
        if self.pro_id is None or self.package_id is None or self.phone_id is None:
            return None
        return PhoneCard(
            user_id=self.user_id,
            pro_id=self.pro_id,
            pro_name=self.pro_name,
            package_id=self.package_id,
            package_name=self.package_name,
            phone_id=self.phone_id,
            phone_no=self.phone_no,
            owner_name=self.owner_name,
            shown_at=shown_at,
        )


@dataclass(frozen=True)
class Agenda:
    """One agent's open callbacks as the 回访 view lists them, each part soonest first."""

    overdue: tuple[Callback, ...]  # due already (``Callback.is_due``)
    today: tuple[Callback, ...]  # due later, before the end of the local day
    upcoming: tuple[Callback, ...]  # due after today (at most ``upcoming_limit``)

    @property
    def due_count(self) -> int:
        return len(self.overdue)


def _now(now: float | None) -> float:
    return time.time() if now is None else now


def _get(db: sqlite_utils.Database, callback_id: int) -> Callback | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM callbacks WHERE id = ?", (callback_id,)).fetchone()
    return Callback.from_row(tuple(row)) if row else None


class Callbacks:
    """The callbacks of this PC, bound to one connection."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    @guarded
    def schedule(
        self,
        target: CallbackTarget,
        due_at: float,
        note: str = "",
        created_from: str | None = None,
        now: float | None = None,
    ) -> Callback:
        """Promise a call to ``target`` at ``due_at``; an open callback of that number is moved."""
        now = _now(now)
        with write_transaction(self._db) as db:
            row = db.execute(
                "SELECT id FROM callbacks WHERE user_id = ? AND phone_no = ? AND state = 'open'",
                (target.user_id, target.phone_no),
            ).fetchone()
            values = (
                target.owner_name,
                target.pro_id,
                target.pro_name,
                target.package_id,
                target.package_name,
                target.phone_id,
                due_at,
                note.strip(),
                created_from,
            )
            if row is None:
                cursor = db.execute(
                    "INSERT INTO callbacks (owner_name, pro_id, pro_name, package_id, package_name, phone_id,"
                    " due_at, note, created_from, user_id, phone_no, created_at, scheduled_at, state,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)",
                    (*values, target.user_id, target.phone_no, now, now, now),
                )
                callback_id = int(cursor.lastrowid or 0)
            else:
                callback_id = int(row[0])
                db.execute(
                    "UPDATE callbacks SET owner_name = ?, pro_id = ?, pro_name = ?, package_id = ?,"
                    " package_name = ?, phone_id = ?, due_at = ?, note = ?,"
                    " created_from = ?, scheduled_at = ?, updated_at = ? WHERE id = ?",
                    (*values, now, now, callback_id),
                )
            found = _get(db, callback_id)
        assert found is not None
        return found

    @guarded
    def get(self, callback_id: int) -> Callback | None:
        return _get(self._db, callback_id)

    @guarded
    def open_for(self, user_id: int, phone_no: str) -> Callback | None:
        """The open callback of this agent for this number, if any (the card shows it)."""
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM callbacks WHERE user_id = ? AND phone_no = ? AND state = 'open'",
            (user_id, phone_no),
        ).fetchone()
        return Callback.from_row(tuple(row)) if row else None

    @guarded
    def of_number(self, user_id: int, phone_no: str) -> list[Callback]:
        """Every callback of this agent for this number, in any state, newest first."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM callbacks WHERE user_id = ? AND phone_no = ?"
            " ORDER BY created_at DESC, id DESC",
            (user_id, phone_no),
        ).fetchall()
        return [Callback.from_row(tuple(r)) for r in rows]

    @guarded
    def agenda(
        self, user_id: int, now: float, day: dt.date | None = None, upcoming_limit: int = 200
    ) -> Agenda:
        """Open callbacks: overdue, the rest of ``day`` (the local day of ``now`` by default), later."""
        day_end = day_bounds(day if day is not None else dt.date.fromtimestamp(now))[1]
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM callbacks WHERE user_id = ? AND state = 'open' AND due_at < ?"
            " ORDER BY due_at, id",
            (user_id, day_end),
        ).fetchall()
        later = self._db.execute(
            f"SELECT {_COLUMNS} FROM callbacks WHERE user_id = ? AND state = 'open' AND due_at >= ?"
            " ORDER BY due_at, id LIMIT ?",
            (user_id, day_end, upcoming_limit),
        ).fetchall()
        soon = [Callback.from_row(tuple(r)) for r in rows]
        return Agenda(
            overdue=tuple(c for c in soon if c.is_due(now)),
            today=tuple(c for c in soon if not c.is_due(now)),
            upcoming=tuple(Callback.from_row(tuple(r)) for r in later),
        )

    @guarded
    def next_open(self, user_id: int) -> Callback | None:
        """The open callback due soonest, due already or not (a timer waits for its ``due_at``)."""
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM callbacks WHERE user_id = ? AND state = 'open'"
            " ORDER BY due_at, id LIMIT 1",
            (user_id,),
        ).fetchone()
        return Callback.from_row(tuple(row)) if row else None

    @guarded
    def due_count(self, user_id: int, now: float) -> int:
        """How many open callbacks are due (the status bar's figure)."""
        row = self._db.execute(
            "SELECT count(*) FROM callbacks WHERE user_id = ? AND state = 'open' AND due_at <= ?",
            (user_id, now),
        ).fetchone()
        return int(row[0])

    @guarded
    def reschedule(
        self, callback_id: int, due_at: float, note: str | None = None, now: float | None = None
    ) -> Callback | None:
        """Move an open or done callback to ``due_at`` (a done one opens again).

        None when it cannot: it is unknown, cancelled, or another open callback of the same
        number exists (then that one is the one to move).
        """
        now = _now(now)
        with write_transaction(self._db) as db:
            current = _get(db, callback_id)
            if current is None or current.state is CallbackState.CANCELLED:
                return None
            if current.state is CallbackState.DONE:
                other = db.execute(
                    "SELECT 1 FROM callbacks WHERE user_id = ? AND phone_no = ? AND state = 'open'",
                    (current.user_id, current.phone_no),
                ).fetchone()
                if other is not None:
                    return None
            db.execute(
                "UPDATE callbacks SET due_at = ?, note = coalesce(?, note), state = 'open', done_at = NULL,"
                " done_by = NULL, scheduled_at = ?, updated_at = ? WHERE id = ?",
                (due_at, None if note is None else note.strip(), now, now, callback_id),
            )
            return _get(db, callback_id)

    @guarded
    def mark_done(self, callback_id: int, now: float | None = None) -> bool:
        """Close an open callback by hand (the agent dealt with it another way)."""
        return self._finish(callback_id, CallbackState.DONE, _now(now))

    @guarded
    def cancel(self, callback_id: int, now: float | None = None) -> bool:
        """Withdraw an open callback; False when it was not open."""
        return self._finish(callback_id, CallbackState.CANCELLED, _now(now))

    def _finish(self, callback_id: int, state: CallbackState, now: float) -> bool:
        with write_transaction(self._db) as db:
            cursor = db.execute(
                "UPDATE callbacks SET state = ?, done_at = ?, updated_at = ? WHERE id = ? AND state = 'open'",
                (state.value, now, now, callback_id),
            )
            return cursor.rowcount == 1


@guarded
def close_by_feedback(
    db: sqlite_utils.Database,
    user_id: int,
    phone_no: str,
    client_id: str,
    card_shown_at: float,
    now: float,
) -> int | None:
    """A feedback for ``phone_no`` was recorded: close the callback it answers (same transaction).

    Only a callback whose time was set before this card was shown is answered by it; one
    the agent scheduled or moved during this very call (F6 before the feedback key) is the
    next promise, so it stays open and learns the call it came from. Returns the id of the
    callback closed.
    """
    with write_transaction(db):
        db.execute(
            "UPDATE callbacks SET created_from = ?, updated_at = ? WHERE user_id = ? AND phone_no = ?"
            " AND state = 'open' AND created_from IS NULL AND scheduled_at >= ?",
            (client_id, now, user_id, phone_no, card_shown_at),
        )
        row = db.execute(
            "SELECT id FROM callbacks WHERE user_id = ? AND phone_no = ? AND state = 'open'"
            " AND scheduled_at < ?",
            (user_id, phone_no, card_shown_at),
        ).fetchone()
        if row is None:
            return None
        db.execute(
            "UPDATE callbacks SET state = 'done', done_at = ?, done_by = ?, updated_at = ? WHERE id = ?",
            (now, client_id, now, row[0]),
        )
        return int(row[0])
