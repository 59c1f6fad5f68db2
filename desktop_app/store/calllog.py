"""The call log: one row per recorded write, for the day's statistics.

``Outbox.enqueue`` adds a row here in the same transaction as the outbox row, so the
log and the queue always agree. The log is read by time (``between``) and by local
calendar day (``for_day``); it is never sent anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from .errors import guarded

COLUMNS = (
    "id",
    "client_id",
    "user_id",
    "kind",
    "pro_id",
    "pro_name",
    "package_id",
    "package_name",
    "phone_id",
    "phone_no",
    "owner_name",
    "item_name",
    "customer_name",
    "duration_s",
    "created_at",
    "dial_s",
)

# A call corrected after its first write had left is logged twice: the first row points
# to the write with the latest result (``store.corrections``). Every reading that counts
# or lists calls takes the latest row only.
CURRENT_SQL = "superseded_by IS NULL"


@dataclass(frozen=True)
class CallLogRow:
    id: int
    client_id: str
    user_id: int
    kind: str
    pro_id: int | None
    pro_name: str
    package_id: int | None
    package_name: str
    phone_id: int | None
    phone_no: str
    owner_name: str
    item_name: str
    customer_name: str
    duration_s: float | None  # time on card: shown to feedback (PhoneCard.on_card_s)
    created_at: float
    dial_s: float | None = None  # 拨号 (F4) to feedback; None when the dial key was not used

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> CallLogRow:
        return cls(*row)


def day_bounds(day: dt.date) -> tuple[float, float]:
    """Start and end (exclusive) of a local calendar day as Unix seconds; DST-safe."""
    start = dt.datetime.combine(day, dt.time()).timestamp()
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time()).timestamp()
    return start, end


class CallLog:
    """Read access to the call log of this PC (every agent who used it)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    @guarded
    def between(self, start: float, end: float, user_id: int | None = None) -> list[CallLogRow]:
        """Rows with ``start <= created_at < end``, oldest first; one agent's when user_id is given.

        A corrected call is one row, with its latest result.
        """
        sql = (
            f"SELECT {', '.join(COLUMNS)} FROM call_log WHERE created_at >= ? AND created_at < ?"
            f" AND {CURRENT_SQL}"
        )
        params: list[Any] = [start, end]
        if user_id is not None:
            sql += " AND user_id = ?"
            params.append(user_id)
        sql += " ORDER BY created_at, id"
        return [CallLogRow.from_row(tuple(r)) for r in self._db.execute(sql, params).fetchall()]

    def for_day(self, day: dt.date, user_id: int | None = None) -> list[CallLogRow]:
        """The rows of one local-time calendar day, oldest first."""
        start, end = day_bounds(day)
        return self.between(start, end, user_id)
