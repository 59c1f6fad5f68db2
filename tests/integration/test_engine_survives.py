"""The sync engine does not die: an error of the program in a pass, a database kept busy
past its timeout, a disk that refuses the outcome — each is waited out or settled, and
the next rows are sent. Real demo server over loopback, real SQLite files."""

from __future__ import annotations

import logging
import random
import sqlite3
import threading
from typing import Any

import httpx
import pytest

from desktop_app.api import ApiClient
from desktop_app.demo.server import DemoServer
from desktop_app.domain.codes import StoreCode, SyncCode
from desktop_app.domain.messages import msg
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreFull
from desktop_app.store.outbox import Outbox, State
from desktop_app.sync.engine import SyncEngine
from tests.helpers import writes
from tests.helpers.waiting import wait_for
from tests.helpers.writes import feedback


def enqueue(store: LocalStore, owner: str) -> str:
    return writes.enqueue(store, feedback(owner))


def owners(server: DemoServer) -> list[str]:
    return [str(w.payload["owner_name"]) for w in server.writes()]


def engine_for(store: LocalStore, http: httpx.Client, server: DemoServer) -> SyncEngine:
    return SyncEngine(
        store, http, server.base_url, rng=random.Random(5), backoff_base_s=0.05, backoff_cap_s=0.2
    )


@pytest.mark.logs_errors("unexpected error")
def test_an_error_of_the_program_in_a_pass_is_survived(
    demo_server: DemoServer,
    store: LocalStore,
    http: httpx.Client,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A bug while sending one row: that row may have gone out (uncertain), the row behind
    it had not (released as it was), and the engine goes on with both."""
    real_send = ApiClient.send_write
    broke: list[str] = []

    def send_then_break(self: ApiClient, action: str, payload: Any) -> None:
        real_send(self, action, payload)  # it reaches the server …
        if not broke:
            broke.append(payload["owner_name"])
            raise RuntimeError("a bug after sending")  # … and then the program fails

    monkeypatch.setattr(ApiClient, "send_write", send_then_break)
    caplog.set_level(logging.ERROR, logger="desktop_app.sync.engine")
    first, second = enqueue(store, "first"), enqueue(store, "second")
    engine = engine_for(store, http, demo_server)
    engine.start()
    try:
        wait_for(lambda: owners(demo_server) == ["first", "second"])
        wait_for(lambda: engine.status().uncertain == 1 and engine.status().queued == 0)
        failed = store.outbox().get(first)
        assert failed is not None and failed.state is State.UNCERTAIN
        assert failed.last_error == msg(SyncCode.PASS_FAILED, "RuntimeError")
        behind = store.outbox().get(second)
        assert behind is not None and behind.state is State.SENT and not behind.maybe_duplicate
        assert engine.status().last_error is None  # nothing for the status bar: no restart asked
        engine.sync_now()
        wait_for(lambda: engine.status().pending == 0)
        # The engine keeps working for new rows too.
        enqueue(store, "third")
        engine.wake()
        wait_for(lambda: owners(demo_server)[-1:] == ["third"])
    finally:
        engine.stop()
    resent = store.outbox().get(first)
    assert resent is not None and resent.state is State.SENT and resent.maybe_duplicate
    assert owners(demo_server) == ["first", "second", "first", "third"]
    assert any("unexpected error" in r.getMessage() for r in caplog.records)


def test_a_database_busy_past_its_timeout_is_waited_out(
    demo_server: DemoServer, store: LocalStore, http: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="desktop_app.sync.engine")
    enqueue(store, "waited")
    holder = sqlite3.connect(str(store.path), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    engine = engine_for(store, http, demo_server)
    engine.start()
    try:
        wait_for(lambda: any("busy" in r.getMessage() for r in caplog.records), 20)
        assert owners(demo_server) == []
        holder.execute("ROLLBACK")
        wait_for(lambda: owners(demo_server) == ["waited"])
        wait_for(lambda: engine.status().pending == 0)
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
        engine.stop()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.logs_errors("stopped by the local database")
def test_an_outcome_the_disk_refused_is_recorded_later_not_resent(
    demo_server: DemoServer, store: LocalStore, http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server said ok, then the disk refused to record it (twice): the engine keeps
    the outcome and records it when the disk takes it; nothing is sent again."""
    real_record = Outbox.record
    refusals = [2]
    lock = threading.Lock()

    def refusing_record(self: Outbox, outcomes: Any, release: Any, now: float) -> None:
        outcomes = list(outcomes)
        with lock:
            if outcomes and refusals[0] > 0:
                refusals[0] -= 1
                raise StoreFull(msg(StoreCode.DISK_FULL, "database or disk is full"))
        real_record(self, outcomes, release, now)

    monkeypatch.setattr(Outbox, "record", refusing_record)
    client_id = enqueue(store, "once")
    engine = engine_for(store, http, demo_server)
    summary = engine.drain(deadline_s=10)
    assert summary.errors == [msg(StoreCode.DISK_FULL, "database or disk is full")]
    row = store.outbox().get(client_id)
    assert row is not None and row.state is State.IN_FLIGHT  # not recorded yet …
    engine.drain(deadline_s=10)
    row = store.outbox().get(client_id)
    assert row is not None and row.state is State.SENT and not row.maybe_duplicate  # … now it is
    assert owners(demo_server) == ["once"]
