"""What the agent can do with a write still in its undo window: take it back, correct it, let it go.

Each action is one commit and succeeds only while the row is queued and held (see
``store.holds``): once the engine has claimed a row it is on its way, and the caller
says so instead. A row taken back stays in the file as ``discarded`` with an audit row,
like any discarded write, and its call-log row goes with it out of the statistics.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlite_utils

from .claim_owner import certainly_gone
from .errors import guarded
from .holds import HELD_SQL, HOLD_OWNER
from .outbox import _audit, _follow_payload, wire_json
from .transaction import write_transaction

UNDO_REASON = "undo"


class HeldWrites:
    """The undo window's side of the outbox, bound to one connection."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    @guarded
    def is_held(self, client_id: str, now: float) -> bool:
        row = self._db.execute(
            f"SELECT 1 FROM outbox WHERE client_id = ? AND state = 'queued' AND {HELD_SQL}", (client_id, now)
        ).fetchone()
        return row is not None

    @guarded
    def undo(self, client_id: str, now: float) -> bool:
        """Take the write back: discarded (audited), never sent. False when it is too late."""
        with write_transaction(self._db) as db:
            row = db.execute(
                f"SELECT payload FROM outbox WHERE client_id = ? AND state = 'queued' AND {HELD_SQL}",
                (client_id, now),
            ).fetchone()
            if row is None:
                return False
            _audit(db, client_id, "discard", row[0], UNDO_REASON, now)
            db.execute(
                "UPDATE outbox SET state = 'discarded', hold_until = NULL, hold_owner = NULL, updated_at = ?"
                " WHERE client_id = ?",
                (now, client_id),
            )
        return True

    @guarded
    def replace(self, client_id: str, payload: Mapping[str, Any], now: float) -> bool:
        """A correction inside the window: the row carries the corrected payload and goes now.

        One write reaches the server, the corrected one; the old payload is audited and
        the call log follows. False when the row is no longer held (correct it with a new write).
        """
        text = wire_json(payload)
        with write_transaction(self._db) as db:
            row = db.execute(
                f"SELECT payload FROM outbox WHERE client_id = ? AND state = 'queued' AND {HELD_SQL}",
                (client_id, now),
            ).fetchone()
            if row is None:
                return False
            _audit(db, client_id, "correct", row[0], "", now)
            db.execute(
                "UPDATE outbox SET payload = ?, hold_until = NULL, hold_owner = NULL, next_attempt_at = ?,"
                " updated_at = ? WHERE client_id = ?",
                (text, now, now, client_id),
            )
            _follow_payload(db, client_id, json.loads(text))
        return True

    @guarded
    def release(self, client_id: str) -> None:
        """End one row's window now (it is sent at once)."""
        with write_transaction(self._db) as db:
            db.execute(
                "UPDATE outbox SET hold_until = NULL, hold_owner = NULL WHERE client_id = ?"
                " AND hold_until IS NOT NULL",
                (client_id,),
            )

    @guarded
    def release_mine(self, user_id: int | None = None) -> int:
        """Logout or quitting: every hold of this run (of one agent) ends now."""
        sql = "UPDATE outbox SET hold_until = NULL, hold_owner = NULL WHERE hold_until IS NOT NULL AND hold_owner = ?"
        params: list[Any] = [HOLD_OWNER]
        if user_id is not None:
            sql += " AND user_id = ?"
            params.append(user_id)
        with write_transaction(self._db) as db:
            return db.execute(sql, params).rowcount

    @guarded
    def release_gone_owners(self) -> int:
        """At start-up: holds set by a process that has certainly ended (a crash, a kill) end now.

        The holds of a process that still runs (the window, while this is ``--sync``) are
        left alone: they end at their own ``hold_until``, a few seconds away.
        """
        with write_transaction(self._db) as db:
            owners = db.execute(
                "SELECT DISTINCT hold_owner FROM outbox WHERE hold_until IS NOT NULL"
            ).fetchall()
            released = 0
            for (owner,) in owners:
                if owner != HOLD_OWNER and certainly_gone(owner):
                    released += db.execute(
                        "UPDATE outbox SET hold_until = NULL, hold_owner = NULL"
                        " WHERE hold_until IS NOT NULL AND hold_owner IS ?",
                        (owner,),
                    ).rowcount
            return released
