"""Kill the program with SIGKILL at random moments: no promised write may be lost.

Every row whose ``enqueue`` returned must reach the server afterwards. The only rows that
may arrive twice are those the kill caught between sending and recording the answer,
and each of those must be flagged "may be duplicate".
"""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.api import make_http_client
from desktop_app.demo.server import DemoServer
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import State
from desktop_app.sync.engine import SyncEngine

ROOT = Path(__file__).resolve().parents[2]
KILLS = 200 if os.environ.get("ESTATE_LONG_TESTS") == "1" else 50


def run_and_kill(data_dir: Path, base_url: str, prefix: str, rng: random.Random) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("crash_child.py")), str(data_dir), base_url, prefix],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    # Wait for the first promised row, then let it run a random while before the kill: the
    # random moment of the kill is what is under test, not a wait for anything.
    first = child.stdout.readline().decode().strip()
    time.sleep(rng.uniform(0.0, 0.25))
    child.send_signal(signal.SIGKILL)
    rest = child.stdout.read().decode().split()
    child.wait(timeout=10)
    child.stdout.close()
    return ([first] if first else []) + rest


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(20261128)
    promised: list[str] = []
    with DemoServer() as server:
        for round_no in range(KILLS):
            promised += run_and_kill(tmp_path, server.base_url, f"r{round_no}", rng)
        # Start again, as the agent would, and let the engine drain what is left.
        store = LocalStore(tmp_path)
        with make_http_client(1.0, 2.0) as http:
            engine = SyncEngine(store, http, server.base_url)
            engine.sync_now()  # as --sync does: rows a child left backing off are due now too
            summary = engine.drain(deadline_s=120)
        assert summary.reached is not False
        arrived = collections.Counter(w.payload["owner_name"] for w in server.writes("savecallback"))
        items = store.outbox().items_since(0)
        store.close()

    assert len(promised) > KILLS, "each child should have promised rows before the kill"
    missing = [m for m in promised if arrived[m] == 0]
    assert missing == [], f"{len(missing)} promised rows never reached the server"
    by_marker = {item.payload["owner_name"]: item for item in items}
    assert all(item.state is State.SENT for item in items), collections.Counter(i.state for i in items)
    duplicated = [m for m, n in arrived.items() if n > 1]
    unflagged = [m for m in duplicated if not by_marker[m].maybe_duplicate]
    assert unflagged == [], f"duplicates not flagged: {unflagged[:5]}"
    print(
        f"\n{KILLS} kills, {len(promised)} rows promised, all delivered, {len(duplicated)} flagged duplicates"
    )
