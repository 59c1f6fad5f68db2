"""What recording a feedback settles on this PC besides the write itself.

The call recording calls ``after_feedback`` inside the transaction that enqueues the
feedback (``store.transaction()``), so the callback it answers is closed and the note
typed on the card is given to it in the same commit: after a crash, either all of it
happened or none of it did. Nothing here reaches the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from .callbacks import close_by_feedback
from .errors import guarded
from .notes import attach_draft
from .transaction import write_transaction


@dataclass(frozen=True)
class FeedbackFollowUp:
    closed_callback: int | None  # the id of the callback this feedback answered
    note_attached: bool  # the card's draft note now belongs to the call


@guarded
def after_feedback(
    db: sqlite_utils.Database,
    user_id: int,
    phone_no: str,
    client_id: str,
    card_shown_at: float,
    now: float,
) -> FeedbackFollowUp:
    """Close the answered callback and attach the card's note (inside the caller's transaction)."""
    with write_transaction(db):
        closed = close_by_feedback(db, user_id, phone_no, client_id, card_shown_at, now)
        attached = attach_draft(db, user_id, phone_no, client_id, now)
    return FeedbackFollowUp(closed, attached)
