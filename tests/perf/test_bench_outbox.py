"""The outbox's two costs: how long ``enqueue`` holds the agent, and draining 5,000 writes.

- enqueue: median and p99 of 2,000 feedback enqueues into a real SQLite file
  (WAL, synchronous=FULL), target median under 2 ms on an ordinary SSD.
- drain: 5,000 queued ``savecallback`` rows sent by the sync engine to the demo server,
  against the same 5,000 payloads posted by a bare ``httpx.Client`` loop in the same
  run; target at most 1.3x the bare loop. The two are measured in alternating blocks so
  drift on a shared machine falls on both.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from desktop_app.api import make_http_client
from desktop_app.api.wire import endpoint
from desktop_app.demo.server import DemoServer
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import CallLogEntry, State
from desktop_app.sync.engine import SyncEngine
from tests.helpers.day import call_entry
from tests.helpers.writes import feedback

Report = Callable[[str, dict[str, Any]], None]

ENQUEUES = 2_000
DRAIN = 5_000
BLOCKS = 5


def payload(i: int) -> dict[str, Any]:
    return feedback(f"排队客户{i}", phone_no=f"137{i:08d}")


def entry(i: int) -> CallLogEntry:
    owner, phone = f"排队客户{i}", f"137{i:08d}"
    return call_entry("继续跟进", "万科东荟城", owner=owner, duration=42.0, package="VIP 客户", phone_id=i, phone_no=phone)


def test_enqueue_latency(tmp_path: Path, report: Report) -> None:
    store = LocalStore(tmp_path)
    outbox = store.outbox()
    samples = []
    for i in range(ENQUEUES):
        started = time.perf_counter()
        outbox.enqueue("savecallback", payload(i), entry(i))
        samples.append(time.perf_counter() - started)
    counts = outbox.counts()
    store.close()
    samples.sort()
    report(
        "outbox: enqueue latency (one feedback, committed)",
        {
            "enqueues": ENQUEUES,
            "median_ms": statistics.median(samples) * 1000,
            "p90_ms": samples[int(0.90 * ENQUEUES)] * 1000,
            "p99_ms": samples[int(0.99 * ENQUEUES)] * 1000,
            "max_ms": samples[-1] * 1000,
            "target": "median < 2 ms",
        },
    )
    assert counts[State.QUEUED] == ENQUEUES


def test_drain_vs_bare_httpx_loop(tmp_path: Path, report: Report) -> None:
    per_block = DRAIN // BLOCKS
    engine_s = 0.0
    bare_s = 0.0
    with DemoServer() as server, make_http_client() as http, httpx.Client(trust_env=False) as bare:
        url = endpoint(server.base_url)
        store = LocalStore(tmp_path)
        engine = SyncEngine(store, http, server.base_url)
        engine.drain(5)  # resolve the server once, outside the timing
        outbox = store.outbox()
        for block in range(BLOCKS):
            for i in range(block * per_block, (block + 1) * per_block):
                outbox.enqueue("savecallback", payload(i), entry(i))

            def run_engine() -> float:
                started = time.perf_counter()
                summary = engine.drain(120)
                assert summary.sent == per_block
                return time.perf_counter() - started

            def run_bare(block: int = block) -> float:
                started = time.perf_counter()
                for i in range(block * per_block, (block + 1) * per_block):
                    r = bare.post(url, params={"action_name": "savecallback"}, json=payload(i))
                    assert r.status_code == 200
                return time.perf_counter() - started

            if block % 2 == 0:
                engine_s += run_engine()
                bare_s += run_bare()
            else:
                bare_s += run_bare()
                engine_s += run_engine()
        sent = outbox.counts()[State.SENT]
        store.close()
        received = len(server.writes("savecallback"))
    report(
        "sync: drain 5,000 queued writes vs bare httpx loop",
        {
            "writes": DRAIN,
            "engine_s": engine_s,
            "bare_s": bare_s,
            "engine_per_write_ms": engine_s / DRAIN * 1000,
            "bare_per_write_ms": bare_s / DRAIN * 1000,
            "ratio": engine_s / bare_s,
            "target": "<= 1.3x",
        },
    )
    assert sent == DRAIN
    assert received == 2 * DRAIN
