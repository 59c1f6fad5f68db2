"""Where the phone card stands: one explicit state machine, and why a card is not shown.

The card of the work screen is always in exactly one ``CardState``; ``CallFlow`` moves
it only along ``ALLOWED`` and refuses anything else, so an answer that arrives late (a
phone fetched for a card answered meanwhile, a window already closed) can never leave
the card half-updated. Plain Python: the rules are read and tested without Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from desktop_app.domain.messages import Message


class CardState(Enum):
    EMPTY = "empty"  # no card; the reason is shown in its place
    FETCHING = "fetching"  # no card; the next phone is on its way from the server
    SHOWN = "shown"  # a card is up, waiting for the agent's feedback
    SKIPPING = "skipping"  # a card is up and its replacement is on its way (F5, reserve empty)
    UNREACHABLE = "unreachable"  # no card: the server was not reached, the reserve is empty
    CLOSED = "closed"  # the window closed: nothing happens any more


_S = CardState
ALLOWED: Mapping[CardState, frozenset[CardState]] = {
    _S.EMPTY: frozenset({_S.SHOWN, _S.FETCHING, _S.CLOSED}),
    _S.UNREACHABLE: frozenset({_S.SHOWN, _S.FETCHING, _S.CLOSED}),
    # the phone arrives; the server refuses or fails; it cannot be reached
    _S.FETCHING: frozenset({_S.SHOWN, _S.EMPTY, _S.UNREACHABLE, _S.CLOSED}),
    # the next card from the reserve; F5 with the reserve empty; answered
    _S.SHOWN: frozenset({_S.SHOWN, _S.SKIPPING, _S.EMPTY, _S.CLOSED}),
    # the replacement arrives (or fails: the card stays); answered while it is on its way
    _S.SKIPPING: frozenset({_S.SHOWN, _S.FETCHING, _S.CLOSED}),
    _S.CLOSED: frozenset(),
}

FETCH_ON_ITS_WAY = frozenset({CardState.FETCHING, CardState.SKIPPING})


class IllegalTransition(RuntimeError):
    """A move the table does not allow: a bug in the call flow, never the agent's doing."""


def check(before: CardState, after: CardState) -> None:
    if after not in ALLOWED[before]:
        raise IllegalTransition(f"card state {before.value} → {after.value} is not allowed")


class Reason(Enum):
    """Why there is no card (or, under a card, what the agent should know)."""

    LOADING_PROJECTS = "loading projects"
    NO_PACKAGE = "no package chosen"
    INACTIVE = "user not active"
    NO_PROJECTS = "no project list offline"
    NO_PACKAGES = "no package list offline"
    PACKAGES_REFUSED = "packages refused"  # detail: the core's message (the server's words)
    PHONE_REFUSED = "phone refused"  # detail: the core's message (the server's words: call 完 …)
    UNREACHABLE = "server unreachable, reserve empty"
    SERVER_ERROR = "server answered oddly"  # detail: the core's message
    FETCH_FAILED = "fetch failed"  # detail: the error
    RECORDED = "feedback recorded"  # detail: the feedback item's name


@dataclass(frozen=True)
class Why:
    reason: Reason
    detail: str | Message = ""  # a name or an error as text, or what the core reported
