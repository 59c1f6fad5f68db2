"""``--status`` and ``--sync``: the outbox for IT and scheduled tasks, without a window."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.api import make_http_client
from desktop_app.api.answer import DEFAULT_DEADLINE_S
from desktop_app.domain.codes import CommandCode
from desktop_app.domain.messages import msg
from desktop_app.domain.outbox_states import State
from desktop_app.store.db import LocalStore
from desktop_app.sync.engine import SyncEngine

from .words import Say, printer


def status_command(data_dir: Path, out: Callable[[str], None] = print) -> int:
    """Print the number of rows in each outbox state as JSON, and how many are 未确认."""
    store = LocalStore(data_dir)
    try:
        counts = store.outbox().counts()
        unconfirmed = store.outbox().unconfirmed_count(time.time())
    finally:
        store.close()
    report: dict[str, int] = {state.value: counts.get(state, 0) for state in State}
    report["unconfirmed"] = unconfirmed  # uncertain for a day or 20 tries: for IT to look at
    out(json.dumps(report, ensure_ascii=False))
    return 0


def sync_command(
    data_dir: Path,
    server_url: str | None,
    *,
    connect_timeout_s: float,
    read_timeout_s: float,
    request_deadline_s: float = DEFAULT_DEADLINE_S,
    verify: bool | str = True,
    deadline_s: float = 120.0,
    say: Say | None = None,
) -> int:
    """Send everything still to sync now (立即同步, whatever each row's backoff); exit 0
    only when nothing is left waiting to be sent."""
    say = say or printer("zh_CN")
    if not server_url:
        say(msg(CommandCode.SYNC_NO_SERVER))
        return 2
    store = LocalStore(data_dir)
    try:
        with make_http_client(connect_timeout_s, read_timeout_s, verify) as http:
            engine = SyncEngine(store, http, server_url, request_deadline_s=request_deadline_s)
            engine.sync_now()
            summary = engine.drain(deadline_s)
        status = engine.status()
    finally:
        store.close()
    waiting = status.pending
    figures = (summary.sent, status.attention, waiting)
    if summary.reached is False and status.last_error is not None:
        say(msg(CommandCode.SYNC_SUMMARY_OFFLINE, *figures, status.last_error))
    else:
        say(msg(CommandCode.SYNC_SUMMARY, *figures))
    return 0 if waiting == 0 else 1
