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


def state_message(state: State, maybe_duplicate: bool = False) -> Message:
    """The state as the agent reads it (待同步, 已同步(可能重复) …): one wording everywhere."""
    if state is State.SENT and maybe_duplicate:
        return Message(StoreCode.STATE_SENT_MAYBE_TWICE)
    return Message(_STATE_CODES[state])
