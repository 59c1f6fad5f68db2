"""What one call puts into the outbox: the wire payloads and their call-log rows.

The window decides *when* (a key press, the form's save); this module decides *what*
is queued, with the payloads of ``domain.writes``, and tests it without a window.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace

from desktop_app.domain.writes import CUSTOMER_FIELDS, FeedbackPayload, WriteKind, customer_payload
from desktop_app.domain.writes import feedback_payload as build_feedback_payload
from desktop_app.store.calllog import day_bounds
from desktop_app.store.cards import PhoneCard
from desktop_app.store.corrections import Correction, correct_feedback
from desktop_app.store.db import LocalStore
from desktop_app.store.followups import after_feedback
from desktop_app.store.outbox import CallLogEntry, Outbox


@dataclass(frozen=True)
class AnsweredCall:
    """A call the agent recorded: the card it was on, the write with its result, and when."""

    card: PhoneCard
    client_id: str  # the write carrying the call's latest result
    item_name: str
    at: float


def feedback_payload(card: PhoneCard, item_name: str) -> FeedbackPayload:
    """The savecallback body for the phone on ``card``."""
    return build_feedback_payload(
        user_id=card.user_id,
        phone_no=card.phone_no,
        owner_name=card.owner_name,
        package_id=card.package_id,
        pro_id=card.pro_id,
        item_name=item_name,
    )


def card_entry(
    card: PhoneCard,
    kind: WriteKind,
    *,
    item_name: str = "",
    customer_name: str = "",
    duration_s: float | None = None,
    dial_s: float | None = None,
) -> CallLogEntry:
    return CallLogEntry(
        user_id=card.user_id,
        kind=kind,
        pro_id=card.pro_id,
        pro_name=card.pro_name,
        package_id=card.package_id,
        package_name=card.package_name,
        phone_id=card.phone_id,
        phone_no=card.phone_no,
        owner_name=card.owner_name,
        item_name=item_name,
        customer_name=customer_name,
        duration_s=duration_s,
        dial_s=dial_s,
    )


def record_feedback(
    outbox: Outbox, card: PhoneCard, item_name: str, now: float | None = None, hold_until: float | None = None
) -> str:
    """Queue one savecallback for the card; returns its client id once it is committed.

    ``hold_until``: the end of its undo window (``store.holds``); None sends it at once.
    """
    now = time.time() if now is None else now
    duration = round(card.on_card_s(now), 1)
    dialled = card.dial_to_now_s(now)
    dial_s = None if dialled is None else round(dialled, 1)
    entry = card_entry(card, WriteKind.FEEDBACK, item_name=item_name, duration_s=duration, dial_s=dial_s)
    payload = feedback_payload(card, item_name)
    return outbox.enqueue(WriteKind.FEEDBACK, payload, entry, now=now, hold_until=hold_until)


def finish_call(
    store: LocalStore,
    card: PhoneCard,
    item_name: str,
    now: float | None = None,
    hold_until: float | None = None,
) -> str:
    """Queue the card's feedback and put the card away in one commit.

    After a crash the agent finds either the card without its feedback, or the feedback
    without the card; never a card that was already answered (and would be answered
    twice). One commit is also one disk flush less between the key and the next card.
    The same commit closes the callback this call answers and gives the card's draft
    note to the call (``store.followups``).
    """
    now = time.time() if now is None else now
    with store.transaction() as db:
        client_id = record_feedback(store.outbox(), card, item_name, now=now, hold_until=hold_until)
        store.cards().clear(card.user_id, only=card)
        after_feedback(db, card.user_id, card.phone_no, client_id, card.shown_at, now)
    return client_id


def record_customer(
    outbox: Outbox,
    user_id: int,
    form: Mapping[str, object],
    card: PhoneCard | None,
    now: float | None = None,
    hold_until: float | None = None,
) -> str:
    """Queue one save_to_customer: the form's fields plus ``reg_user_id``."""
    payload = customer_payload(
        reg_user_id=user_id, **{name: str(form.get(name, "")) for name in CUSTOMER_FIELDS}
    )
    name = payload["customer_name"]
    if card is not None and card.user_id == user_id:
        entry = card_entry(card, WriteKind.CUSTOMER, customer_name=name)
    else:
        entry = CallLogEntry(
            user_id=user_id,
            kind=WriteKind.CUSTOMER,
            phone_no=payload["customer_phone"],
            customer_name=name,
        )
    return outbox.enqueue(WriteKind.CUSTOMER, payload, entry, now=now, hold_until=hold_until)


def correct_call(store: LocalStore, client_id: str, item_name: str, now: float | None = None) -> Correction:
    """更正: the call of feedback ``client_id`` gets the result ``item_name``, decided by the store
    in one transaction (``store.corrections``). Raises ``StoreError``."""
    return correct_feedback(store.db(), client_id, item_name, time.time() if now is None else now)


def correct_answered(
    store: LocalStore, call: AnsweredCall, item_name: str, now: float | None = None
) -> AnsweredCall:
    """The answered call with its result corrected (its time stays the time of the call)."""
    done = correct_call(store, call.client_id, item_name, now)
    return replace(call, client_id=done.client_id, item_name=item_name)


def last_answered(store: LocalStore, user_id: int, now: float | None = None) -> AnsweredCall | None:
    """The agent's last call of today on this PC, with its latest result (after a restart,
    the previous call is still within reach for its customer and its 更正)."""
    now = time.time() if now is None else now
    start, end = day_bounds(dt.date.fromtimestamp(now))
    rows = [r for r in store.calllog().between(start, end, user_id) if r.kind == WriteKind.FEEDBACK]
    if not rows:
        return None
    row = rows[-1]
    if row.pro_id is None or row.package_id is None or row.phone_id is None:
        return None
    card = PhoneCard(
        user_id=row.user_id,
        pro_id=row.pro_id,
        pro_name=row.pro_name,
        package_id=row.package_id,
        package_name=row.package_name,
        phone_id=row.phone_id,
        phone_no=row.phone_no,
        owner_name=row.owner_name,
        shown_at=row.created_at - (row.duration_s or 0.0),
    )
    return AnsweredCall(card, row.client_id, row.item_name, row.created_at)
