"""The SQL of claims: which rows in flight are abandoned, renewing a lease, letting go.

A row in flight names its owner (``claimed_by``, a ``ClaimOwner`` key) and the end of
its lease (``lease_until``). These run inside the caller's write transaction (see
``Outbox``), so a claim and the take-over of abandoned rows happen in one commit.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from .claim_owner import ClaimOwner, certainly_gone

# What a claim sets; the values are (now, owner key, lease end, server to bind an unbound row to).
CLAIM_SET = (
    "state = 'in_flight', attempts = attempts + 1, updated_at = ?, claimed_by = ?, lease_until = ?,"
    " server = coalesce(server, ?)"
)


def reclaim_abandoned(db: sqlite_utils.Database, me: ClaimOwner, now: float) -> int:
    """Rows in flight whose owner is gone, unknown, or whose lease ran out become uncertain
    (they may have arrived). Rows of a live owner whose lease runs are left alone."""
    rows = db.execute(
        "SELECT client_id, claimed_by, lease_until FROM outbox WHERE state = 'in_flight'"
    ).fetchall()
    mine = me.key()
    gone: dict[str, bool] = {}
    abandoned = []
    for client_id, claimed_by, lease_until in rows:
        if claimed_by is None or lease_until is None or float(lease_until) <= now:
            abandoned.append(client_id)  # no owner (an older version), or the lease ran out
            continue
        if claimed_by == mine:
            continue
        if claimed_by not in gone:
            gone[claimed_by] = certainly_gone(claimed_by, me)
        if gone[claimed_by]:
            abandoned.append(client_id)
    for client_id in abandoned:
        db.execute(
            "UPDATE outbox SET state = 'uncertain', was_uncertain = 1, updated_at = ?"
            " WHERE client_id = ? AND state = 'in_flight'",
            (now, client_id),
        )
    return len(abandoned)


def renew(db: sqlite_utils.Database, owner_key: str, lease_until: float, client_id: str) -> bool:
    """Extend the lease of every row ``owner_key`` holds; whether it still holds ``client_id``."""
    db.execute(
        "UPDATE outbox SET lease_until = ? WHERE state = 'in_flight' AND claimed_by = ?",
        (lease_until, owner_key),
    )
    row = db.execute(
        "SELECT 1 FROM outbox WHERE client_id = ? AND state = 'in_flight' AND claimed_by = ?",
        (client_id, owner_key),
    ).fetchone()
    return row is not None


def release_as_uncertain(
    db: sqlite_utils.Database, owner_key: str, client_ids: Iterable[str], now: float
) -> int:
    """These rows, where ``owner_key`` still holds them, become uncertain (a request may have
    been cut short). One row at a time by its key: the GUI thread may run this at shutdown."""
    released = 0
    for client_id in client_ids:
        cursor = db.execute(
            "UPDATE outbox SET state = 'uncertain', was_uncertain = 1, updated_at = ?"
            " WHERE client_id = ? AND state = 'in_flight' AND claimed_by = ?",
            (now, client_id, owner_key),
        )
        released += int(cursor.rowcount)
    return released


def held_by_others(db: sqlite_utils.Database, owner_key: str, client_ids: list[str]) -> set[str]:
    """Of these rows, those another claimant has in flight now (after this one's lease ran out)."""
    if not client_ids:
        return set()
    found = db.execute(
        "SELECT client_id FROM outbox WHERE state = 'in_flight' AND claimed_by IS NOT ?"
        f" AND client_id IN ({', '.join('?' * len(client_ids))})",
        (owner_key, *client_ids),
    ).fetchall()
    return {str(r[0]) for r in found}
