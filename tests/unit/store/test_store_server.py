"""Rows bound to their server: made for the session's entry server, claimed only by an engine
of that server; older rows bound once to the configured server; moved or discarded with audit."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from desktop_app.store.db import DB_FILENAME, LocalStore
from desktop_app.store.errors import StoreError
from desktop_app.store.migrations import migrations
from desktop_app.store.outbox import CallLogEntry, Outbox, Outcome, State
from tests.helpers.writes import audit_rows, settle

T0 = 1_700_000_000.0
A = "http://127.0.0.1:8001/estate"
B = "http://127.0.0.1:8002/estate"


def add(store: LocalStore, marker: str, at: float = T0) -> str:
    entry = CallLogEntry(user_id=29, kind="savecallback")
    return store.outbox().enqueue("savecallback", {"m": marker}, entry, now=at)


def server_of(store: LocalStore, client_id: str) -> str | None:
    found = store.outbox().get(client_id)
    assert found is not None
    return found.server


def test_a_row_records_the_entry_server_in_its_one_spelling(data_dir: Path) -> None:
    store = LocalStore(data_dir, server_url="HTTP://127.0.0.1:8001/estate/")
    try:
        client_id = add(store, "a")
        assert server_of(store, client_id) == A
    finally:
        store.close()


def test_an_engine_claims_only_the_rows_of_its_server(data_dir: Path) -> None:
    with_a = LocalStore(data_dir, server_url=A)
    made_for_a = add(with_a, "a")
    with_a.close()
    with_b = LocalStore(data_dir, server_url=B)
    try:
        made_for_b = add(with_b, "b", T0 + 1)
        outbox = with_b.outbox()
        assert [i.client_id for i in outbox.claim_due(T0 + 10, 10)] == [made_for_b]
        assert outbox.earliest_due() is None  # A's row is not due here: the engine sleeps
        assert outbox.pending_here() == 1  # the one in flight
        assert outbox.pending_elsewhere() == {A: 1}
        assert server_of(with_b, made_for_a) == A
    finally:
        with_b.close()


def test_rows_bound_to_no_server_are_bound_at_the_first_open_that_knows_one(data_dir: Path) -> None:
    unbound = LocalStore(data_dir)  # no server configured (yet)
    client_id = add(unbound, "x")
    assert server_of(unbound, client_id) is None
    unbound.close()
    store = LocalStore(data_dir, server_url=A)
    store.close()
    store = LocalStore(data_dir, server_url=B)  # a later change of the setting does not move it
    try:
        assert server_of(store, client_id) == A
        assert store.outbox().pending_elsewhere() == {A: 1}
    finally:
        store.close()


def test_the_migration_binds_rows_of_an_older_version_to_the_configured_server(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db = sqlite_utils.Database(data_dir / DB_FILENAME)
    migrations.apply(db, stop_before="0011_outbox_claim_owner")
    for n, state in enumerate(("queued", "in_flight", "sent")):
        db.execute(
            "INSERT INTO outbox (client_id, kind, payload, user_id, created_at, next_attempt_at, state, updated_at)"
            " VALUES (?, 'savecallback', '{}', 29, ?, ?, ?, ?)",
            (f"old-{n}", T0 + n, T0 + n, state, T0 + n),
        )
    db.conn.commit()
    db.close()

    store = LocalStore(data_dir, server_url=A + "/")
    try:
        assert {server_of(store, f"old-{n}") for n in range(3)} == {A}
        outbox = store.outbox()
        assert outbox.recover_in_flight(T0 + 5) == 1  # in flight under the old version: no owner
        claimed = outbox.claim_due(T0 + 5, 10)
        assert [i.client_id for i in claimed] == ["old-0", "old-1"]
        assert store.outbox().get("old-1").state is State.IN_FLIGHT  # type: ignore[union-attr]
    finally:
        store.close()


def test_rebind_sends_the_old_servers_rows_to_this_one_with_audit(data_dir: Path) -> None:
    store = LocalStore(data_dir, server_url=A)
    ids = [add(store, f"a{n}", T0 + n) for n in range(3)]
    refused = ids[2]
    settle(store, [Outcome.attention(refused, msg(ApiCode.REFUSED, "传入数据错误"))], T0 + 6)
    store.close()
    store = LocalStore(data_dir, server_url=B)
    try:
        outbox = store.outbox()
        assert outbox.rebind(A, T0 + 10) == 2  # the refused row waits for the agent, not for a server
        assert [server_of(store, c) for c in ids] == [B, B, A]
        assert outbox.pending_elsewhere() == {}
        assert [a["action"] for a in audit_rows(store, ids[0])] == ["rebind"]
        assert A in audit_rows(store, ids[0])[0]["reason"] and B in audit_rows(store, ids[0])[0]["reason"]
        assert [i.client_id for i in outbox.claim_due(T0 + 10, 10)] == ids[:2]
    finally:
        store.close()


def test_discard_gives_the_old_servers_rows_up_with_audit(data_dir: Path) -> None:
    store = LocalStore(data_dir, server_url=A)
    ids = [add(store, f"a{n}", T0 + n) for n in range(2)]
    store.close()
    store = LocalStore(data_dir, server_url=B)
    try:
        outbox = store.outbox()
        assert outbox.discard_bound_to(A, "服务器已更换", T0 + 10) == 2
        assert {store.outbox().get(c).state for c in ids} == {State.DISCARDED}  # type: ignore[union-attr]
        assert audit_rows(store, ids[1])[0]["action"] == "discard"
        assert audit_rows(store, ids[1])[0]["reason"] == "服务器已更换"
        assert outbox.pending_elsewhere() == {}
    finally:
        store.close()


def test_rebind_needs_a_server_to_bind_to(data_dir: Path) -> None:
    store = LocalStore(data_dir)
    try:
        with pytest.raises(StoreError):
            store.outbox().rebind(A, T0)
    finally:
        store.close()


def test_a_training_database_follows_the_demo_server_wherever_it_runs(data_dir: Path) -> None:
    store = LocalStore(data_dir, server_url=A, training=True)
    client_id = add(store, "t")
    store.close()
    store = LocalStore(data_dir, server_url=B, training=True)  # the demo server got another port
    try:
        assert server_of(store, client_id) == B
        assert [i.client_id for i in store.outbox().claim_due(T0 + 1, 5)] == [client_id]
    finally:
        store.close()


def test_an_outbox_without_a_server_claims_only_unbound_rows(data_dir: Path) -> None:
    store = LocalStore(data_dir, server_url=A)
    add(store, "a")
    try:
        assert Outbox(store.db()).claim_due(T0 + 1, 5) == []
    finally:
        store.close()
