"""What one call puts into the outbox: the wire payloads and their call-log rows.

The window decides *when* (a key press, the form's save); this module decides *what*,
so that the exact payload sent to the server is written in one place and tested
without a window.
"""

from __future__ import annotations

import time
from typing import Any

from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import CallLogEntry, Outbox

SAVECALLBACK = "savecallback"
SAVE_TO_CUSTOMER = "save_to_customer"


def feedback_payload(card: PhoneCard, item_name: str) -> dict[str, Any]:
    """The savecallback body, exactly as documented."""
    return {
        "user_id": card.user_id,
        "phone_no": card.phone_no,
        "owner_name": card.owner_name,
        "package_id": card.package_id,
        "pro_id": card.pro_id,
        "call_back_item_name": item_name,
    }


def card_entry(
    card: PhoneCard,
    kind: str,
    *,
    item_name: str = "",
    customer_name: str = "",
    duration_s: float | None = None,
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
    )


def record_feedback(outbox: Outbox, card: PhoneCard, item_name: str, now: float | None = None) -> str:
    """Queue one savecallback for the card; returns its client id once it is committed."""
    now = time.time() if now is None else now
    duration = max(0.0, round(now - card.shown_at, 1))
    entry = card_entry(card, SAVECALLBACK, item_name=item_name, duration_s=duration)
    return outbox.enqueue(SAVECALLBACK, feedback_payload(card, item_name), entry, now=now)


def finish_call(store: LocalStore, card: PhoneCard, item_name: str, now: float | None = None) -> str:
    """Queue the card's feedback and put the card away in one commit.

    After a crash the agent finds either the card without its feedback, or the feedback
    without the card; never a card that was already answered (and would be answered
    twice). One commit is also one disk flush less between the key and the next card.
    """
    with store.transaction():
        client_id = record_feedback(store.outbox(), card, item_name, now=now)
        store.cards().clear(card.user_id, only=card)
    return client_id


def record_customer(
    outbox: Outbox,
    user_id: int,
    form: dict[str, Any],
    card: PhoneCard | None,
    now: float | None = None,
) -> str:
    """Queue one save_to_customer: the form's fields plus ``reg_user_id``."""
    payload = {"reg_user_id": user_id, **{k: v for k, v in form.items() if k != "reg_user_id"}}
    name = str(payload.get("customer_name", ""))
    if card is not None and card.user_id == user_id:
        entry = card_entry(card, SAVE_TO_CUSTOMER, customer_name=name)
    else:
        entry = CallLogEntry(
            user_id=user_id,
            kind=SAVE_TO_CUSTOMER,
            phone_no=str(payload.get("customer_phone", "")),
            customer_name=name,
        )
    return outbox.enqueue(SAVE_TO_CUSTOMER, payload, entry, now=now)
