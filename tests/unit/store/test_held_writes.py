"""The undo window in the store: a held row is not claimed, and only its end, undo,
correction, logout/quit or a start after its process is gone release it; 立即同步 does not."""

from __future__ import annotations

import os

from desktop_app.store import holds
from desktop_app.store.claim_owner import ClaimOwner, host_name, start_mark, this_process
from desktop_app.store.db import LocalStore
from desktop_app.store.held_writes import UNDO_REASON, HeldWrites
from desktop_app.store.outbox import CallLogEntry, State
from tests.helpers.claims import crashed_process
from tests.helpers.writes import audit_rows, feedback

T0 = 1_700_000_000.0
WINDOW = 5.0


def held(store: LocalStore, item: str = "继续跟进", at: float = T0) -> str:
    entry = CallLogEntry(user_id=29, kind="savecallback", item_name=item, phone_no="13800138000")
    return store.outbox().enqueue("savecallback", feedback(item=item), entry, now=at, hold_until=at + WINDOW)


def claimed(store: LocalStore, now: float) -> list[str]:
    return [i.client_id for i in store.outbox().claim_due(now, 100)]


def test_a_held_row_is_committed_but_not_claimed_until_its_window_ends(store: LocalStore) -> None:
    client_id = held(store)
    assert store.outbox().get(client_id) is not None  # committed at the key press
    assert claimed(store, T0 + 1) == []
    assert store.outbox().earliest_due() == T0 + WINDOW  # the engine wakes when the hold ends
    assert claimed(store, T0 + WINDOW) == [client_id]


def test_sync_now_does_not_release_a_hold(store: LocalStore) -> None:
    client_id = held(store)
    store.outbox().wake_all(T0 + 1)
    assert claimed(store, T0 + 1) == []
    assert HeldWrites(store.db()).is_held(client_id, T0 + 1)


def test_undo_discards_the_row_with_an_audit_row_and_it_is_never_claimed(store: LocalStore) -> None:
    client_id = held(store)
    assert HeldWrites(store.db()).undo(client_id, T0 + 2)
    item = store.outbox().get(client_id)
    assert item is not None and item.state is State.DISCARDED
    assert [(a["action"], a["reason"]) for a in audit_rows(store, client_id)] == [("discard", UNDO_REASON)]
    assert claimed(store, T0 + 60) == []


def test_undo_after_the_window_or_the_claim_is_refused(store: LocalStore) -> None:
    client_id = held(store)
    assert not HeldWrites(store.db()).undo(client_id, T0 + WINDOW)  # the window is over
    assert claimed(store, T0 + WINDOW) == [client_id]
    assert not HeldWrites(store.db()).undo(client_id, T0 + 1)  # on its way: too late at any time
    item = store.outbox().get(client_id)
    assert item is not None and item.state is State.IN_FLIGHT


def test_a_correction_inside_the_window_replaces_the_payload_and_releases_it(store: LocalStore) -> None:
    client_id = held(store, item="继续跟进")
    assert HeldWrites(store.db()).replace(client_id, feedback(item="接受邀请"), T0 + 1)
    batch = store.outbox().claim_due(T0 + 1, 100)  # released: sent at once
    assert [(i.client_id, i.payload["call_back_item_name"]) for i in batch] == [(client_id, "接受邀请")]
    old = [a["old_payload"]["call_back_item_name"] for a in audit_rows(store, client_id)]
    assert old == ["继续跟进"]
    logged = store.db().execute("SELECT item_name FROM call_log WHERE client_id = ?", (client_id,)).fetchall()
    assert logged == [("接受邀请",)]  # one call, corrected


def test_a_correction_after_the_window_is_refused(store: LocalStore) -> None:
    client_id = held(store)
    assert not HeldWrites(store.db()).replace(client_id, feedback(item="接受邀请"), T0 + WINDOW + 1)


def test_release_sends_at_once_and_logout_releases_this_runs_holds(store: LocalStore) -> None:
    first, second = held(store), held(store)
    HeldWrites(store.db()).release(first)
    assert claimed(store, T0 + 1) == [first]
    assert HeldWrites(store.db()).release_mine(user_id=29) == 1
    assert claimed(store, T0 + 1) == [second]


def set_owner(store: LocalStore, client_id: str, owner: str | None) -> None:
    store.db().execute("UPDATE outbox SET hold_owner = ? WHERE client_id = ?", (owner, client_id))


def test_a_start_releases_only_the_holds_of_a_process_that_is_gone(store: LocalStore) -> None:
    mine, living, crashed, old_format, no_owner = (held(store) for _ in range(5))
    parent = os.getppid()  # the process that started the tests: it runs while they do
    set_owner(store, living, ClaimOwner(host_name(), parent, start_mark(parent) or "", "window").key())
    set_owner(store, crashed, crashed_process().key())
    set_owner(store, old_format, "4242-0f3e9a")  # a key an older version wrote: names no owner
    set_owner(store, no_owner, None)
    assert HeldWrites(store.db()).release_gone_owners() == 3
    assert sorted(claimed(store, T0 + 1)) == sorted([crashed, old_format, no_owner])
    assert HeldWrites(store.db()).is_held(mine, T0 + 1) and HeldWrites(store.db()).is_held(living, T0 + 1)
    assert sorted(claimed(store, T0 + WINDOW)) == sorted([mine, living])  # at their own time
    assert this_process().key() == holds.HOLD_OWNER  # a hold names its process as a claim does
