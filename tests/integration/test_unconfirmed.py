"""未确认: a write the server never answered validly for 20 tries (or a day) is counted
for IT by ``main.py --status``, and the engine still sends it at its longest wait."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from desktop_app.api import make_http_client
from desktop_app.demo.server import DemoServer
from desktop_app.domain.actions import Action
from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from desktop_app.domain.outbox_states import UNCONFIRMED_AFTER_TRIES
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import Outcome, State
from desktop_app.sync.backoff import ROW_MAX_DELAY_S
from desktop_app.sync.engine import SyncEngine
from tests.helpers import writes
from tests.helpers.writes import feedback

ROOT = Path(__file__).resolve().parents[2]


def enqueue(store: LocalStore, owner: str, at: float) -> str:
    return writes.enqueue(store, feedback(owner), at=at)


def unanswered(store: LocalStore, client_id: str, tries: int, at: float) -> None:
    """``tries`` sends of the row that brought no valid answer back."""
    outbox = store.outbox()
    for n in range(tries):
        claimed = {i.client_id for i in outbox.claim_due(at + n, 100)}
        error = Outcome.retry(client_id, msg(ApiCode.READ_TIMEOUT), at + n, uncertain=True)
        outbox.record([error], claimed - {client_id}, at + n)


def test_status_counts_the_unconfirmed_rows_for_it(tmp_path: Path) -> None:
    now = time.time()
    store = LocalStore(tmp_path)
    many = enqueue(store, "many tries", now - 60)
    old = enqueue(store, "a day old", now - 25 * 3600)
    young = enqueue(store, "a few tries", now - 60)
    enqueue(store, "never tried", now - 30 * 3600)
    unanswered(store, many, UNCONFIRMED_AFTER_TRIES, now - 50)
    unanswered(store, old, 1, now - 40)
    unanswered(store, young, 3, now - 30)
    store.close()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ESTATE_")} | {"PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--status", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=environ,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert (report["uncertain"], report["queued"], report["unconfirmed"]) == (3, 1, 2)


def test_an_unconfirmed_row_is_still_sent_at_its_longest_wait(tmp_path: Path) -> None:
    now = 1_800_000_000.0
    store = LocalStore(tmp_path)
    try:
        client_id = enqueue(store, "stubborn", now)
        unanswered(store, client_id, UNCONFIRMED_AFTER_TRIES, now)
        clock = [now + UNCONFIRMED_AFTER_TRIES]
        with DemoServer() as server, make_http_client(1.0, 2.0) as http:
            server.faults.hang = True
            server.faults.only_actions = {Action.SAVECALLBACK}
            engine = SyncEngine(
                store,
                http,
                server.base_url,
                clock=lambda: clock[0],
                rng=random.Random(9),
                request_deadline_s=0.5,
            )
            engine.drain(deadline_s=10)  # one more try, no valid answer
            row = store.outbox().get(client_id)
            assert row is not None and row.unconfirmed(clock[0])
            assert row.attempts == UNCONFIRMED_AFTER_TRIES + 1
            assert clock[0] <= row.next_attempt_at <= clock[0] + ROW_MAX_DELAY_S
            server.faults.hang = False
            clock[0] = row.next_attempt_at
            engine.drain(deadline_s=10)
            assert [w.payload["owner_name"] for w in server.writes()] == ["stubborn"]
        row = store.outbox().get(client_id)
        assert row is not None and row.state is State.SENT and row.maybe_duplicate
    finally:
        store.close()
