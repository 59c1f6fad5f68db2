"""Where a queued write stands, and the one definition of "pending" (待同步).

Every count the agent sees (status bar, 今日, queue summary, ``--status``/``--sync``)
and every SQL condition of the outbox derives from the sets below, so "how many are
still to sync" cannot mean two things in two places.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from .codes import StoreCode
from .messages import Message


class State(StrEnum):
    """The state of one outbox row (stored as its value)."""

    QUEUED = "queued"
    IN_FLIGHT = "in_flight"
    UNCERTAIN = "uncertain"
    SENT = "sent"
    ATTENTION = "needs_attention"
    DISCARDED = "discarded"


# 待同步: the server has not confirmed the write, and the agent need not do anything
# about it; the sync engine will. An outcome of sending is recorded only over these.
PENDING: tuple[State, ...] = (State.QUEUED, State.IN_FLIGHT, State.UNCERTAIN)
# Pending and not being sent right now: what the engine may claim.
WAITING: tuple[State, ...] = tuple(s for s in PENDING if s is not State.IN_FLIGHT)


def sql_in(states: Iterable[State], column: str = "state") -> str:
    """``state IN ('queued', 'uncertain')``: the states as an SQL condition (values are fixed words)."""
    return f"{column} IN ({', '.join(repr(s.value) for s in states)})"


PENDING_SQL = sql_in(PENDING)
WAITING_SQL = sql_in(WAITING)


def is_pending(state: State) -> bool:
    return state in PENDING


# 未确认: an uncertain row (sent, and no valid answer came back) that has stayed so for
# this many tries or this long since it was recorded. It is still retried (at the
# longest wait of its backoff); the queue view marks it and ``--status`` counts it for
# IT, since a server that has swallowed one write for a day needs a person to look.
UNCONFIRMED_AFTER_TRIES = 20
UNCONFIRMED_AFTER_S = 24 * 3600.0
# The same rule as an SQL condition; its one parameter is ``unconfirmed_cutoff(now)``.
UNCONFIRMED_SQL = (
    f"state = '{State.UNCERTAIN.value}' AND (attempts >= {UNCONFIRMED_AFTER_TRIES} OR created_at <= ?)"
)


def unconfirmed_cutoff(now: float) -> float:
    """Rows recorded at or before this time have waited a day (the parameter of UNCONFIRMED_SQL)."""
    return now - UNCONFIRMED_AFTER_S


def is_unconfirmed(state: State, attempts: int, created_at: float, now: float) -> bool:
    """Whether a row is 未确认 (see UNCONFIRMED_AFTER_TRIES)."""
    return state is State.UNCERTAIN and (
        attempts >= UNCONFIRMED_AFTER_TRIES or created_at <= unconfirmed_cutoff(now)
    )


def pending_count(counts: Mapping[State, int]) -> int:
    """How many writes are 待同步, from rows per state (``Outbox.counts()``)."""
    return sum(int(counts.get(state, 0)) for state in PENDING)


_STATE_CODES = {
    State.QUEUED: StoreCode.STATE_QUEUED,
    State.IN_FLIGHT: StoreCode.STATE_IN_FLIGHT,
    State.UNCERTAIN: StoreCode.STATE_UNCERTAIN,
    State.SENT: StoreCode.STATE_SENT,
    State.ATTENTION: StoreCode.STATE_ATTENTION,
    State.DISCARDED: StoreCode.STATE_DISCARDED,
}


def state_message(state: State, maybe_duplicate: bool = False, unconfirmed: bool = False) -> Message:
    """The state as the agent reads it (待同步, 已同步(可能重复), 未确认 …): one wording everywhere."""
    if state is State.SENT and maybe_duplicate:
        return Message(StoreCode.STATE_SENT_MAYBE_TWICE)
    if state is State.UNCERTAIN and unconfirmed:
        return Message(StoreCode.STATE_UNCONFIRMED)
    return Message(_STATE_CODES[state])
