"""``--status`` and ``--sync``: the outbox for IT and scheduled tasks, without a window."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from desktop_app.api import make_http_client
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import State
from desktop_app.sync.engine import SyncEngine


def status_command(data_dir: Path, out: Callable[[str], None] = print) -> int:
    """Print the number of rows in each outbox state as JSON."""
    store = LocalStore(data_dir)
    try:
        counts = store.outbox().counts()
    finally:
        store.close()
    out(json.dumps({state.value: counts.get(state, 0) for state in State}, ensure_ascii=False))
    return 0


def sync_command(
    data_dir: Path,
    server_url: str | None,
    *,
    connect_timeout_s: float,
    read_timeout_s: float,
    verify: bool | str = True,
    deadline_s: float = 120.0,
    out: Callable[[str], None] = print,
) -> int:
    """Drain what can be sent now; exit 0 only when nothing is left waiting to be sent."""
    if not server_url:
        out("未设置服务器地址: 请用 --server 指定，或在配置文件中设置 server_url")
        return 2
    store = LocalStore(data_dir)
    try:
        with make_http_client(connect_timeout_s, read_timeout_s, verify) as http:
            engine = SyncEngine(store, http, server_url)
            summary = engine.drain(deadline_s)
        status = engine.status()
    finally:
        store.close()
    waiting = status.pending
    out(
        f"已发送 {summary.sent} 条，需处理 {status.attention} 条，仍待同步 {waiting} 条"
        + ("" if summary.reached is not False else f"；服务器无法连接: {status.last_error}")
    )
    return 0 if waiting == 0 else 1
