"""The sync engine against the real demo server over loopback, with real SQLite files."""

from __future__ import annotations

import collections
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop_app.api import make_http_client
from desktop_app.demo.server import DemoServer
from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import CallLogEntry, State
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.status import SyncStatus


def feedback(marker: str) -> dict[str, Any]:
    return {
        "user_id": 29,
        "phone_no": "13800138000",
        "owner_name": marker,
        "package_id": 467,
        "pro_id": 141,
        "call_back_item_name": "继续跟进",
    }


def customer(marker: str) -> dict[str, Any]:
    return {
        "reg_user_id": 29,
        "customer_name": marker,
        "customer_phone": "15920447900",
        "gender_type": "M",
        "customer_type": "01",
        "recommend": "星汇云锦",
        "follow_content": "有意向",
    }


PAYLOADS = {"savecallback": feedback, "save_to_customer": customer}
MARKER_KEY = {"savecallback": "owner_name", "save_to_customer": "customer_name"}


def enqueue(store: LocalStore, kind: str, marker: str) -> str:
    return store.outbox().enqueue(kind, PAYLOADS[kind](marker), CallLogEntry(user_id=29, kind=kind))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    s = LocalStore(tmp_path)
    yield s
    s.close()


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with make_http_client(0.5, 0.5) as client:
        yield client


def fast_engine(store: LocalStore, http: httpx.Client, url: str, **kw: Any) -> SyncEngine:
    return SyncEngine(
        store,
        http,
        url,
        backoff_base_s=0.05,
        backoff_cap_s=0.3,
        row_backoff_base_s=0.05,
        row_backoff_cap_s=0.3,
        rng=random.Random(1),
        **kw,
    )


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
        store.outbox().enqueue("save_to_customer", payload, CallLogEntry(user_id=29, kind="save_to_customer"))
        fast_engine(store, http, server.base_url).drain()
        assert [w.payload for w in server.writes("save_to_customer")] == [payload]


def test_a_refused_row_does_not_block_the_rows_behind_it(store: LocalStore, http: httpx.Client) -> None:
    with DemoServer() as server:
        enqueue(store, "savecallback", "before")
        bad = dict(feedback("bad"))
        del bad["call_back_item_name"]
        bad_id = store.outbox().enqueue("savecallback", bad, CallLogEntry(user_id=29, kind="savecallback"))
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
            p = feedback(f"u{user_id}") | {"user_id": user_id}
            store.outbox().enqueue("savecallback", p, CallLogEntry(user_id=user_id, kind="savecallback"))
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


def wait_for(predicate: Any, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.01)
    raise AssertionError("condition not met in time")


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
                stop.wait(rng.uniform(1.0, 2.0))
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
                time.sleep(0.055)  # spread the 500 writes over ~28 s of flapping
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
    with DemoServer() as server, make_http_client(0.5, 0.5) as shared_http:
        server.set_down(True)
        stores = [LocalStore(tmp_path / f"pc{i}") for i in range(pcs)]
        engines = [
            SyncEngine(
                s, shared_http, server.base_url, backoff_base_s=0.2, backoff_cap_s=1.6, rng=random.Random(i)
            )
            for i, s in enumerate(stores)
        ]
        for i, (store_, engine) in enumerate(zip(stores, engines, strict=True)):
            enqueue(store_, "savecallback", f"pc{i}")
            engine.start()
        try:
            # Let every PC fail a few times, so each sits in its own jittered wait.
            time.sleep(2.5)
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
