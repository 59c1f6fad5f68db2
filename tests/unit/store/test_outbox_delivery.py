"""What the outbox keeps of each try: only a write that left the PC counts, and a row
that never got a valid answer for 20 tries or a day is 未确认 (and still retried)."""

from __future__ import annotations

from desktop_app.domain.codes import ApiCode, StoreCode
from desktop_app.domain.messages import msg
from desktop_app.domain.outbox_states import (
    UNCONFIRMED_AFTER_S,
    UNCONFIRMED_AFTER_TRIES,
    is_unconfirmed,
    state_message,
)
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import Outcome, State
from tests.helpers import writes
from tests.helpers.writes import feedback

T0 = 1_700_000_000.0
DAY = UNCONFIRMED_AFTER_S
OFFLINE = msg(ApiCode.UNREACHABLE)
TIMEOUT = msg(ApiCode.READ_TIMEOUT)


def add(store: LocalStore, owner: str, at: float = T0) -> str:
    return writes.enqueue(store, feedback(owner), at=at)


def fail_once(store: LocalStore, client_id: str, now: float, *, uncertain: bool, attempted: bool) -> None:
    outbox = store.outbox()
    claimed = {i.client_id for i in outbox.claim_due(now, 100)}
    assert client_id in claimed
    error = TIMEOUT if uncertain else OFFLINE
    others = claimed - {client_id}  # handed back untried
    outbox.record([Outcome.retry(client_id, error, now, uncertain, attempted)], others, now)


def test_a_try_that_never_left_the_pc_is_not_counted(store: LocalStore) -> None:
    client_id = add(store, "甲")
    for n in range(3):
        fail_once(store, client_id, T0 + n, uncertain=False, attempted=False)
    got = store.outbox().get(client_id)
    assert got is not None
    assert (got.state, got.attempts, got.last_error) == (State.QUEUED, 0, OFFLINE)
    fail_once(store, client_id, T0 + 5, uncertain=True, attempted=True)
    got = store.outbox().get(client_id)
    assert got is not None and (got.state, got.attempts) == (State.UNCERTAIN, 1)
    fail_once(store, client_id, T0 + 6, uncertain=False, attempted=False)  # offline afterwards
    got = store.outbox().get(client_id)
    assert got is not None and (got.state, got.attempts) == (State.UNCERTAIN, 1)


def test_twenty_unanswered_tries_make_a_row_unconfirmed(store: LocalStore) -> None:
    client_id = add(store, "乙")
    for n in range(UNCONFIRMED_AFTER_TRIES - 1):
        fail_once(store, client_id, T0 + n, uncertain=True, attempted=True)
    now = T0 + 100
    got = store.outbox().get(client_id)
    assert got is not None and not got.unconfirmed(now)
    assert store.outbox().unconfirmed_count(now) == 0
    fail_once(store, client_id, now, uncertain=True, attempted=True)
    got = store.outbox().get(client_id)
    assert got is not None and got.unconfirmed(now) and got.attempts == UNCONFIRMED_AFTER_TRIES
    assert store.outbox().unconfirmed_count(now) == 1
    # Still retried: it is due again and can still be sent.
    [again] = store.outbox().claim_due(now, 10)
    assert again.client_id == client_id
    store.outbox().record([Outcome.sent(client_id)], [], now + 1)
    assert store.outbox().unconfirmed_count(now + 1) == 0


def test_a_day_without_a_valid_answer_makes_a_row_unconfirmed(store: LocalStore) -> None:
    old = add(store, "丙", T0)
    young = add(store, "丁", T0 + DAY / 2)
    offline = add(store, "戊", T0)  # never left the PC: queued, not unconfirmed
    for client_id in (old, young):
        fail_once(store, client_id, T0 + DAY / 2, uncertain=True, attempted=True)
    fail_once(store, offline, T0 + DAY / 2, uncertain=False, attempted=False)
    now = T0 + DAY
    flags = {c: store.outbox().get(c).unconfirmed(now) for c in (old, young, offline)}  # type: ignore[union-attr]
    assert flags == {old: True, young: False, offline: False}
    assert store.outbox().unconfirmed_count(now) == 1


def test_the_rule_and_its_words() -> None:
    assert is_unconfirmed(State.UNCERTAIN, UNCONFIRMED_AFTER_TRIES, T0, T0)
    assert is_unconfirmed(State.UNCERTAIN, 1, T0, T0 + DAY)
    assert not is_unconfirmed(State.UNCERTAIN, 1, T0, T0 + DAY - 1)
    for state in (State.QUEUED, State.IN_FLIGHT, State.SENT, State.ATTENTION, State.DISCARDED):
        assert not is_unconfirmed(state, 99, T0, T0 + 2 * DAY)
    assert state_message(State.UNCERTAIN, unconfirmed=True) == msg(StoreCode.STATE_UNCONFIRMED)
    assert state_message(State.UNCERTAIN) == msg(StoreCode.STATE_UNCERTAIN)
