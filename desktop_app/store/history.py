"""One agent's calls on this PC, every day: searched, opened by number, hinted on the card, aged out.

The call log already holds every write the agent recorded here; this module reads it
for the 历史 view and the card:

- ``search``: by any part of a phone number or a name (owner or customer), filtered by
  project, result, kind and time, newest first, a page at a time. A text that the
  substring index (migration 0007) finds in few rows reads just those rows; a text found
  in many rows scans the agent's calls newest first and stops at the page's end. Either
  way the answer is the same: a case-insensitive substring of the number or a name.
- ``number_history``: every call, customer and callback of one number, with notes.
- ``repeat_hint``: how often this agent called the number before, the last result and
  when; two index reads, so the card can show it at once.
- ``prune``: the retention rule IT sets (default 365 days).

A write the agent discarded (an undo, or a refused write given up) is shown in the
history with its state but is not counted as a call (``repeat_hint``, ``calls_between``).
Nothing here is sent anywhere.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from desktop_app.domain.writes import WriteKind

from .callbacks import Callback, Callbacks
from .calllog import COLUMNS as LOG_COLUMNS
from .calllog import CURRENT_SQL, CallLogRow
from .errors import guarded
from .migrations import SEARCH_GRAM_WIDTH, SEARCH_TABLE
from .outbox import State
from .transaction import write_transaction

DEFAULT_KEEP_DAYS = 365
PAGE_SIZE = 50
# Up to this many index matches, the search reads only the matching rows; above it, the
# matches are common enough that a newest-first scan fills a page sooner.
DRIVE_LIMIT = 2000
DAY_S = 86400.0

# A call-log row ``c`` counts as a call unless its write was discarded (a pruned write has
# no outbox row left and still counts). The discarded writes are few and found by the
# outbox's state index, so this costs one small lookup, not one per row.
# A corrected call counts once, by the row with its latest result (``store.corrections``).
COUNTED_SQL = (
    f"c.client_id NOT IN (SELECT client_id FROM outbox WHERE state = 'discarded') AND c.{CURRENT_SQL}"
)
# Outbox states that are over: the server has the write, or the agent gave it up.
FINISHED_SQL = "state IN ('sent', 'discarded')"

_SELECT = ", ".join(f"c.{column}" for column in LOG_COLUMNS) + ", o.state, n.text"
_FROM = (
    "FROM call_log c LEFT JOIN outbox o ON o.client_id = c.client_id"
    " LEFT JOIN call_notes n ON n.client_id = c.client_id"
)
_PHONE_SEPARATORS = re.compile(r"[\s\-()]+")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class HistoryQuery:
    """What the 历史 view asks for; every filter is optional but the agent."""

    user_id: int
    text: str = ""  # any part of a phone number or a name
    pro_id: int | None = None  # project
    item_name: str | None = None  # result (the feedback item)
    kind: WriteKind | None = None  # None: both
    start: float | None = None  # created_at >= start (Unix seconds)
    end: float | None = None  # created_at < end
    include_discarded: bool = True


@dataclass(frozen=True)
class HistoryEntry:
    call: CallLogRow
    state: State | None  # the write's outbox state; None once the write was pruned
    note: str  # the agent's note on this call; "" when none


@dataclass(frozen=True)
class HistoryPage:
    entries: tuple[HistoryEntry, ...]
    offset: int
    has_more: bool  # another page follows


@dataclass(frozen=True)
class CustomerEntry:
    entry: HistoryEntry
    form: dict[str, Any]  # the save_to_customer payload as sent; {} once pruned


@dataclass(frozen=True)
class NumberHistory:
    """Everything this PC knows about one number for one agent, newest first."""

    user_id: int
    phone_no: str
    calls: tuple[HistoryEntry, ...]
    customers: tuple[CustomerEntry, ...]
    callbacks: tuple[Callback, ...]


@dataclass(frozen=True)
class RepeatHint:
    """This agent called the number before, on this PC."""

    calls: int  # earlier calls (feedbacks), discarded ones left out
    last_item: str  # the last call's result
    last_at: float  # when (Unix seconds)
    last_pro_name: str
    last_client_id: str


@dataclass(frozen=True)
class PruneResult:
    calls: int  # call-log rows removed
    writes: int  # finished outbox rows removed (with their audit rows)
    notes: int
    callbacks: int  # done or cancelled callbacks removed


def search_text(text: str) -> str:
    """The text searched for: width-folded, trimmed; a phone number loses its separators.

    Invisible characters (controls, and the direction and zero-width marks a pasted
    number often carries) are dropped: nobody means to search for them.
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C")).strip()
    compact = _PHONE_SEPARATORS.sub("", text)
    return compact if _DIGITS.fullmatch(compact) else text


def match_expression(text: str) -> str | None:
    """The FTS5 query finding ``text`` as a substring in the index, or None when it cannot.

    The index holds, at each character, the run of the next 3 characters: a text of 3 or
    more characters is the phrase of its own runs; a shorter one is a prefix of a run.
    """
    if not any(ch.isalnum() for ch in text):
        return None
    width = SEARCH_GRAM_WIDTH
    if len(text) < width:
        return '"' + text.replace('"', '""') + '"*'
    grams = (text[i : i + width] for i in range(len(text) - width + 1))
    return '"' + " ".join(g.replace('"', '""') for g in grams) + '"'


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _entry(row: tuple[Any, ...]) -> HistoryEntry:
    width = len(LOG_COLUMNS)
    state = row[width]
    return HistoryEntry(
        call=CallLogRow.from_row(row[:width]),
        state=State(state) if state is not None else None,
        note=str(row[width + 1] or ""),
    )


class History:
    """Reads (and ages out) one PC's call history, bound to one connection."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self._indexed: bool | None = None

    def has_index(self) -> bool:
        """True when this database has the substring index (an SQLite with FTS5)."""
        if self._indexed is None:
            row = self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (SEARCH_TABLE,)
            ).fetchone()
            self._indexed = row is not None
        return self._indexed

    # -- the 历史 view ------------------------------------------------------------------

    @guarded
    def search(self, query: HistoryQuery, limit: int = PAGE_SIZE, offset: int = 0) -> HistoryPage:
        """One page of the agent's calls matching ``query``, newest first."""
        text = search_text(query.text)
        match = match_expression(text) if text and self.has_index() else None
        drive = match is not None and self._matches_at_most(match, DRIVE_LIMIT)
        # Reading only the matching rows: keep the planner off the agent's time index.
        user = "+c.user_id" if drive else "c.user_id"
        time_column = "+c.created_at" if drive else "c.created_at"
        where = [f"{user} = ?", f"c.{CURRENT_SQL}"]
        params: list[Any] = [query.user_id]
        if drive:
            where.append(f"c.id IN (SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?)")
            params.append(match)
        if text:
            where.append(
                "(c.phone_no LIKE ? ESCAPE '\\' OR c.owner_name LIKE ? ESCAPE '\\'"
                " OR c.customer_name LIKE ? ESCAPE '\\')"
            )
            params += [_like(text)] * 3
        if query.pro_id is not None:
            where.append("c.pro_id = ?")
            params.append(query.pro_id)
        if query.item_name is not None:
            where.append("c.item_name = ?")
            params.append(query.item_name)
        if query.kind is not None:
            where.append("c.kind = ?")
            params.append(query.kind)
        if query.start is not None:
            where.append(f"{time_column} >= ?")
            params.append(query.start)
        if query.end is not None:
            where.append(f"{time_column} < ?")
            params.append(query.end)
        if not query.include_discarded:
            where.append(COUNTED_SQL)
        sql = (
            f"SELECT {_SELECT} {_FROM} WHERE {' AND '.join(where)}"
            " ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?"
        )
        rows = self._db.execute(sql, [*params, limit + 1, max(0, offset)]).fetchall()
        entries = tuple(_entry(tuple(r)) for r in rows[:limit])
        return HistoryPage(entries, max(0, offset), len(rows) > limit)

    def _matches_at_most(self, match: str, limit: int) -> bool:
        row = self._db.execute(
            f"SELECT count(*) FROM (SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ? LIMIT ?)",
            (match, limit + 1),
        ).fetchone()
        return int(row[0]) <= limit

    @guarded
    def call(self, client_id: str) -> HistoryEntry | None:
        """One recorded call (or customer) by its write's client id."""
        row = self._db.execute(f"SELECT {_SELECT} {_FROM} WHERE c.client_id = ?", (client_id,)).fetchone()
        return _entry(tuple(row)) if row else None

    @guarded
    def number_history(self, user_id: int, phone_no: str) -> NumberHistory:
        """The calls, customers and callbacks of one number for this agent, newest first."""
        rows = self._db.execute(
            f"SELECT {_SELECT}, o.payload {_FROM} WHERE c.user_id = ? AND c.phone_no = ? AND c.{CURRENT_SQL}"
            " ORDER BY c.created_at DESC, c.id DESC",
            (user_id, phone_no),
        ).fetchall()
        calls: list[HistoryEntry] = []
        customers: list[CustomerEntry] = []
        for row in rows:
            entry = _entry(tuple(row[:-1]))
            if entry.call.kind == WriteKind.CUSTOMER:
                form = json.loads(row[-1]) if row[-1] else {}
                customers.append(CustomerEntry(entry, form if isinstance(form, dict) else {}))
            else:
                calls.append(entry)
        callbacks = Callbacks(self._db).of_number(user_id, phone_no)
        return NumberHistory(user_id, phone_no, tuple(calls), tuple(customers), tuple(callbacks))

    # -- the card -----------------------------------------------------------------------

    @guarded
    def repeat_hint(self, user_id: int, phone_no: str, before: float | None = None) -> RepeatHint | None:
        """This agent's earlier calls of ``phone_no`` (before ``before``), or None when none."""
        sql = (
            "SELECT c.item_name, c.created_at, c.pro_name, c.client_id, count(*) OVER ()"
            f" FROM call_log c WHERE c.user_id = ? AND c.phone_no = ? AND c.kind = ? AND {COUNTED_SQL}"
        )
        params: list[Any] = [user_id, phone_no, WriteKind.FEEDBACK.value]
        if before is not None:
            sql += " AND c.created_at < ?"
            params.append(before)
        sql += " ORDER BY c.created_at DESC, c.id DESC LIMIT 1"
        row = self._db.execute(sql, params).fetchone()
        if row is None:
            return None
        return RepeatHint(
            calls=int(row[4]),
            last_item=str(row[0]),
            last_at=float(row[1]),
            last_pro_name=str(row[2]),
            last_client_id=str(row[3]),
        )

    # -- statistics ---------------------------------------------------------------------

    @guarded
    def calls_between(self, user_id: int, start: float, end: float) -> list[CallLogRow]:
        """The agent's counted rows (calls and customers) with ``start <= created_at < end``, oldest first."""
        rows = self._db.execute(
            f"SELECT {', '.join(f'c.{column}' for column in LOG_COLUMNS)} FROM call_log c"
            f" WHERE c.user_id = ? AND c.created_at >= ? AND c.created_at < ? AND {COUNTED_SQL}"
            " ORDER BY c.created_at, c.id",
            (user_id, start, end),
        ).fetchall()
        return [CallLogRow.from_row(tuple(r)) for r in rows]

    # -- retention ----------------------------------------------------------------------

    @guarded
    def prune(
        self, now: float | None = None, keep_days: int = DEFAULT_KEEP_DAYS, batch: int = 1000
    ) -> PruneResult:
        """Remove what is older than ``keep_days``: calls, finished writes, notes, closed callbacks.

        Never a write still to be sent or waiting for the agent (queued, in flight,
        uncertain, refused), nor the call-log row or note of one. Works in short
        transactions of ``batch`` rows, so the sync engine is never held up for long.
        """
        if keep_days < 1:
            raise ValueError("history is kept at least one day")
        cutoff = (time.time() if now is None else now) - keep_days * DAY_S
        calls = notes = writes = 0
        while True:
            removed, removed_notes = self._prune_calls(cutoff, batch)
            calls += removed
            notes += removed_notes
            if removed < batch:
                break
        while True:
            removed, removed_notes = self._prune_writes(cutoff, batch)
            writes += removed
            notes += removed_notes
            if removed < batch:
                break
        with write_transaction(self._db) as db:
            notes += db.execute(
                "DELETE FROM call_notes WHERE client_id IS NULL AND updated_at < ?", (cutoff,)
            ).rowcount
            closed = db.execute(
                "DELETE FROM callbacks WHERE state != 'open' AND coalesce(done_at, updated_at) < ?", (cutoff,)
            ).rowcount
        return PruneResult(calls=calls, writes=writes, notes=notes, callbacks=closed)

    def _prune_calls(self, cutoff: float, batch: int) -> tuple[int, int]:
        with write_transaction(self._db) as db:
            rows = db.execute(
                "SELECT c.id, c.client_id FROM call_log c LEFT JOIN outbox o ON o.client_id = c.client_id"
                " WHERE c.created_at < ? AND (o.state IS NULL OR o.state IN ('sent', 'discarded'))"
                " LIMIT ?",
                (cutoff, batch),
            ).fetchall()
            if not rows:
                return 0, 0
            ids = [int(r[0]) for r in rows]
            client_ids = [str(r[1]) for r in rows]
            marks = ", ".join("?" * len(rows))
            notes = db.execute(f"DELETE FROM call_notes WHERE client_id IN ({marks})", client_ids).rowcount
            db.execute(f"DELETE FROM call_log WHERE id IN ({marks})", ids)
        return len(rows), notes

    def _prune_writes(self, cutoff: float, batch: int) -> tuple[int, int]:
        with write_transaction(self._db) as db:
            # By age first (the created index): the state index would read every sent row.
            rows = db.execute(
                f"SELECT client_id FROM outbox WHERE created_at < ? AND +{FINISHED_SQL}"
                " AND NOT EXISTS (SELECT 1 FROM call_log WHERE call_log.client_id = outbox.client_id)"
                " LIMIT ?",
                (cutoff, batch),
            ).fetchall()
            if not rows:
                return 0, 0
            client_ids = [str(r[0]) for r in rows]
            marks = ", ".join("?" * len(rows))
            db.execute(f"DELETE FROM outbox_audit WHERE client_id IN ({marks})", client_ids)
            notes = db.execute(f"DELETE FROM call_notes WHERE client_id IN ({marks})", client_ids).rowcount
            db.execute(f"DELETE FROM outbox WHERE client_id IN ({marks})", client_ids)
        return len(rows), notes
