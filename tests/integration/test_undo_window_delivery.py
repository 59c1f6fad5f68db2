"""The undo window end to end: a real sync engine, real SQLite, the demo server over loopback.

Undo inside the window: nothing reaches the server. A correction inside it: exactly one,
corrected, write arrives. A SIGKILL inside it: the next start delivers the write.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop_app.api import make_http_client
from desktop_app.demo.server import DemoServer
from desktop_app.store.db import LocalStore
from desktop_app.store.held_writes import HeldWrites
from desktop_app.store.outbox import CallLogEntry, State
from desktop_app.sync.engine import SyncEngine
from tests.helpers.writes import feedback

ROOT = Path(__file__).resolve().parents[2]
HOUR = 3600.0


def held(store: LocalStore, item: str, marker: str) -> str:
    now = time.time()
    entry = CallLogEntry(user_id=29, kind="savecallback", item_name=item)
    payload = feedback(marker, item=item)
    return store.outbox().enqueue("savecallback", payload, entry, now=now, hold_until=now + HOUR)


def drain(store: LocalStore, server: DemoServer) -> None:
    with make_http_client(1.0, 2.0) as http:
        engine = SyncEngine(store, http, server.base_url)
        engine.sync_now()  # 立即同步: moves retry times, never a hold
        summary = engine.drain(deadline_s=30)
    assert summary.reached is not False and summary.errors == []


def test_undo_inside_the_window_sends_nothing(tmp_path: Path) -> None:
    with DemoServer() as server:
        store = LocalStore(tmp_path)
        taken, kept = held(store, "继续跟进", "撤销的"), held(store, "继续跟进", "留下的")
        drain(store, server)
        assert server.writes("savecallback") == []  # both still held: nothing went
        assert HeldWrites(store.db()).undo(taken, time.time())
        HeldWrites(store.db()).release(kept)
        drain(store, server)
        owners = [w.payload["owner_name"] for w in server.writes("savecallback")]
        assert owners == ["留下的"]
        assert store.outbox().get(taken).state is State.DISCARDED
        store.close()


def test_a_correction_inside_the_window_sends_one_corrected_write(tmp_path: Path) -> None:
    with DemoServer() as server:
        store = LocalStore(tmp_path)
        client_id = held(store, "继续跟进", "陈一")
        assert HeldWrites(store.db()).replace(client_id, feedback("陈一", item="接受邀请"), time.time())
        drain(store, server)
        arrived = [w.payload["call_back_item_name"] for w in server.writes("savecallback")]
        assert arrived == ["接受邀请"]
        assert store.outbox().get(client_id).state is State.SENT
        store.close()


def test_a_sigkill_inside_the_window_is_delivered_after_the_restart(tmp_path: Path) -> None:
    with DemoServer() as server:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        child = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).with_name("held_crash_child.py")),
                str(tmp_path),
                server.base_url,
                "被杀",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
        )
        assert child.stdout is not None
        assert child.stdout.readline().decode().strip() == "被杀"  # committed, held for an hour
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
        assert server.writes("savecallback") == []  # the window was still open

        store = LocalStore(tmp_path)  # the next start: its engine releases the ended run's hold
        drain(store, server)
        assert [w.payload["owner_name"] for w in server.writes("savecallback")] == ["被杀"]
        [item] = store.outbox().items_since(0)
        assert item.state is State.SENT
        store.close()
