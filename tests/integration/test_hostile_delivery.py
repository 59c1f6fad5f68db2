"""The promise against a hostile server, over loopback with real SQLite files: nothing it
answers can hang, crash or bloat the client, the sync engine, ``--sync`` or
``--check-server``; a write it may have received is resent and flagged, never refused;
a write it chokes on is not hammered, and the rows behind it flow."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop_app.api import ApiClient, Malformed, NoAnswer, make_http_client
from desktop_app.demo.hostile import ERRMSG_SHAPES
from desktop_app.demo.server import DemoServer
from desktop_app.domain.actions import Action
from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import State
from desktop_app.sync.engine import SyncEngine
from tests.helpers import writes
from tests.helpers.waiting import wait_for
from tests.helpers.writes import customer, feedback

ROOT = Path(__file__).resolve().parents[2]
MB = 1 << 20
TRICKLE_S = 5.0  # one byte every 5 s: no read ever waits long enough for a read timeout
DEADLINE_S = 2.0


def enqueue_feedback(store: LocalStore, marker: str) -> str:
    return writes.enqueue(store, feedback(marker))


def enqueue_customer(store: LocalStore, marker: str) -> str:
    return writes.enqueue(store, customer(marker))


def owners(server: DemoServer) -> list[str]:
    return [str(w.payload["owner_name"]) for w in server.writes(Action.SAVECALLBACK)]


class FakeClock:
    """The engine's wall clock, moved by the test (the network keeps its own real time)."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def seen_at(condition: Callable[[], object], timeout: float = 10.0) -> float:
    """The monotonic time ``condition()`` was first seen to hold (polled every few ms)."""
    wait_for(condition, timeout)
    return time.monotonic()


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """The product's client with its default per-read timeout (10 s): only the deadline cuts."""
    with make_http_client(connect_timeout=1.0, read_timeout=10.0) as client:
        yield client


def engine_for(store: LocalStore, http: httpx.Client, server: DemoServer, **kw: Any) -> SyncEngine:
    kw.setdefault("request_deadline_s", DEADLINE_S)
    kw.setdefault("rng", random.Random(3))
    return SyncEngine(store, http, server.base_url, **kw)


# -- 100,000 levels deep ----------------------------------------------------------------------------


def test_a_100000_deep_answer_to_a_read_is_no_answer(demo_server: DemoServer, http: httpx.Client) -> None:
    demo_server.faults.deep_nesting = 100_000
    api = ApiClient(http, demo_server.base_url)
    with pytest.raises(NoAnswer) as caught:
        api.getcallback()
    assert caught.value.message == msg(ApiCode.ANSWER_TOO_DEEP)
    demo_server.faults.deep_nesting = 0
    assert api.getcallback()  # the client goes on


def test_a_100000_deep_answer_to_a_write_leaves_it_uncertain_and_the_next_row_is_sent(
    demo_server: DemoServer, store: LocalStore, http: httpx.Client
) -> None:
    demo_server.faults.deep_nesting = 100_000
    demo_server.faults.only_actions = {Action.SAVECALLBACK}
    demo_server.faults.times = 1
    deep = enqueue_feedback(store, "deep")
    nxt = enqueue_feedback(store, "next")
    engine = engine_for(store, http, demo_server)
    engine.drain(deadline_s=10)
    first, second = store.outbox().get(deep), store.outbox().get(nxt)
    assert first is not None and second is not None
    assert (first.state, first.last_error) == (State.UNCERTAIN, msg(ApiCode.ANSWER_TOO_DEEP))
    assert second.state is State.SENT and not second.maybe_duplicate
    assert owners(demo_server) == ["deep", "next"]  # the server did record the first
    engine.sync_now()
    engine.drain(deadline_s=10)
    again = store.outbox().get(deep)
    assert again is not None and again.state is State.SENT and again.maybe_duplicate
    assert owners(demo_server) == ["deep", "next", "deep"]


def test_a_100000_deep_answer_to_the_engines_probe_and_write_does_not_stop_it(
    demo_server: DemoServer, store: LocalStore, http: httpx.Client
) -> None:
    """The running engine (its own thread): a deep answer to the probe, then to a write."""
    demo_server.faults.deep_nesting = 100_000
    demo_server.faults.only_actions = {Action.GET_SERVER_URL}
    demo_server.faults.times = 1
    engine = engine_for(store, http, demo_server, backoff_base_s=0.05, backoff_cap_s=0.2)
    engine.start()
    try:
        wait_for(lambda: engine.status().online is True)
        assert demo_server.request_count(Action.GET_SERVER_URL) >= 2  # the first probe was too deep
        demo_server.faults.only_actions = {Action.SAVECALLBACK}
        demo_server.faults.times = 1
        deep = enqueue_feedback(store, "deep")
        after = enqueue_feedback(store, "after")
        engine.wake()
        wait_for(lambda: owners(demo_server) == ["deep", "after"])
        wait_for(lambda: engine.status().uncertain == 1 and engine.status().queued == 0)
        engine.sync_now()
        wait_for(lambda: engine.status().pending == 0)
    finally:
        engine.stop()
    first, second = store.outbox().get(deep), store.outbox().get(after)
    assert first is not None and first.state is State.SENT and first.maybe_duplicate
    assert second is not None and second.state is State.SENT and not second.maybe_duplicate
    assert owners(demo_server) == ["deep", "after", "deep"]


# -- one byte every 5 s --------------------------------------------------------------------------------


@pytest.mark.parametrize("write", [False, True], ids=["read", "write"])
def test_a_trickle_ends_in_no_answer_within_the_deadline_for_the_client(
    demo_server: DemoServer, http: httpx.Client, write: bool
) -> None:
    demo_server.faults.trickle_s = TRICKLE_S
    api = ApiClient(http, demo_server.base_url, deadline_s=DEADLINE_S)
    started = time.monotonic()
    with pytest.raises(NoAnswer) as caught:
        if write:
            api.send_write(Action.SAVECALLBACK, feedback("trickled"))
        else:
            api.getcallback()
    assert time.monotonic() - started <= DEADLINE_S + 1
    assert caught.value.message == msg(ApiCode.READ_TIMEOUT)


def test_a_trickle_ends_within_the_deadline_for_the_engine(
    demo_server: DemoServer, store: LocalStore, http: httpx.Client
) -> None:
    engine = engine_for(store, http, demo_server)
    engine.start()
    try:
        wait_for(lambda: engine.status().online is True)
        demo_server.faults.trickle_s = TRICKLE_S
        demo_server.faults.only_actions = {Action.SAVECALLBACK}
        client_id = enqueue_feedback(store, "trickled")
        engine.wake()
        asked = seen_at(lambda: demo_server.request_count(Action.SAVECALLBACK) == 1)

        def classified() -> bool:
            item = store.outbox().get(client_id)
            return item is not None and item.state is State.UNCERTAIN

        answered = seen_at(classified, DEADLINE_S + 5)
        item = store.outbox().get(client_id)
        assert item is not None and item.last_error == msg(ApiCode.READ_TIMEOUT)
        assert answered - asked <= DEADLINE_S + 1
        # The next row is not held up by the trickling one.
        enqueue_customer(store, "behind")
        engine.wake()
        wait_for(lambda: len(demo_server.writes(Action.SAVE_TO_CUSTOMER)) == 1)
    finally:
        engine.stop()


def run_main_timed(
    server: DemoServer, *args: str, **env: str
) -> tuple[subprocess.CompletedProcess[str], float]:
    """``main.py ARGS`` in a child; returns its result and the seconds from its first request to its exit."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ESTATE_")}
    environ |= {"PYTHONPATH": str(ROOT), **env}
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        env=environ,
        cwd=ROOT,
    )
    try:
        asked = seen_at(lambda: server.request_count() >= 1 or child.poll() is not None, 30)
        out, err = child.communicate(timeout=30)
        ended = time.monotonic()
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert server.request_count() >= 1, err
    return subprocess.CompletedProcess(child.args, child.returncode, out, err), ended - asked


def test_a_trickle_ends_within_the_deadline_for_sync_on_the_command_line(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    store = LocalStore(tmp_path)
    enqueue_feedback(store, "queued")
    store.close()
    demo_server.faults.trickle_s = TRICKLE_S
    result, took = run_main_timed(
        demo_server,
        "--sync",
        "--data-dir",
        str(tmp_path),
        "--server",
        demo_server.base_url,
        ESTATE_REQUEST_DEADLINE=f"{DEADLINE_S:g}",
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "等待服务器回复超时" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert took <= DEADLINE_S + 1, took


def test_a_trickle_ends_within_the_deadline_for_check_server(demo_server: DemoServer) -> None:
    demo_server.faults.trickle_s = TRICKLE_S
    result, took = run_main_timed(
        demo_server, "--check-server", demo_server.base_url, ESTATE_REQUEST_DEADLINE=f"{DEADLINE_S:g}"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "✗ get_server_url" in result.stdout and "等待服务器回复超时" in result.stdout
    assert "没有回应 (等待 2 秒)" in result.stdout  # the deadline ended it, not the 10 s read timeout
    assert "Traceback" not in result.stdout + result.stderr
    assert took <= DEADLINE_S + 1, took


# -- 50 MB -------------------------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is read from /proc")
def test_a_50_mb_answer_through_the_client_raises_the_memory_peak_by_at_most_20_mb(
    demo_server: DemoServer,
) -> None:
    demo_server.faults.huge_mb = 50
    demo_server.faults.close_delimited = True  # no Content-Length: the cap is met while reading
    demo_server.faults.only_actions = {Action.GET_GENDER_TYPE}

    def child(max_bytes: int) -> dict[str, Any]:
        proc = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("answer_memory_child.py")),
                demo_server.base_url,
                str(max_bytes),
                "client",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            cwd=ROOT,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        figures: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        return figures

    capped = child(4 * MB)  # the client's default cap
    print(f"\na 50 MB answer through ApiClient: peak memory +{capped['rss_growth'] / MB:.1f} MB")
    assert capped["outcome"] == capped["again"] == ApiCode.ANSWER_TOO_LARGE.value
    assert capped["rss_growth"] <= 20 * MB, capped
    # The same child with a cap above the answer: the measurement does see it held whole.
    uncapped = child(64 * MB)
    assert uncapped["outcome"] == "json"
    assert uncapped["rss_growth"] >= 50 * MB, uncapped


# -- a write that always times out -----------------------------------------------------------------------


def test_a_write_that_always_times_out_is_sent_at_most_4_times_in_60_s_while_others_flow(
    demo_server: DemoServer, store: LocalStore
) -> None:
    demo_server.faults.hang = True
    demo_server.faults.only_actions = {Action.SAVECALLBACK}
    clock = FakeClock()
    stuck = enqueue_feedback(store, "stuck")
    with make_http_client(connect_timeout=1.0, read_timeout=10.0) as http:
        engine = SyncEngine(
            store, http, demo_server.base_url, clock=clock, rng=random.Random(2026), request_deadline_s=1.0
        )
        for second in range(60):
            enqueue_customer(store, f"c{second}")
            engine.drain(deadline_s=10)
            clock.advance(1.0)
    tries = demo_server.request_count(Action.SAVECALLBACK)
    print(f"\nthe write that always times out: sent {tries} times in 60 s; 60 other rows sent meanwhile")
    assert 2 <= tries <= 4, tries
    assert [w.payload["customer_name"] for w in demo_server.writes(Action.SAVE_TO_CUSTOMER)] == [
        f"c{i}" for i in range(60)
    ]
    item = store.outbox().get(stuck)
    assert item is not None and item.state is State.UNCERTAIN and item.attempts == tries
    assert item.last_error == msg(ApiCode.READ_TIMEOUT)
    assert store.outbox().counts()[State.SENT] == 60


# -- answers after the server recorded the write --------------------------------------------------------


@pytest.mark.parametrize("kind", ["502", "html", "non_json", "empty", "reset"])
def test_a_bad_answer_after_the_server_recorded_the_write_ends_sent_and_flagged(
    demo_server: DemoServer, store: LocalStore, http: httpx.Client, kind: str
) -> None:
    demo_server.faults.after_receipt = kind
    demo_server.faults.only_actions = {Action.SAVECALLBACK}
    demo_server.faults.times = 1
    client_id = enqueue_feedback(store, "recorded")
    engine = engine_for(store, http, demo_server)
    engine.drain(deadline_s=10)
    item = store.outbox().get(client_id)
    assert item is not None and item.state is State.UNCERTAIN
    if kind == "502":
        assert item.last_error == msg(ApiCode.HTTP_STATUS, 502)
    assert store.outbox().counts()[State.ATTENTION] == 0
    assert [w.answered for w in demo_server.writes()] == [False]
    engine.sync_now()
    engine.drain(deadline_s=10)
    item = store.outbox().get(client_id)
    assert item is not None and item.state is State.SENT and item.maybe_duplicate
    assert owners(demo_server) == ["recorded", "recorded"]


# -- errmsg shapes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", ERRMSG_SHAPES)
@pytest.mark.parametrize("action", [Action.SAVECALLBACK, Action.SAVE_TO_CUSTOMER])
def test_an_errmsg_of_any_other_shape_leaves_the_write_uncertain_never_needing_attention(
    demo_server: DemoServer, store: LocalStore, http: httpx.Client, shape: str, action: str
) -> None:
    demo_server.faults.errmsg_shape = shape
    demo_server.faults.only_actions = {action}
    demo_server.faults.times = 1
    client_id = (enqueue_feedback if action == Action.SAVECALLBACK else enqueue_customer)(store, "shape")
    engine = engine_for(store, http, demo_server)
    engine.drain(deadline_s=10)
    item = store.outbox().get(client_id)
    assert item is not None and item.state is State.UNCERTAIN, item
    assert item.last_error is not None and item.last_error.code is not ApiCode.REFUSED
    assert store.outbox().counts()[State.ATTENTION] == 0
    engine.sync_now()
    engine.drain(deadline_s=10)
    item = store.outbox().get(client_id)
    assert item is not None and item.state is State.SENT and item.maybe_duplicate
    assert len(demo_server.writes(action)) == 2


@pytest.mark.parametrize("shape", ["null", "zero", "true", "list", "object", "array"])
def test_the_client_calls_such_an_answer_malformed(
    demo_server: DemoServer, http: httpx.Client, shape: str
) -> None:
    demo_server.faults.errmsg_shape = shape
    with pytest.raises(Malformed):
        ApiClient(http, demo_server.base_url).send_write(Action.SAVECALLBACK, feedback("x"))
