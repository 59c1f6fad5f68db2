"""The undo window end to end: a real sync engine, real SQLite, the demo server over loopback.

Undo inside the window: nothing reaches the server. A correction inside it: exactly one,
corrected, write arrives. Another start (an engine, ``--sync``) while the window's process
lives: the write still waits for its window to end. A SIGKILL inside it: the next start
delivers the write.
"""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from desktop_app.api import make_http_client
from desktop_app.cli.exit_codes import Exit
from desktop_app.demo.server import DemoServer
from desktop_app.store.claim_owner import ClaimOwner
from desktop_app.store.db import LocalStore
from desktop_app.store.held_writes import HeldWrites
from desktop_app.store.outbox import CallLogEntry, State
from desktop_app.sync.engine import SyncEngine
from tests.helpers.processes import run_main, start_child
from tests.helpers.waiting import wait_for
from tests.helpers.writes import feedback

HELD_CHILD = Path(__file__).with_name("held_child.py")
HOUR = 3600.0
LIVING_WINDOW_S = 10.0  # long enough for an engine start and a --sync to run inside it


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


def start_window(data_dir: Path, server: DemoServer, marker: str, hold_s: float) -> subprocess.Popen[str]:
    """The window in a process of its own, its one write committed and held for ``hold_s``."""
    window = start_child(HELD_CHILD, str(data_dir), server.base_url, marker, str(hold_s))
    assert window.stdout is not None
    assert window.stdout.readline().strip() == marker
    return window


def the_hold(data_dir: Path) -> tuple[float | None, str | None]:
    """(hold_until, hold_owner) of the one row in the outbox of ``data_dir``."""
    store = LocalStore(data_dir)
    try:
        [(until, owner)] = store.db().execute("SELECT hold_until, hold_owner FROM outbox").fetchall()
    finally:
        store.close()
    return until, owner


def test_a_start_beside_a_living_window_leaves_its_hold_to_run_out(tmp_path: Path) -> None:
    """An engine starting and ``--sync`` from a scheduled task while the window runs: the
    window's hold is its own, so the write goes only when its undo window ends."""
    with DemoServer() as server:
        window = start_window(tmp_path, server, "窗口还开着", LIVING_WINDOW_S)
        try:
            hold_until, owner = hold = the_hold(tmp_path)
            assert hold_until is not None and owner is not None
            named = ClaimOwner.from_key(owner)
            assert named is not None and named.pid == window.pid  # the hold names the window's process

            store = LocalStore(tmp_path, server_url=server.base_url)
            with make_http_client(1.0, 2.0) as http:
                engine = SyncEngine(store, http, server.base_url)
                engine.start()
                try:
                    assert engine.pass_now(30) is not None  # its start (recovery) and a whole pass
                    sync = run_main("--sync", "--data-dir", str(tmp_path), "--server", server.base_url)
                    assert sync.returncode in (Exit.OK, Exit.NOT_DONE), sync.stdout + sync.stderr
                    assert the_hold(tmp_path) == hold  # neither start released the living window's hold
                    wait_for(lambda: server.writes("savecallback"), LIVING_WINDOW_S + 30, "the write, after its window")
                finally:
                    engine.stop()
            store.close()
        finally:
            assert window.stdin is not None and window.stdout is not None
            window.stdin.close()
            assert window.wait(timeout=30) == 0
            window.stdout.close()
        [write] = server.writes("savecallback")
        assert write.payload["owner_name"] == "窗口还开着"
        assert write.received_at >= hold_until  # never inside the undo window


def test_a_sigkill_inside_the_window_is_delivered_after_the_restart(tmp_path: Path) -> None:
    with DemoServer() as server:
        child = start_window(tmp_path, server, "被杀", HOUR)  # held far beyond the test
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        assert child.stdin is not None and child.stdout is not None
        child.stdin.close()
        child.stdout.close()
        assert server.writes("savecallback") == []  # the window was still open
        hold_until, _ = the_hold(tmp_path)
        assert hold_until is not None

        store = LocalStore(tmp_path)  # the next start: its engine releases the killed process's hold
        drain(store, server)
        assert [w.payload["owner_name"] for w in server.writes("savecallback")] == ["被杀"]
        assert server.writes("savecallback")[0].received_at < hold_until
        [item] = store.outbox().items_since(0)
        assert item.state is State.SENT
        store.close()
