"""One owner per row in flight: a claim names its owner and a lease; nobody takes over a row
whose owner lives and whose lease runs; a dead owner or a run-out lease makes it uncertain."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from desktop_app.store.claim_owner import (
    LEASE_S,
    REQUEST_DEADLINE_S,
    ClaimOwner,
    Liveness,
    lease_for,
    liveness,
    start_mark,
    this_process,
)
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import CallLogEntry, Outbox, Outcome, State
from tests.helpers.claims import crashed_process

T0 = 1_700_000_000.0
LINUX = sys.platform.startswith("linux")


def add(store: LocalStore, n: int = 1, at: float = T0) -> list[str]:
    return [
        store.outbox().enqueue(
            "savecallback", {"n": i}, CallLogEntry(user_id=29, kind="savecallback"), now=at + i
        )
        for i in range(n)
    ]


def row(store: LocalStore, client_id: str) -> dict[str, Any]:
    found = (
        store.db()
        .execute(
            "SELECT state, claimed_by, lease_until, was_uncertain FROM outbox WHERE client_id = ?",
            (client_id,),
        )
        .fetchone()
    )
    return dict(zip(("state", "claimed_by", "lease_until", "was_uncertain"), found, strict=True))


@pytest.fixture
def other_process() -> Iterator[ClaimOwner]:
    """A live process of this PC other than this one (a child that waits on its stdin)."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        mark = start_mark(child.pid)
        assert mark is not None
        yield ClaimOwner(this_process().host, child.pid, mark, "other-token")
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=10)


def outbox_as(store: LocalStore, owner: ClaimOwner, lease_s: float = LEASE_S) -> Outbox:
    return Outbox(store.db(), server=store.server_url, owner=owner, lease_s=lease_s)


def test_the_lease_is_twice_the_request_deadline() -> None:
    assert LEASE_S == 2 * REQUEST_DEADLINE_S == lease_for(REQUEST_DEADLINE_S)
    assert lease_for(1.0) == 2.0


def test_a_claim_records_its_owner_and_lease(store: LocalStore) -> None:
    (client_id,) = add(store)
    outbox = store.outbox()
    outbox.claim_due(T0 + 5, 10)
    got = row(store, client_id)
    assert got["state"] == State.IN_FLIGHT
    assert ClaimOwner.from_key(got["claimed_by"]) == this_process()
    assert got["lease_until"] == T0 + 5 + LEASE_S


def test_a_live_owner_with_a_running_lease_is_never_taken_over(
    store: LocalStore, other_process: ClaimOwner
) -> None:
    ids = add(store, 3)
    outbox_as(store, other_process).claim_due(T0 + 5, 2)
    mine = store.outbox()
    # At start-up, during a pass, and just before the lease ends: nothing is taken.
    assert mine.recover_in_flight(T0 + 6) == 0
    assert [i.client_id for i in mine.claim_due(T0 + 6, 10)] == [ids[2]]
    assert mine.recover_in_flight(T0 + 5 + LEASE_S - 0.01) == 0
    assert [row(store, c)["state"] for c in ids[:2]] == [State.IN_FLIGHT, State.IN_FLIGHT]


def test_a_run_out_lease_makes_the_row_uncertain(store: LocalStore, other_process: ClaimOwner) -> None:
    ids = add(store, 2)
    outbox_as(store, other_process).claim_due(T0 + 5, 2)
    mine = store.outbox()
    taken = mine.claim_due(T0 + 5 + LEASE_S, 10)  # the lease ended: taken back in the same commit
    assert [i.client_id for i in taken] == ids
    assert all(row(store, c)["was_uncertain"] == 1 for c in ids)


def test_a_dead_owner_gives_its_rows_up_at_once(store: LocalStore) -> None:
    ids = add(store, 2)
    outbox_as(store, crashed_process()).claim_due(T0 + 5, 1)
    assert store.outbox().recover_in_flight(T0 + 6) == 1
    assert row(store, ids[0])["state"] == State.UNCERTAIN
    assert row(store, ids[1])["state"] == State.QUEUED


def test_an_owner_on_another_host_counts_only_by_its_lease(store: LocalStore) -> None:
    (client_id,) = add(store)
    elsewhere = dataclasses.replace(crashed_process(), host=this_process().host + "-other")
    assert liveness(elsewhere) is Liveness.UNKNOWN
    outbox_as(store, elsewhere).claim_due(T0 + 5, 1)
    assert store.outbox().recover_in_flight(T0 + 6) == 0
    assert store.outbox().recover_in_flight(T0 + 5 + LEASE_S) == 1


def test_a_row_left_in_flight_by_an_older_version_is_abandoned(store: LocalStore) -> None:
    (client_id,) = add(store)
    store.db().execute("UPDATE outbox SET state = 'in_flight' WHERE client_id = ?", (client_id,))
    assert store.outbox().recover_in_flight(T0 + 1) == 1
    assert row(store, client_id)["state"] == State.UNCERTAIN


def test_an_unreadable_owner_counts_as_gone(store: LocalStore) -> None:
    (client_id,) = add(store)
    store.db().execute(
        "UPDATE outbox SET state = 'in_flight', claimed_by = 'garbage', lease_until = ? WHERE client_id = ?",
        (T0 + 1000, client_id),
    )
    assert store.outbox().recover_in_flight(T0 + 1) == 1


def test_two_engines_of_one_process_do_not_take_each_others_rows(store: LocalStore) -> None:
    ids = add(store, 2)
    first, second = this_process().claimant(), this_process().claimant()
    outbox_as(store, first).claim_due(T0 + 5, 1)
    assert outbox_as(store, second).recover_in_flight(T0 + 6) == 0
    assert [i.client_id for i in outbox_as(store, second).claim_due(T0 + 6, 10)] == [ids[1]]


def test_keep_claim_renews_the_lease_when_it_runs_low(store: LocalStore) -> None:
    ids = add(store, 2)
    outbox = outbox_as(store, this_process().claimant(), lease_s=10.0)
    outbox.claim_due(T0 + 5, 2)
    assert outbox.keep_claim(ids[0], T0 + 8)  # plenty left: nothing written
    assert row(store, ids[1])["lease_until"] == T0 + 15
    assert outbox.keep_claim(ids[1], T0 + 12)  # less than half left: renewed for all its rows
    assert [row(store, c)["lease_until"] for c in ids] == [T0 + 22, T0 + 22]


def test_keep_claim_says_when_another_took_the_row_over(store: LocalStore, other_process: ClaimOwner) -> None:
    (client_id,) = add(store)
    slow = outbox_as(store, this_process().claimant(), lease_s=10.0)
    slow.claim_due(T0 + 5, 1)
    taken = outbox_as(store, other_process).claim_due(T0 + 16, 1)  # the lease ran out meanwhile
    assert [i.client_id for i in taken] == [client_id]
    assert slow.keep_claim(client_id, T0 + 16) is False


def test_an_outcome_does_not_requeue_a_row_another_now_sends(
    store: LocalStore, other_process: ClaimOwner
) -> None:
    ids = add(store, 2)
    slow = outbox_as(store, this_process().claimant(), lease_s=10.0)
    slow.claim_due(T0 + 5, 2)
    outbox_as(store, other_process).claim_due(T0 + 16, 2)
    error = msg(ApiCode.READ_TIMEOUT)
    slow.record([Outcome.retry(ids[0], error, T0 + 20, uncertain=True)], [ids[1]], T0 + 17)
    assert [row(store, c)["state"] for c in ids] == [State.IN_FLIGHT, State.IN_FLIGHT]
    assert {row(store, c)["claimed_by"] for c in ids} == {other_process.key()}
    slow.record([Outcome.sent(ids[0])], [], T0 + 18)  # a success is a fact: the server has it
    got = store.outbox().get(ids[0])
    assert got is not None and got.state is State.SENT and got.maybe_duplicate


def test_release_claims_lets_go_of_what_an_engine_holds(store: LocalStore, other_process: ClaimOwner) -> None:
    ids = add(store, 3)
    engine = outbox_as(store, this_process().claimant())
    engine.claim_due(T0 + 5, 2)
    outbox_as(store, other_process).claim_due(T0 + 5, 1)
    assert engine.release_claims([*ids, "unknown"], T0 + 6) == 2  # not the other's, nor one not held
    assert [row(store, c)["state"] for c in ids] == [State.UNCERTAIN, State.UNCERTAIN, State.IN_FLIGHT]


def test_this_process_is_alive() -> None:
    assert liveness(this_process()) is Liveness.ALIVE
    assert liveness(this_process().claimant()) is Liveness.ALIVE


@pytest.mark.skipif(not LINUX, reason="process start marks from /proc")
def test_a_finished_process_is_dead_even_before_it_is_reaped() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    mark = start_mark(child.pid)
    assert mark is not None and mark.startswith("t")
    owner = ClaimOwner(this_process().host, child.pid, mark, "t")
    assert liveness(owner) is Liveness.ALIVE
    assert child.stdin is not None
    child.stdin.close()
    # A zombie (exited, not yet waited for) is dead already.
    end = time.monotonic() + 10
    while not _zombie(child.pid) and time.monotonic() < end:
        os.sched_yield()
    assert liveness(owner) is Liveness.DEAD
    child.wait(timeout=10)
    assert liveness(owner) is Liveness.DEAD


@pytest.mark.skipif(not LINUX, reason="process start marks from /proc")
def test_a_reused_process_id_is_not_the_owner() -> None:
    reused = dataclasses.replace(this_process(), start="t1", token="x")
    assert liveness(reused) is Liveness.DEAD


def _zombie(pid: int) -> bool:
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        return f.read().rsplit(")", 1)[1].split()[0] == "Z"


def test_an_owner_key_round_trips() -> None:
    owner = this_process()
    assert ClaimOwner.from_key(owner.key()) == owner
    assert ClaimOwner.from_key("[1, 2]") is None
    assert ClaimOwner.from_key("not json") is None
