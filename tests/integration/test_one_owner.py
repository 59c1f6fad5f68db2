"""Two processes on one data folder never send a write twice: the window's engine (a process
standing in for it) beside ``main.py --sync``, and ``--sync`` beside ``--sync``; and an
engine that stops gives up the rows it holds.

Each round queues 200 writes, starts the first process, waits until the server has the
first write, then starts the second, so both are sending at the same time. The demo
server counts what it received: every write exactly once.
"""

from __future__ import annotations

import collections
import re
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop_app.api import make_http_client
from desktop_app.demo.server import DemoServer
from desktop_app.domain.outbox_states import State
from desktop_app.store.db import LocalStore
from desktop_app.sync.engine import SyncEngine
from tests.helpers import waiting
from tests.helpers.processes import start_child, start_main
from tests.helpers.writes import queue_feedback

ENGINE_CHILD = Path(__file__).with_name("engine_child.py")
ROUNDS = 3
ROWS = 200
WAIT_S = 120.0


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer() as s:
        s.faults.latency_s = 0.02  # 200 writes take seconds: long enough for both to be at work
        yield s


def queue_rows(data_dir: Path, server_url: str, prefix: str, n: int = ROWS) -> list[str]:
    markers = [f"{prefix}-{i}" for i in range(n)]
    queue_feedback(data_dir, markers, server_url)
    return markers


def start_sync(data_dir: Path, server_url: str) -> subprocess.Popen[str]:
    return start_main("--sync", "--data-dir", str(data_dir), "--server", server_url)


def wait_for(condition: Callable[[], bool], what: str) -> None:
    waiting.wait_for(condition, WAIT_S, what)


def sync_sent(result: tuple[str, str], returncode: int) -> int:
    """What one ``--sync`` sent; it ends 1 when the other still held writes as it finished."""
    out, err = result
    assert returncode in (0, 1), out + err
    assert "Traceback" not in out + err
    found = re.search(r"已发送 (\d+) 条", out)
    assert found, out
    return int(found.group(1))


def stop_engine(child: subprocess.Popen[str]) -> int:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.close()
    out = child.stdout.read()
    child.stdout.close()
    assert child.wait(timeout=30) == 0
    found = re.search(r"sent (\d+)", out)
    assert found, out
    return int(found.group(1))


# A process that sends beside ``--sync``: started on (data folder, server), it gives what
# finishes it, which returns how many writes it sent.
First = Callable[[Path, str], Callable[[], int]]


def engine_first(data_dir: Path, server_url: str) -> Callable[[], int]:
    child = start_child(ENGINE_CHILD, str(data_dir), server_url)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "started"
    return lambda: stop_engine(child)


def sync_first(data_dir: Path, server_url: str) -> Callable[[], int]:
    sync = start_sync(data_dir, server_url)
    return lambda: sync_sent(sync.communicate(timeout=WAIT_S), sync.returncode)


def check_each_once(server: DemoServer, data_dir: Path, markers: list[str]) -> None:
    arrived = collections.Counter(w.payload["owner_name"] for w in server.writes("savecallback"))
    twice = {m: n for m, n in arrived.items() if n > 1}
    assert twice == {}, f"{len(twice)} writes sent more than once"
    assert [m for m in markers if arrived[m] != 1] == []
    store = LocalStore(data_dir)
    try:
        items = store.outbox().items_since(0)
    finally:
        store.close()
    assert collections.Counter(i.state for i in items) == {State.SENT: len(items)}
    assert not any(i.maybe_duplicate for i in items)  # no row was ever taken from a live owner


def first_write_arrived(server: DemoServer, markers: list[str]) -> Callable[[], bool]:
    wanted = set(markers)
    return lambda: any(w.payload["owner_name"] in wanted for w in server.writes("savecallback"))


def side_by_side(server: DemoServer, data_dir: Path, prefix: str, first: First) -> list[tuple[int, int]]:
    """ROUNDS rounds of ROWS writes, sent by ``first`` and by a ``--sync`` started once the
    first write arrived; each write arrives once. What each of the two sent, a round."""
    shares = []
    for round_no in range(ROUNDS):
        markers = queue_rows(data_dir, server.base_url, f"{prefix}{round_no}")
        finish_first = first(data_dir, server.base_url)
        try:
            wait_for(first_write_arrived(server, markers), "the first process's first write")
            second = start_sync(data_dir, server.base_url)
            by_second = sync_sent(second.communicate(timeout=WAIT_S), second.returncode)
            everything = ROWS * (round_no + 1)
            wait_for(lambda: len(server.writes("savecallback")) >= everything, "every write")  # noqa: B023
        finally:
            by_first = finish_first()
        check_each_once(server, data_dir, markers)
        assert by_first + by_second == ROWS
        shares.append((by_first, by_second))
    assert all(a > 0 and b > 0 for a, b in shares), f"the two did not send side by side: {shares}"
    return shares


@pytest.mark.slow
def test_the_window_and_sync_never_send_a_write_twice(tmp_path: Path, server: DemoServer) -> None:
    shares = side_by_side(server, tmp_path / "data", "w", engine_first)
    print(f"\nengine/--sync shares per round: {shares}; every write received once")


@pytest.mark.slow
def test_two_syncs_never_send_a_write_twice(tmp_path: Path, server: DemoServer) -> None:
    shares = side_by_side(server, tmp_path / "data", "s", sync_first)
    print(f"\n--sync/--sync shares per round: {shares}; every write received once")


def test_a_stopped_engine_gives_up_what_it_holds(tmp_path: Path) -> None:
    """Stopped in the middle of a request: the row may have arrived, so it is uncertain at
    once, and another process may send it (flagged) without waiting for its lease."""
    with DemoServer() as server:
        server.faults.only_actions = frozenset({"savecallback"})
        server.faults.hang = True
        queue_rows(tmp_path, server.base_url, "stop", 1)
        store = LocalStore(tmp_path, server_url=server.base_url)
        try:
            with make_http_client(1.0, 30.0) as http:
                engine = SyncEngine(store, http, server.base_url)
                engine.start()
                wait_for(lambda: store.outbox().counts()[State.IN_FLIGHT] == 1, "the row in flight")
                engine.stop(timeout=0.2)  # its request still hangs
                counts = store.outbox().counts()
                server.faults.hang = False  # the stuck request ends; its outcome keeps the row pending
                wait_for(
                    lambda: not any(t.name == "sync-engine" and t.is_alive() for t in threading.enumerate()),
                    "the engine thread to end",
                )
        finally:
            store.close()
    assert counts[State.IN_FLIGHT] == 0 and counts[State.UNCERTAIN] == 1, counts
