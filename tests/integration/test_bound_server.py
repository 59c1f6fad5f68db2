"""Rows made for server A never reach server B: not through the engine, not through
``--sync``, after the server setting changed; only when the agent sends them on."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.api import make_http_client
from desktop_app.app import configure
from desktop_app.demo.server import DemoServer
from desktop_app.domain.outbox_states import State
from desktop_app.store.db import LocalStore
from desktop_app.sync.engine import SyncEngine
from tests.helpers.processes import run_main
from tests.helpers.writes import audit_rows, queue_feedback


@pytest.fixture
def two_servers() -> Iterator[tuple[DemoServer, DemoServer]]:
    with DemoServer() as a, DemoServer() as b:
        yield a, b


def owners(server: DemoServer) -> list[str]:
    return [w.payload["owner_name"] for w in server.writes()]


def test_rows_made_for_a_never_reach_b(tmp_path: Path, two_servers: tuple[DemoServer, DemoServer]) -> None:
    a, b = two_servers
    queue_feedback(tmp_path, ["a1", "a2", "a3"], a.base_url)

    # IT changed the server setting to B: the window's engine (running) and --sync send nothing of A's.
    store = LocalStore(tmp_path, server_url=b.base_url)
    queue_feedback(tmp_path, ["b1"], b.base_url)
    try:
        with make_http_client(1.0, 5.0) as http:
            engine = SyncEngine(store, http, b.base_url)
            engine.start()
            try:
                end = time.monotonic() + 30
                while store.outbox().pending_here() and time.monotonic() < end:
                    time.sleep(0.01)  # until the engine has sent B's own row
                result = run_main("--sync", "--data-dir", str(tmp_path), "--server", b.base_url)
            finally:
                engine.stop()
            assert engine.status().online is True
    finally:
        store.close()
    assert owners(b) == ["b1"]
    assert owners(a) == []
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"另有 3 条记录是为服务器 {a.base_url} 记录的" in result.stdout

    status = run_main("--status", "--data-dir", str(tmp_path), "--server", b.base_url)
    report = json.loads(status.stdout)
    assert report["other_servers"] == {a.base_url: 3}
    assert report["pending"] == 3 and report["sent"] == 1
    assert a.base_url in status.stderr

    # Back on A (the setting changed back): they go there, and only there.
    result = run_main("--sync", "--data-dir", str(tmp_path), "--server", a.base_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(owners(a)) == ["a1", "a2", "a3"]
    assert owners(b) == ["b1"]


def test_the_agent_may_send_the_old_rows_to_the_new_server(
    tmp_path: Path, two_servers: tuple[DemoServer, DemoServer]
) -> None:
    a, b = two_servers
    ids = queue_feedback(tmp_path, ["a1", "a2"], a.base_url)
    store = LocalStore(tmp_path, server_url=b.base_url)
    try:
        assert store.outbox().rebind(a.base_url, now=0.0) == 2
        with make_http_client(1.0, 5.0) as http:
            summary = SyncEngine(store, http, b.base_url).drain(30.0)
        assert summary.sent == 2
        assert {store.outbox().get(c).state for c in ids} == {State.SENT}  # type: ignore[union-attr]
        assert [entry["action"] for entry in audit_rows(store, ids[0])] == ["rebind"]
    finally:
        store.close()
    assert sorted(owners(b)) == ["a1", "a2"]
    assert owners(a) == []


def test_training_keeps_its_own_database_also_with_a_data_folder(tmp_path: Path) -> None:
    _args, paths, _loaded = configure(["--demo", "--data-dir", str(tmp_path)])
    assert paths.data_dir == tmp_path / "demo"
    _args, paths, _loaded = configure(["--data-dir", str(tmp_path)])
    assert paths.data_dir == tmp_path
    result = run_main("--status", "--demo", "--data-dir", str(tmp_path))
    assert json.loads(result.stdout)["data_dir"] == str(tmp_path / "demo")
