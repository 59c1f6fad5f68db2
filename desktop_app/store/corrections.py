"""更正: the result of a call already recorded, changed, decided in one transaction.

What the server ends up with depends on where the call's write stands, read and acted
on under the write lock (the sync engine claims rows under the same lock, so no claim
slips in between):

- not yet claimed for sending (queued), or refused by the server (needs attention): the
  row gets the new result in place, with an audit row of the old payload; one write
  arrives. A refused row is queued again, as a resend would.
- sent, in flight or uncertain: the write stays as it is, and the new result goes as a
  second feedback for the same number (as if the agent had called again). The first
  call's log row then points to the second (``superseded_by``), so the call log and the
  statistics count the call once, with its latest result, at the time of the call.
- discarded: nothing to correct (``OutboxStateError``).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import sqlite_utils

from desktop_app.domain.codes import StoreCode
from desktop_app.domain.messages import msg
from desktop_app.domain.outbox_states import State, state_message
from desktop_app.domain.writes import WriteKind

from .errors import OutboxStateError, guarded
from .outbox import wire_json
from .transaction import write_transaction

# The payload member that carries a feedback's result.
RESULT_MEMBER = "call_back_item_name"


@dataclass(frozen=True)
class Correction:
    client_id: str  # the write that now carries the call's result
    replaced: bool  # True: the first write was changed in place; False: a second feedback was queued


def latest_write(db: sqlite_utils.Database, client_id: str) -> str:
    """The write carrying the call's latest result: ``client_id`` followed along its corrections."""
    seen = {client_id}
    while True:
        row = db.execute("SELECT superseded_by FROM call_log WHERE client_id = ?", (client_id,)).fetchone()
        if row is None or row[0] is None or row[0] in seen:
            return client_id
        client_id = str(row[0])
        seen.add(client_id)


@guarded
def correct_feedback(db: sqlite_utils.Database, client_id: str, item_name: str, now: float) -> Correction:
    """Give the call of the feedback ``client_id`` the result ``item_name``; one commit."""
    with write_transaction(db):
        client_id = latest_write(db, client_id)
        row = db.execute(
            "SELECT state, kind, payload, user_id FROM outbox WHERE client_id = ?", (client_id,)
        ).fetchone()
        if row is None:
            raise OutboxStateError(msg(StoreCode.ROW_MISSING))
        state, kind, old_text, user_id = State(row[0]), WriteKind(row[1]), str(row[2]), int(row[3])
        if kind is not WriteKind.FEEDBACK or state is State.DISCARDED:
            raise OutboxStateError(msg(StoreCode.CANNOT_CORRECT, state_message(state)))
        payload = json.loads(old_text)
        payload[RESULT_MEMBER] = item_name
        text = wire_json(payload)
        if state in (State.QUEUED, State.ATTENTION):
            _replace(db, client_id, old_text, text, now)
            return Correction(client_id, replaced=True)
        return Correction(_add_second(db, client_id, user_id, text, item_name, now), replaced=False)


def _replace(db: sqlite_utils.Database, client_id: str, old_text: str, text: str, now: float) -> None:
    db.execute(
        "INSERT INTO outbox_audit (client_id, action, old_payload, reason, at) VALUES (?, 'correct', ?, '', ?)",
        (client_id, old_text, now),
    )
    db.execute(
        # A correction also ends the row's undo window (``store.holds``): sent at once.
        "UPDATE outbox SET payload = ?, state = 'queued', last_error = NULL,"
        " next_attempt_at = min(next_attempt_at, ?), hold_until = NULL, hold_owner = NULL,"
        " updated_at = ? WHERE client_id = ?",
        (text, now, now, client_id),
    )
    item_name = json.loads(text)[RESULT_MEMBER]
    db.execute("UPDATE call_log SET item_name = ? WHERE client_id = ?", (item_name, client_id))


def _add_second(
    db: sqlite_utils.Database, first: str, user_id: int, text: str, item_name: str, now: float
) -> str:
    """Queue the second feedback, its log row a copy of the first's with the new result."""
    second = uuid.uuid4().hex
    db.execute(
        "INSERT INTO outbox (client_id, kind, payload, user_id, created_at, attempts,"
        " next_attempt_at, state, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, 'queued', ?)",
        (second, WriteKind.FEEDBACK.value, text, user_id, now, now, now),
    )
    db.execute(
        "INSERT INTO call_log (client_id, user_id, kind, pro_id, pro_name, package_id, package_name,"
        " phone_id, phone_no, owner_name, item_name, customer_name, duration_s, created_at)"
        " SELECT ?, user_id, kind, pro_id, pro_name, package_id, package_name, phone_id, phone_no,"
        " owner_name, ?, customer_name, duration_s, created_at FROM call_log WHERE client_id = ?",
        (second, item_name, first),
    )
    db.execute("UPDATE call_log SET superseded_by = ? WHERE client_id = ?", (second, first))
    return second
