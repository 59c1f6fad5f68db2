"""Short local notes on calls: the agent's own memory of a conversation, never sent.

A note belongs to one recorded call (the write's client id) and lives only in this
PC's database: nothing here touches the outbox. A note typed while the card is still
open has no call yet; it is kept as the draft of that agent and number, so a crash does
not lose it, and ``attach_draft`` gives it to the feedback in the feedback's own
transaction.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from .errors import guarded
from .transaction import write_transaction

NOTE_MAX_CHARS = 500  # the input field's limit; longer text is a caller's mistake

_COLUMNS = "id, client_id, user_id, phone_no, text, created_at, updated_at"


@dataclass(frozen=True)
class CallNote:
    id: int
    client_id: str | None  # None: a draft for the card, not yet given to a call
    user_id: int
    phone_no: str
    text: str
    created_at: float
    updated_at: float

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> CallNote:
        return cls(*row)


def _clean(text: str) -> str:
    text = text.strip()
    if len(text) > NOTE_MAX_CHARS:
        raise ValueError(f"a note holds at most {NOTE_MAX_CHARS} characters")
    return text


def _now(now: float | None) -> float:
    return time.time() if now is None else now


class CallNotes:
    """The notes of this PC, bound to one connection."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    @guarded
    def set(self, client_id: str, user_id: int, phone_no: str, text: str, now: float | None = None) -> None:
        """Write the note of a recorded call; an empty text removes it."""
        text = _clean(text)
        now = _now(now)
        with write_transaction(self._db) as db:
            if not text:
                db.execute("DELETE FROM call_notes WHERE client_id = ?", (client_id,))
                return
            db.execute(
                "INSERT INTO call_notes (client_id, user_id, phone_no, text, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (client_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (client_id, user_id, phone_no, text, now, now),
            )

    @guarded
    def get(self, client_id: str) -> CallNote | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM call_notes WHERE client_id = ?", (client_id,)
        ).fetchone()
        return CallNote.from_row(tuple(row)) if row else None

    @guarded
    def for_calls(self, client_ids: list[str]) -> dict[str, str]:
        """The note text of each of these calls that has one."""
        found: dict[str, str] = {}
        for start in range(0, len(client_ids), 500):
            chunk = client_ids[start : start + 500]
            rows = self._db.execute(
                f"SELECT client_id, text FROM call_notes WHERE client_id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            found.update((str(c), str(t)) for c, t in rows)
        return found

    # -- the draft of the card ------------------------------------------------------------

    @guarded
    def set_draft(self, user_id: int, phone_no: str, text: str, now: float | None = None) -> None:
        """Keep the note typed on the card until its feedback; an empty text removes it."""
        text = _clean(text)
        now = _now(now)
        with write_transaction(self._db) as db:
            if not text:
                db.execute(
                    "DELETE FROM call_notes WHERE client_id IS NULL AND user_id = ? AND phone_no = ?",
                    (user_id, phone_no),
                )
                return
            db.execute(
                "INSERT INTO call_notes (client_id, user_id, phone_no, text, created_at, updated_at)"
                " VALUES (NULL, ?, ?, ?, ?, ?)"
                " ON CONFLICT (user_id, phone_no) WHERE client_id IS NULL"
                " DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (user_id, phone_no, text, now, now),
            )

    @guarded
    def draft(self, user_id: int, phone_no: str) -> CallNote | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM call_notes WHERE client_id IS NULL AND user_id = ? AND phone_no = ?",
            (user_id, phone_no),
        ).fetchone()
        return CallNote.from_row(tuple(row)) if row else None


@guarded
def attach_draft(db: sqlite_utils.Database, user_id: int, phone_no: str, client_id: str, now: float) -> bool:
    """Give the card's draft note to its recorded call (inside the caller's transaction).

    True when there was a draft. A call that somehow has a note already keeps it, with the
    draft's text added on a new line, so no typed word is lost.
    """
    with write_transaction(db):
        draft = db.execute(
            "SELECT id, text FROM call_notes WHERE client_id IS NULL AND user_id = ? AND phone_no = ?",
            (user_id, phone_no),
        ).fetchone()
        if draft is None:
            return False
        existing = db.execute("SELECT id, text FROM call_notes WHERE client_id = ?", (client_id,)).fetchone()
        if existing is None:
            db.execute(
                "UPDATE call_notes SET client_id = ?, updated_at = ? WHERE id = ?", (client_id, now, draft[0])
            )
        else:
            db.execute(
                "UPDATE call_notes SET text = ?, updated_at = ? WHERE id = ?",
                (f"{existing[1]}\n{draft[1]}", now, existing[0]),
            )
            db.execute("DELETE FROM call_notes WHERE id = ?", (draft[0],))
    return True
