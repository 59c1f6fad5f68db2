"""The outbox: every write the agent records, kept until the server has it.

A write is one row, added with its call-log row in one committed transaction before
the window moves on, so nothing the agent recorded can be lost by a crash or a network
drop. Each row names the entry server it is for (``bound_server``) and is sent only
there. The sync engine claims due rows of its server (``in_flight``, with its owner and
a lease, see ``claim_owner``), sends them, and records each outcome in its own commit.
No other process takes over a row whose owner is alive and whose lease runs; a row whose
owner died (a crash) or whose lease ran out becomes ``uncertain`` and is sent again; if
that succeeds it is flagged "may be duplicate". Rows are never deleted: a refused row
waits for the agent to resend or discard it, and both leave an audit row with the old
payload.

``attempts`` counts the times a row left this PC: a claim counts one, and a claim handed
back unsent, or a try that never connected, takes it back. For an uncertain row they
are the tries that brought no valid answer: they set the row's own backoff and, with
its age, whether it is 未确认 (``domain.outbox_states``).
"""

from __future__ import annotations

import dataclasses
import json
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from desktop_app.domain.codes import StoreCode
from desktop_app.domain.message_json import from_json, to_json
from desktop_app.domain.messages import Message, msg
from desktop_app.domain.outbox_states import (
    PENDING_SQL,
    UNCONFIRMED_SQL,
    WAITING_SQL,
    State,
    is_unconfirmed,
    state_message,
    unconfirmed_cutoff,
)
from desktop_app.domain.writes import WriteKind

from . import claims
from .bound_server import server_key
from .claim_owner import LEASE_S, ClaimOwner, this_process
from .errors import OutboxStateError, StoreError, guarded
from .holds import HOLD_OWNER, NOT_HELD_SQL
from .transaction import write_transaction

__all__ = ["CallLogEntry", "Outbox", "OutboxItem", "Outcome", "State"]

_FIELDS = (
    "client_id",
    "kind",
    "payload",
    "user_id",
    "created_at",
    "attempts",
    "next_attempt_at",
    "state",
    "last_error",
    "sent_at",
    "maybe_duplicate",
    "updated_at",
    "seq",
    "rev",
    "server",
)
_COLUMNS = ", ".join(_FIELDS)


@dataclass(frozen=True)
class OutboxItem:
    client_id: str
    kind: WriteKind
    payload: dict[str, Any]
    user_id: int
    created_at: float
    attempts: int
    next_attempt_at: float
    state: State
    last_error: Message | None  # why it is not sent (yet): the server's refusal, or the connection's
    sent_at: float | None
    maybe_duplicate: bool
    updated_at: float
    seq: int = 0  # the order of creation
    rev: int = 0  # the revision of the row's last change (see ``changes_since``)
    server: str | None = None  # the entry server it is for (None: not bound yet)

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> OutboxItem:
        fields: dict[str, Any] = dict(zip(_FIELDS, row, strict=True))
        fields["kind"] = WriteKind(fields["kind"])
        fields["payload"] = json.loads(fields["payload"])
        fields["state"] = State(fields["state"])
        fields["last_error"] = None if fields["last_error"] is None else from_json(fields["last_error"])
        fields["maybe_duplicate"] = bool(fields["maybe_duplicate"])
        return cls(**fields)

    def unconfirmed(self, now: float) -> bool:
        """未确认: sent, no valid answer, for 20 tries or a day (``outbox_states.is_unconfirmed``)."""
        return is_unconfirmed(self.state, self.attempts, self.created_at, now)


@dataclass(frozen=True)
class CallLogEntry:
    """What the window records alongside a write, for the day's statistics."""

    user_id: int
    kind: WriteKind
    pro_id: int | None = None
    pro_name: str = ""
    package_id: int | None = None
    package_name: str = ""
    phone_id: int | None = None
    phone_no: str = ""
    owner_name: str = ""
    item_name: str = ""
    customer_name: str = ""
    duration_s: float | None = None  # time on card
    dial_s: float | None = None  # 拨号 to feedback


@dataclass(frozen=True)
class Outcome:
    """The result of sending one claimed row, recorded later with ``Outbox.record``."""

    client_id: str
    state: State  # SENT, ATTENTION, or QUEUED for a retry
    message: Message | None = None
    next_attempt_at: float | None = None
    uncertain: bool = False
    attempted: bool = True  # False: nothing left this PC, the claim's attempt is not counted

    @classmethod
    def sent(cls, client_id: str) -> Outcome:
        return cls(client_id, State.SENT)

    @classmethod
    def attention(cls, client_id: str, message: Message) -> Outcome:
        return cls(client_id, State.ATTENTION, message)

    @classmethod
    def retry(
        cls, client_id: str, error: Message, next_attempt_at: float, uncertain: bool, attempted: bool = True
    ) -> Outcome:
        """Send again at ``next_attempt_at``; ``uncertain`` when it may have arrived.

        ``attempted`` False (the connection was never made) does not count the try, so
        ``attempts`` counts the times the write left this PC.
        """
        return cls(client_id, State.QUEUED, error, next_attempt_at, uncertain, attempted)


def wire_json(payload: Mapping[str, Any]) -> str:
    """The payload exactly as it goes on the wire: UTF-8 JSON, no NaN, encodable."""
    try:
        text = json.dumps(payload, ensure_ascii=False, allow_nan=False)
        text.encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise StoreError(msg(StoreCode.NOT_SENDABLE, str(exc))) from exc
    return text


def insert_call_log(db: sqlite_utils.Database, client_id: str, entry: CallLogEntry, now: float) -> None:
    """Add the call-log row of a write (inside the caller's transaction)."""
    db.execute(
        "INSERT INTO call_log (client_id, user_id, kind, pro_id, pro_name, package_id, package_name,"
        " phone_id, phone_no, owner_name, item_name, customer_name, duration_s, created_at, dial_s)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            client_id,
            entry.user_id,
            entry.kind,
            entry.pro_id,
            entry.pro_name,
            entry.package_id,
            entry.package_name,
            entry.phone_id,
            entry.phone_no,
            entry.owner_name,
            entry.item_name,
            entry.customer_name,
            entry.duration_s,
            now,
            entry.dial_s,
        ),
    )


def _now(now: float | None) -> float:
    return time.time() if now is None else now


class Outbox:
    """The queue of writes of this PC, all agents together, bound to one connection.

    ``server`` is the entry server of the session using it: new rows are made for it,
    and only its rows (and rows bound to none yet) are claimed. ``owner`` names whoever
    claims through this object (this process by default); ``lease_s`` is how long a
    claim holds without being renewed (``keep_claim``).
    """

    def __init__(
        self,
        db: sqlite_utils.Database,
        *,
        server: str | None = None,
        owner: ClaimOwner | None = None,
        lease_s: float = LEASE_S,
    ) -> None:
        self._db = db
        self.server = server_key(server) if server else None
        self.owner = owner or this_process()
        self._owner_key = self.owner.key()
        self.lease_s = lease_s
        self._lease_until = 0.0  # the end of the lease of this object's latest claim

    def _mine_sql(self) -> tuple[str, tuple[Any, ...]]:
        """The condition selecting rows this object may send: its server's, or unbound ones."""
        if self.server is None:
            return "server IS NULL", ()
        return "(server = ? OR server IS NULL)", (self.server,)

    # -- adding ------------------------------------------------------------------------

    @guarded
    def enqueue(
        self,
        kind: WriteKind,
        payload: Mapping[str, Any],
        entry: CallLogEntry,
        now: float | None = None,
        hold_until: float | None = None,
    ) -> str:
        """Add a write and its call-log row in one transaction; returns the client id after COMMIT.

        ``hold_until``: the undo window; the engine leaves the row alone until then
        (``store.holds``), and a later start of the program sends it regardless.
        """
        now = _now(now)
        text = wire_json(payload)
        client_id = uuid.uuid4().hex
        owner = None if hold_until is None else HOLD_OWNER
        with write_transaction(self._db) as db:
            db.execute(
                "INSERT INTO outbox (client_id, kind, payload, user_id, created_at, attempts,"
                " next_attempt_at, state, updated_at, hold_until, hold_owner, server)"
                " VALUES (?, ?, ?, ?, ?, 0, ?, 'queued', ?, ?, ?, ?)",
                (client_id, kind, text, entry.user_id, now, now, now, hold_until, owner, self.server),
            )
            insert_call_log(db, client_id, entry, now)
        return client_id

    # -- reading -----------------------------------------------------------------------

    @guarded
    def get(self, client_id: str) -> OutboxItem | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE client_id = ?", (client_id,)).fetchone()
        return OutboxItem.from_row(row) if row else None

    @guarded
    def earliest_due(self) -> float | None:
        """When the next row of this server to send is due (a held row: when its hold ends);
        None when nothing waits."""
        mine, args = self._mine_sql()
        row = self._db.execute(
            f"SELECT min(max(next_attempt_at, coalesce(hold_until, 0))) FROM outbox WHERE {WAITING_SQL}"
            f" AND {mine}",
            args,
        ).fetchone()
        return float(row[0]) if row and row[0] is not None else None

    @guarded
    def counts(self) -> dict[State, int]:
        """Rows per state, every state present."""
        found = dict(self._db.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
        return {state: int(found.get(state.value, 0)) for state in State}

    @guarded
    def unconfirmed_count(self, now: float) -> int:
        """How many rows are 未确认 (for IT: ``--status``)."""
        row = self._db.execute(
            f"SELECT count(*) FROM outbox WHERE {UNCONFIRMED_SQL}", (unconfirmed_cutoff(now),)
        ).fetchone()
        return int(row[0])

    @guarded
    def items_since(self, since: float, user_id: int | None = None) -> list[OutboxItem]:
        """Rows created at or after ``since``, newest first (the queue view)."""
        sql = f"SELECT {_COLUMNS} FROM outbox WHERE created_at >= ?"
        params: list[Any] = [since]
        if user_id is not None:
            sql += " AND user_id = ?"
            params.append(user_id)
        sql += " ORDER BY created_at DESC, seq DESC"
        return [OutboxItem.from_row(r) for r in self._db.execute(sql, params).fetchall()]

    @guarded
    def changes_since(self, rev: int, since: float, user_id: int | None = None) -> list[OutboxItem]:
        """Rows created at or after ``since`` and changed after revision ``rev``, by revision.

        Revisions are given out under the write lock, so a reader that goes on from the
        highest revision it has seen misses nothing.
        """
        sql = f"SELECT {_COLUMNS} FROM outbox WHERE rev > ? AND created_at >= ?"
        params: list[Any] = [rev, since]
        if user_id is not None:
            sql += " AND user_id = ?"
            params.append(user_id)
        sql += " ORDER BY rev"
        return [OutboxItem.from_row(r) for r in self._db.execute(sql, params).fetchall()]

    # -- the sync engine ---------------------------------------------------------------

    @guarded
    def claim_due(self, now: float, limit: int) -> list[OutboxItem]:
        """Claim up to ``limit`` due rows of this server, oldest first, in one commit.

        A row in its undo window is not due (``store.holds``). Rows abandoned by another
        claimant (dead, or its lease ran out) become uncertain first, in the same commit,
        and may be among them. Returns the rows in flight.
        """
        with write_transaction(self._db) as db:
            claims.reclaim_abandoned(db, self.owner, now)
            mine, args = self._mine_sql()
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE {WAITING_SQL} AND {mine} AND next_attempt_at <= ?"
                f" AND {NOT_HELD_SQL} ORDER BY created_at, seq LIMIT ?",
                (*args, now, now, limit),
            ).fetchall()
            if not rows:
                return []
            ids = [r[0] for r in rows]
            self._lease_until = now + self.lease_s
            db.execute(
                f"UPDATE outbox SET {claims.CLAIM_SET} WHERE client_id IN ({', '.join('?' * len(ids))})",
                (now, self._owner_key, self._lease_until, self.server, *ids),
            )
            items = [OutboxItem.from_row(r) for r in rows]
        return [_claimed(item, now, self.server) for item in items]

    @guarded
    def keep_claim(self, client_id: str, now: float) -> bool:
        """Before sending a claimed row: is it still this owner's? Renews the lease when it runs low.

        While more than half the lease is left nobody can have taken it over, so this
        costs nothing; else one commit extends the lease of every row this owner holds.
        """
        if self._lease_until - now >= self.lease_s / 2:
            return True
        lease_until = now + self.lease_s
        with write_transaction(self._db) as db:
            held = claims.renew(db, self._owner_key, lease_until, client_id)
        self._lease_until = lease_until
        return held

    @guarded
    def release_claims(self, client_ids: Iterable[str], now: float) -> int:
        """A stopped engine lets go of the rows it still holds: they may have been sent (a
        request cut short), so they become uncertain. Returns how many."""
        with write_transaction(self._db) as db:
            released = claims.release_as_uncertain(db, self._owner_key, client_ids, now)
        self._lease_until = 0.0
        return released

    @guarded
    def record(self, outcomes: Iterable[Outcome], release: Iterable[str], now: float) -> None:
        """Record outcomes, and hand back claimed rows that were not sent, in one commit.

        A released row returns to the state it was claimed from and its attempt is not
        counted: nothing was sent.
        """
        outcomes = list(outcomes)
        with write_transaction(self._db) as db:
            # A row another claimant sends now (this one's lease ran out) is not put back in
            # the queue under it; a success is still recorded: the server has the write.
            taken = claims.held_by_others(
                db, self._owner_key, [o.client_id for o in outcomes if o.state is not State.SENT]
            )
            for outcome in outcomes:
                if outcome.client_id not in taken:
                    _apply(db, outcome, now)
            for client_id in release:
                db.execute(
                    "UPDATE outbox SET state = CASE WHEN was_uncertain THEN 'uncertain' ELSE 'queued' END,"
                    " attempts = max(attempts - 1, 0), updated_at = ?"
                    " WHERE client_id = ? AND state = 'in_flight' AND claimed_by = ?",
                    (now, client_id, self._owner_key),
                )

    @guarded
    def recover_in_flight(self, now: float) -> int:
        """Rows left in flight by a claimant that is gone (a crash) or whose lease ran out may
        have arrived: they become uncertain. Rows whose owner lives and whose lease runs are
        left alone, whoever asks. Returns how many were taken back."""
        with write_transaction(self._db) as db:
            return claims.reclaim_abandoned(db, self.owner, now)

    @guarded
    def wake_all(self, now: float) -> None:
        """立即同步: every row still to send is due now."""
        with write_transaction(self._db) as db:
            db.execute(f"UPDATE outbox SET next_attempt_at = ? WHERE {WAITING_SQL}", (now,))

    # -- the agent ---------------------------------------------------------------------

    @guarded
    def resend(self, client_id: str, payload: Mapping[str, Any], now: float) -> None:
        """Queue a refused row again with a corrected payload; the old payload is audited."""
        text = wire_json(payload)
        with write_transaction(self._db) as db:
            row = db.execute(
                "SELECT state, payload, last_error FROM outbox WHERE client_id = ?", (client_id,)
            ).fetchone()
            if row is None or row[0] != State.ATTENTION:
                raise self._conflict(db, client_id, StoreCode.CANNOT_RESEND)
            _audit(db, client_id, "resend", row[1], row[2] or "", now)
            db.execute(
                "UPDATE outbox SET payload = ?, state = 'queued', next_attempt_at = ?, last_error = NULL,"
                " updated_at = ? WHERE client_id = ?",
                (text, now, now, client_id),
            )
            _follow_payload(db, client_id, payload)

    @guarded
    def discard(self, client_id: str, reason: str, now: float) -> None:
        """Give up a refused (or not yet sent) row; it stays in the file, with an audit row."""
        with write_transaction(self._db) as db:
            row = db.execute("SELECT state, payload FROM outbox WHERE client_id = ?", (client_id,)).fetchone()
            if row is None or row[0] not in (State.ATTENTION, State.QUEUED):
                raise self._conflict(db, client_id, StoreCode.CANNOT_DISCARD)
            _audit(db, client_id, "discard", row[1], reason, now)
            db.execute(
                "UPDATE outbox SET state = 'discarded', updated_at = ? WHERE client_id = ?", (now, client_id)
            )

    # -- rows made for another server ----------------------------------------------------

    @guarded
    def pending_elsewhere(self) -> dict[str, int]:
        """Rows still to send that were made for another server than this one, by server.

        They wait: the engine sends a row only to the server it was made for.
        """
        sql = f"SELECT server, count(*) FROM outbox WHERE {PENDING_SQL} AND server IS NOT NULL"
        args: tuple[Any, ...] = ()
        if self.server is not None:
            sql += " AND server != ?"
            args = (self.server,)
        rows = self._db.execute(sql + " GROUP BY server ORDER BY server", args).fetchall()
        return {str(server): int(n) for server, n in rows}

    @guarded
    def pending_here(self) -> int:
        """Rows still to send to this server (made for it, or for none yet)."""
        mine, args = self._mine_sql()
        row = self._db.execute(f"SELECT count(*) FROM outbox WHERE {PENDING_SQL} AND {mine}", args).fetchone()
        return int(row[0])

    @guarded
    def rebind(self, from_server: str, now: float, reason: str = "") -> int:
        """Send the rows waiting for ``from_server`` to this server instead (the agent's choice
        after the server setting changed). Each gets an audit row; returns how many moved."""
        if self.server is None:
            raise StoreError(msg(StoreCode.NO_SERVER_TO_BIND))
        old = server_key(from_server)
        with write_transaction(self._db) as db:
            rows = db.execute(
                f"SELECT client_id, payload FROM outbox WHERE server = ? AND {WAITING_SQL}", (old,)
            ).fetchall()
            for client_id, payload in rows:
                _audit(db, client_id, "rebind", payload, reason or f"{old} -> {self.server}", now)
                db.execute(
                    "UPDATE outbox SET server = ?, next_attempt_at = ?, updated_at = ? WHERE client_id = ?",
                    (self.server, now, now, client_id),
                )
        return len(rows)

    @guarded
    def discard_bound_to(self, from_server: str, reason: str, now: float) -> int:
        """Give up the rows waiting for ``from_server``; each stays in the file with an audit row."""
        old = server_key(from_server)
        with write_transaction(self._db) as db:
            rows = db.execute(
                f"SELECT client_id, payload FROM outbox WHERE server = ? AND {WAITING_SQL}", (old,)
            ).fetchall()
            for client_id, payload in rows:
                _audit(db, client_id, "discard", payload, reason or old, now)
                db.execute(
                    "UPDATE outbox SET state = 'discarded', updated_at = ? WHERE client_id = ?",
                    (now, client_id),
                )
        return len(rows)

    @staticmethod
    def _conflict(db: sqlite_utils.Database, client_id: str, refusal: StoreCode) -> OutboxStateError:
        row = db.execute("SELECT state FROM outbox WHERE client_id = ?", (client_id,)).fetchone()
        if row is None:
            return OutboxStateError(msg(StoreCode.ROW_MISSING))
        return OutboxStateError(msg(refusal, state_message(State(row[0]))))


def _claimed(item: OutboxItem, now: float, server: str | None) -> OutboxItem:
    return dataclasses.replace(
        item, attempts=item.attempts + 1, state=State.IN_FLIGHT, updated_at=now, server=item.server or server
    )


def _apply(db: sqlite_utils.Database, outcome: Outcome, now: float) -> None:
    """One outcome over a row still pending; a finished row (sent, refused, discarded) stays as it is."""
    if outcome.state is State.SENT:
        db.execute(
            "UPDATE outbox SET state = 'sent', sent_at = ?, maybe_duplicate = was_uncertain,"
            f" last_error = NULL, updated_at = ? WHERE client_id = ? AND {PENDING_SQL}",
            (now, now, outcome.client_id),
        )
    elif outcome.state is State.ATTENTION:
        db.execute(
            "UPDATE outbox SET state = 'needs_attention', last_error = ?,"
            f" updated_at = ? WHERE client_id = ? AND {PENDING_SQL}",
            (_stored(outcome.message), now, outcome.client_id),
        )
    else:
        uncertain = 1 if outcome.uncertain else 0
        uncounted = 0 if outcome.attempted else 1
        next_at = now if outcome.next_attempt_at is None else outcome.next_attempt_at
        db.execute(
            "UPDATE outbox SET state = CASE WHEN ? OR was_uncertain THEN 'uncertain' ELSE 'queued' END,"
            " was_uncertain = max(was_uncertain, ?), last_error = ?, next_attempt_at = ?,"
            f" attempts = max(attempts - ?, 0), updated_at = ? WHERE client_id = ? AND {PENDING_SQL}",
            (uncertain, uncertain, _stored(outcome.message), next_at, uncounted, now, outcome.client_id),
        )


def _stored(message: Message | None) -> str | None:
    return None if message is None else to_json(message)


def _audit(
    db: sqlite_utils.Database, client_id: str, action: str, old_payload: str, reason: str, now: float
) -> None:
    db.execute(
        "INSERT INTO outbox_audit (client_id, action, old_payload, reason, at) VALUES (?, ?, ?, ?, ?)",
        (client_id, action, old_payload, reason, now),
    )


# Payload members whose corrected value the call log follows on a resend.
_LOG_FIELDS = {
    "call_back_item_name": "item_name",
    "owner_name": "owner_name",
    "phone_no": "phone_no",
    "customer_name": "customer_name",
}


def _follow_payload(db: sqlite_utils.Database, client_id: str, payload: Mapping[str, Any]) -> None:
    """Keep the call log in step with a corrected payload (the statistics show what was sent)."""
    changes = {
        column: str(payload[key]) for key, column in _LOG_FIELDS.items() if payload.get(key) is not None
    }
    if not changes:
        return
    assignments = ", ".join(f"{column} = ?" for column in changes)
    db.execute(f"UPDATE call_log SET {assignments} WHERE client_id = ?", (*changes.values(), client_id))
