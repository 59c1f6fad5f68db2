"""The two writes an agent makes, put in the outbox and settled as the program does.

``feedback`` and ``customer`` are payloads as they go on the wire (spec/api.md);
``enqueue`` adds one with its call-log row, ``queue_feedback`` leaves feedbacks in a
data folder as a closed program leaves them; ``settle`` records outcomes through the
path the sync engine uses (``claim_due`` then ``record``), releasing what it claimed and
did not settle; ``audit_rows`` reads the audit table that resend and discard write.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop_app.domain.writes import WriteKind, customer_payload, feedback_payload
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import CallLogEntry, Outcome

SAVECALLBACK = WriteKind.FEEDBACK.value
SAVE_TO_CUSTOMER = WriteKind.CUSTOMER.value
USER_ID = 29


def feedback(
    owner: str = "陈一", *, user_id: int = USER_ID, item: str = "继续跟进", phone_no: str = "13800138000"
) -> dict[str, Any]:
    """A ``savecallback`` payload, members in wire order."""
    return dict(
        feedback_payload(
            user_id=user_id, phone_no=phone_no, owner_name=owner, package_id=467, pro_id=141, item_name=item
        )
    )


def customer(
    name: str = "王志强",
    *,
    user_id: int = USER_ID,
    phone: str = "15920447900",
    customer_type: str = "01",
    follow_content: str = "有意向",
) -> dict[str, Any]:
    """A ``save_to_customer`` payload, members in wire order (``reg_user_id`` first)."""
    return dict(
        customer_payload(
            reg_user_id=user_id,
            customer_name=name,
            customer_phone=phone,
            gender_type="M",
            customer_type=customer_type,
            recommend="星汇云锦",
            follow_content=follow_content,
        )
    )


def kind_of(payload: dict[str, Any]) -> str:
    return SAVE_TO_CUSTOMER if "reg_user_id" in payload else SAVECALLBACK


def enqueue(
    store: LocalStore,
    payload: dict[str, Any],
    *,
    at: float | None = None,
    entry: CallLogEntry | None = None,
    kind: str | None = None,
) -> str:
    """Add the write to the outbox with its call-log row; returns its client id."""
    kind = kind or kind_of(payload)
    if entry is None:
        user_id = payload.get("user_id", payload.get("reg_user_id", USER_ID))
        entry = CallLogEntry(user_id=int(user_id), kind=kind)
    return store.outbox().enqueue(kind, payload, entry, now=at)


def queue_feedback(data_dir: Path, markers: Iterable[str], server_url: str | None = None) -> list[str]:
    """One feedback a marker (its owner name) in the outbox of ``data_dir``, bound to
    ``server_url``; the store is closed again. Returns the client ids."""
    store = LocalStore(data_dir, server_url=server_url)
    try:
        return [enqueue(store, feedback(marker)) for marker in markers]
    finally:
        store.close()


def settle(
    store: LocalStore, outcomes: Iterable[Outcome], now: float, keep_in_flight: Iterable[str] = ()
) -> None:
    """Record outcomes as the sync engine does: claim what is due, record, release the rest.

    ``keep_in_flight`` rows stay claimed, as if the answer were still on its way.
    """
    outbox = store.outbox()
    outcomes = list(outcomes)
    claimed = outbox.claim_due(now, 10_000)
    settled = {o.client_id for o in outcomes} | set(keep_in_flight)
    outbox.record(outcomes, [i.client_id for i in claimed if i.client_id not in settled], now)


def audit_rows(store: LocalStore, client_id: str) -> list[dict[str, Any]]:
    """The resend/discard history of a row, oldest first, as kept in the file."""
    rows = store.db().execute(
        "SELECT action, old_payload, reason, at FROM outbox_audit WHERE client_id = ? ORDER BY id",
        (client_id,),
    )
    return [
        {"client_id": client_id, "action": a, "old_payload": json.loads(p), "reason": r, "at": at}
        for a, p, r, at in rows.fetchall()
    ]
