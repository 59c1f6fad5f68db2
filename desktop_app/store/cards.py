"""The phone the agent is on, and the few phones fetched ahead for the next cards.

The current card survives a crash or restart, so an agent comes back to the number
they were calling. The reserve holds the next phones of a package per agent, oldest
first; a phone id already held is refused, because ``getphone`` may hand out the same
phone again while the last feedback is still queued.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sqlite_utils

from desktop_app.api.models import Phone

from .errors import guarded
from .transaction import write_transaction


@dataclass(frozen=True)
class PhoneCard:
    """A phone on the agent's screen.

    ``shown_at`` is when the card was last put on screen (its shown-since: first shown, or
    the program started again with it); ``shown_s`` the seconds it was on screen before
    that. The time on card is their sum with the time since, and never counts the hours
    the program was closed. ``dialed_at``: when 拨号 (F4) was last pressed for it.
    """

    user_id: int
    pro_id: int
    pro_name: str
    package_id: int
    package_name: str
    phone_id: int
    phone_no: str
    owner_name: str
    shown_at: float
    shown_s: float = 0.0
    dialed_at: float | None = None

    def on_card_s(self, now: float) -> float:
        """Seconds the card has been on screen at ``now``."""
        return self.shown_s + max(0.0, now - self.shown_at)

    def dial_to_now_s(self, now: float) -> float | None:
        """Seconds from the last 拨号 to ``now``; None when it was never dialled."""
        return None if self.dialed_at is None else max(0.0, now - self.dialed_at)


class CardStore:
    """One current card per agent."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    @guarded
    def save(self, card: PhoneCard) -> None:
        with write_transaction(self._db) as db:
            db.execute(
                "INSERT OR REPLACE INTO current_card (user_id, pro_id, pro_name, package_id, package_name,"
                " phone_id, phone_no, owner_name, shown_at, shown_s, dialed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    card.user_id,
                    card.pro_id,
                    card.pro_name,
                    card.package_id,
                    card.package_name,
                    card.phone_id,
                    card.phone_no,
                    card.owner_name,
                    card.shown_at,
                    card.shown_s,
                    card.dialed_at,
                ),
            )

    @guarded
    def load(self, user_id: int) -> PhoneCard | None:
        row = self._db.execute(
            "SELECT user_id, pro_id, pro_name, package_id, package_name, phone_id, phone_no, owner_name,"
            " shown_at, shown_s, dialed_at FROM current_card WHERE user_id = ?",
            (user_id,),
        ).fetchone()
        return PhoneCard(*row) if row else None

    @guarded
    def pause(self, user_id: int, now: float) -> None:
        """The program is closing: fold the time on screen so far into ``shown_s``.

        ``resume`` at the next start then counts on from there, not from the first showing.
        """
        with write_transaction(self._db) as db:
            db.execute(
                "UPDATE current_card SET shown_s = shown_s + max(0, ? - shown_at), shown_at = ?"
                " WHERE user_id = ?",
                (now, now, user_id),
            )

    @guarded
    def resume(self, user_id: int, now: float) -> PhoneCard | None:
        """The agent's card, back on screen from ``now``: the closed time is not counted."""
        with write_transaction(self._db) as db:
            db.execute("UPDATE current_card SET shown_at = ? WHERE user_id = ?", (now, user_id))
        return self.load(user_id)

    @guarded
    def clear(self, user_id: int, only: PhoneCard | None = None) -> None:
        """Forget the agent's card; with ``only``, just when that card is still the current one
        (a newer card saved meanwhile by a background fetch stays)."""
        with write_transaction(self._db) as db:
            if only is None:
                db.execute("DELETE FROM current_card WHERE user_id = ?", (user_id,))
            else:
                db.execute(
                    "DELETE FROM current_card WHERE user_id = ? AND phone_id = ? AND shown_at = ?",
                    (user_id, only.phone_id, only.shown_at),
                )


class PhoneReserve:
    """Phones fetched ahead, per agent and package, taken oldest first."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    @guarded
    def add(self, user_id: int, package_id: int, phone: Phone, now: float | None = None) -> bool:
        """Keep a phone for later; False (nothing stored) when this phone id is already held."""
        fetched_at = time.time() if now is None else now
        with write_transaction(self._db) as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO phone_reserve"
                " (user_id, package_id, phone_id, phone_no, owner_name, fetched_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (user_id, package_id, phone.phone_id, phone.phone_no, phone.owner_name, fetched_at),
            )
            return cursor.rowcount == 1

    @guarded
    def take(self, user_id: int, package_id: int) -> Phone | None:
        """Remove and return the oldest phone held, or None when the reserve is empty."""
        with write_transaction(self._db) as db:
            row = db.execute(
                "SELECT seq, phone_id, phone_no, owner_name FROM phone_reserve"
                " WHERE user_id = ? AND package_id = ? ORDER BY seq LIMIT 1",
                (user_id, package_id),
            ).fetchone()
            if row is None:
                return None
            db.execute("DELETE FROM phone_reserve WHERE seq = ?", (row[0],))
        return Phone(phone_id=row[1], phone_no=row[2], owner_name=row[3])

    @guarded
    def peek_ids(self, user_id: int, package_id: int) -> list[int]:
        rows = self._db.execute(
            "SELECT phone_id FROM phone_reserve WHERE user_id = ? AND package_id = ? ORDER BY seq",
            (user_id, package_id),
        ).fetchall()
        return [int(r[0]) for r in rows]

    @guarded
    def count(self, user_id: int, package_id: int) -> int:
        row = self._db.execute(
            "SELECT count(*) FROM phone_reserve WHERE user_id = ? AND package_id = ?", (user_id, package_id)
        ).fetchone()
        return int(row[0])

    @guarded
    def clear(self, user_id: int, package_id: int) -> None:
        with write_transaction(self._db) as db:
            db.execute(
                "DELETE FROM phone_reserve WHERE user_id = ? AND package_id = ?", (user_id, package_id)
            )
