"""The sync engine against the real demo server over loopback, with real SQLite files."""

from __future__ import annotations

import collections
import random
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from desktop_app.api import CallRecord, make_http_client
from desktop_app.demo.server import DemoServer
from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import State
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.status import SyncStatus
from tests.helpers import writes
from tests.helpers.fakes import fast_engine
from tests.helpers.waiting import wait_for
from tests.helpers.writes import customer, feedback

MARKER_KEY = {"savecallback": "owner_name", "save_to_customer": "customer_name"}


def enqueue(store: LocalStore, kind: str, marker: str) -> str:
    """A write whose marker (owner or customer name) identifies it on the server."""
    payload = feedback(marker) if kind == "savecallback" else customer(marker)
    return writes.enqueue(store, payload)


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """Half-second timeouts: a hung server is noticed quickly."""
    with make_http_client(0.5, 0.5) as client:
        yield client


def test_drain_sends_everything_once_in_order(store: LocalStore, http: httpx.Client) -> None:
    with DemoServer() as server:
        for i in range(20):
            enqueue(store, "savecallback", f"m{i}")
        summary = fast_engine(store, http, server.base_url).drain()
        assert summary.sent == 20
        assert [w.payload["owner_name"] for w in server.writes("savecallback")] == [
            f"m{i}" for i in range(20)
        ]
    counts = store.outbox().counts()
    assert counts[State.SENT] == 20 and counts[State.QUEUED] == 0


def test_payload_goes_on_the_wire_exactly_as_queued(store: LocalStore, http: httpx.Client) -> None:
    with DemoServer() as server:
        payload = customer('引号 "quoted" 和 \\ 反斜杠')
        writes.enqueue(store, payload)
        fast_engine(store, http, server.base_url).drain()
        assert [w.payload for w in server.writes("save_to_customer")] == [payload]


def test_a_refused_row_does_not_block_the_rows_behind_it(store: LocalStore, http: httpx.Client) -> None:
    with DemoServer() as server:
        enqueue(store, "savecallback", "before")
        bad = dict(feedback("bad"))
        del bad["call_back_item_name"]
        bad_id = writes.enqueue(store, bad)
        enqueue(store, "savecallback", "after")
        summary = fast_engine(store, http, server.base_url).drain()
        assert [w.payload["owner_name"] for w in server.writes("savecallback")] == ["before", "after"]
    assert summary.attention == 1
    item = store.outbox().get(bad_id)
    assert item is not None and item.state is State.ATTENTION
    assert item.last_error == msg(ApiCode.REFUSED, "传入数据错误")


def test_rows_of_every_user_are_synced(store: LocalStore, http: httpx.Client) -> None:
    with DemoServer() as server:
        for user_id in (29, 30, 31):
            writes.enqueue(store, feedback(f"u{user_id}", user_id=user_id))
        fast_engine(store, http, server.base_url).drain()
        assert sorted(w.payload["user_id"] for w in server.writes()) == [29, 30, 31]


# -- the fault matrix ------------------------------------------------------------------

# fault switch -> the state after a drain under the fault. Only a refused connection
# proves the server never saw the write; once its body went out, a proxy's 502, a
# portal's page or a body that is not JSON leave it uncertain (the demo server did not
# record it, but the client cannot know that): resent, and flagged if that succeeds.
FAULTS: dict[str, State] = {
    "down": State.QUEUED,
    "lost_reply": State.UNCERTAIN,
    "hang": State.UNCERTAIN,
    "proxy_502": State.UNCERTAIN,
    "portal_html": State.UNCERTAIN,
    "non_json": State.UNCERTAIN,
    "gbk_html": State.SENT,
    "numbers_as_strings": State.SENT,
    "refuse_writes": State.ATTENTION,
    "latency_s": State.SENT,
}


def switch(server: DemoServer, fault: str, on: bool) -> None:
    if fault == "down":
        server.set_down(on)
    elif fault == "latency_s":
        server.faults.latency_s = 0.05 if on else 0.0
    else:
        setattr(server.faults, fault, on)


@pytest.mark.parametrize("kind", ["savecallback", "save_to_customer"])
@pytest.mark.parametrize("fault", list(FAULTS))
def test_fault_matrix(fault: str, kind: str, store: LocalStore, http: httpx.Client) -> None:
    with DemoServer() as server:
        client_id = enqueue(store, kind, f"{fault}-{kind}")
        engine = fast_engine(store, http, server.base_url)
        engine.drain(deadline_s=5)  # resolve the server while it is healthy
        assert store.outbox().get(client_id).state is State.SENT  # type: ignore[union-attr]
        server.reset()

        client_id = enqueue(store, kind, f"{fault}-{kind}-2")
        switch(server, fault, True)
        engine.drain(deadline_s=5)
        item = store.outbox().get(client_id)
        assert item is not None
        assert item.state is FAULTS[fault], (fault, item)
        if FAULTS[fault] is not State.ATTENTION:
            assert store.outbox().counts()[State.ATTENTION] == 0, "a server fault must not blame the row"
        else:
            assert item.last_error == msg(ApiCode.REFUSED, "传入数据错误")
        if FAULTS[fault] in (State.QUEUED, State.UNCERTAIN):
            assert engine.status().online is False

        switch(server, fault, False)
        engine.sync_now()
        engine.drain(deadline_s=5)
        item = store.outbox().get(client_id)
        assert item is not None
        if FAULTS[fault] is State.ATTENTION:
            assert item.state is State.ATTENTION
            assert server.writes(kind) == []
            return
        assert item.state is State.SENT
        markers = [w.payload[MARKER_KEY[kind]] for w in server.writes(kind)]
        if FAULTS[fault] is State.UNCERTAIN:
            assert item.maybe_duplicate
            # lost_reply records the write before dropping the answer; the others never pass it on.
            assert markers == [f"{fault}-{kind}-2"] * (2 if fault == "lost_reply" else 1)
        else:
            assert markers == [f"{fault}-{kind}-2"]
            assert not item.maybe_duplicate
        assert engine.status().online is True


def test_named_server_failure_falls_back_to_the_entry_url(store: LocalStore, http: httpx.Client) -> None:
    with DemoServer() as server:
        server.set_server_url("127.0.0.1:9/estate")  # nothing listens on the discard port
        enqueue(store, "savecallback", "x")
        engine = fast_engine(store, http, server.base_url)
        engine.drain(deadline_s=5)
        engine.drain(deadline_s=5)
        assert [w.payload["owner_name"] for w in server.writes()] == ["x"]
        assert engine.status().base_url == server.base_url


def test_no_server_configured_keeps_everything_queued(store: LocalStore, http: httpx.Client) -> None:
    enqueue(store, "savecallback", "x")
    engine = SyncEngine(store, http, None)
    summary = engine.drain(deadline_s=1)
    assert summary.sent == 0
    assert engine.status().base_url is None
    assert store.outbox().counts()[State.QUEUED] == 1


# -- the worker thread -----------------------------------------------------------------


def test_worker_wakes_on_enqueue_and_reports_status(store: LocalStore, http: httpx.Client) -> None:
    seen: list[SyncStatus] = []
    with DemoServer() as server:
        engine = fast_engine(store, http, server.base_url, on_status=seen.append)
        engine.start()
        try:
            wait_for(lambda: engine.status().online is True)
            enqueue(store, "savecallback", "a")
            engine.wake()
            wait_for(lambda: len(server.writes()) == 1, 5)
            wait_for(lambda: engine.status().last_success is not None and engine.status().queued == 0)
            server.set_down(True)
            enqueue(store, "savecallback", "b")
            engine.wake()
            wait_for(lambda: engine.status().online is False and engine.status().queued == 1)
            server.set_down(False)
            wait_for(lambda: len(server.writes()) == 2, 10)
            wait_for(lambda: engine.status().online is True and engine.status().queued == 0)
        finally:
            engine.stop()
    assert any(s.online is False for s in seen) and seen[-1].online is True


def test_flapping_network_delivers_all_500_without_duplicates(store: LocalStore, http: httpx.Client) -> None:
    """Down/up every 1–2 s for 30 s while 500 writes are enqueued (connection refused only)."""
    rng = random.Random(5)
    stop = threading.Event()
    with DemoServer() as server:

        def flap() -> None:
            end = time.monotonic() + 30
            down = False
            while time.monotonic() < end and not stop.is_set():
                stop.wait(rng.uniform(1.0, 2.0))  # the flapping itself: up or down for 1–2 s
                down = not down
                server.set_down(down)
            server.set_down(False)

        flapper = threading.Thread(target=flap)
        engine = fast_engine(store, http, server.base_url)
        engine.start()
        flapper.start()
        try:
            for i in range(500):
                kind = "savecallback" if i % 5 else "save_to_customer"
                enqueue(store, kind, f"f{i}")
                engine.wake()
                # Pacing, not waiting for anything: the 500 writes are spread over ~28 s of flapping.
                time.sleep(0.055)
            flapper.join()
            wait_for(lambda: len(server.writes()) >= 500, 30)
            wait_for(lambda: engine.status().pending == 0, 10)
        finally:
            stop.set()
            flapper.join()
            engine.stop()
        arrived = collections.Counter(
            w.payload.get("owner_name") or w.payload.get("customer_name") for w in server.writes()
        )
    assert set(arrived) == {f"f{i}" for i in range(500)}
    assert max(arrived.values()) == 1, "connection refused must never cause a duplicate"


def test_many_pcs_coming_back_together_spread_their_first_retries(tmp_path: Path) -> None:
    """Twelve PCs offline during an outage: when the server returns, their writes do not arrive as one burst."""
    pcs = 12
    failed = [0] * pcs  # requests each PC could not get through

    def counter(pc: int) -> Callable[[CallRecord], None]:
        def count(record: CallRecord) -> None:
            failed[pc] += record.outcome != "ok"

        return count

    with DemoServer() as server, make_http_client(0.5, 0.5) as shared_http:
        server.set_down(True)
        stores = [LocalStore(tmp_path / f"pc{i}") for i in range(pcs)]
        engines = [
            fast_engine(
                s,
                shared_http,
                server.base_url,
                backoff_base_s=0.2,
                backoff_cap_s=1.6,
                rng=random.Random(i),
                observer=counter(i),
            )
            for i, s in enumerate(stores)
        ]
        for i, (store_, engine) in enumerate(zip(stores, engines, strict=True)):
            enqueue(store_, "savecallback", f"pc{i}")
            engine.start()
        try:
            # Every PC fails four times, so each sits in its own jittered wait at the cap (1.6 s).
            wait_for(lambda: min(failed) >= 4, 10, "every PC failed four times")
            assert all(e.status().online is False for e in engines)
            back_at = time.time()
            server.set_down(False)
            wait_for(lambda: len(server.writes()) == pcs, 10)
        finally:
            for engine in engines:
                engine.stop()
            for store_ in stores:
                store_.close()
        arrivals = sorted(w.received_at - back_at for w in server.writes())
    assert sorted(w.payload["owner_name"] for w in server.writes()) == sorted(f"pc{i}" for i in range(pcs))
    spread = arrivals[-1] - arrivals[0]
    assert spread > 0.3, f"first retries arrived within {spread:.3f} s: {arrivals}"
    busiest = max(sum(1 for a in arrivals if t <= a < t + 0.05) for t in arrivals)
    assert busiest <= pcs // 2, f"{busiest} of {pcs} PCs hit the server within 50 ms"
    assert arrivals[-1] < 1.6 + 1.0  # nobody waits longer than the capped window
