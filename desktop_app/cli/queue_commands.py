"""``--status`` and ``--sync``: the outbox for IT and scheduled tasks, without a window.

Both say which data folder they read, report a damaged database that was moved aside
(where it went, how many writes were rescued), and end with a documented exit code
(``exit_codes``), never a traceback, when the folder cannot be used. ``--status``
reads a read-only folder without changing it. ``--sync`` first asks a window running
on the same folder to sync (it owns the queue there) and only syncs itself when none
answers.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.data_place import READ_ONLY_CODES, place_problem
from desktop_app.domain.codes import CommandCode, StoreCode
from desktop_app.domain.messages import Message, msg
from desktop_app.domain.outbox_states import State
from desktop_app.store.db import DB_FILENAME, LocalStore
from desktop_app.store.errors import StoreError
from desktop_app.store.queue_figures import QueueFigures, figures, read_only_figures

from .exit_codes import Exit
from .words import Say, printer

if TYPE_CHECKING:  # the HTTP stack and the engine load only for --sync
    from desktop_app.sync.one_pass import PassReport

log = logging.getLogger(__name__)


def _print_err(text: str) -> None:
    print(text, file=sys.stderr)


# -- --status ---------------------------------------------------------------------------------------


def status_command(
    data_dir: Path,
    server_url: str | None = None,
    *,
    out: Callable[[str], None] = print,
    say_err: Say | None = None,
) -> int:
    """Print the outbox figures as one JSON object on stdout; notes in words on stderr."""
    say_err = say_err or printer("zh_CN", _print_err)
    report: dict[str, Any] = {"data_dir": str(data_dir), "database": str(data_dir / DB_FILENAME)}
    try:
        found, notes, extra = _read_status(data_dir, server_url)
    except StoreError as exc:
        report["error"] = exc.message.code.value
        out(json.dumps(report, ensure_ascii=False))
        say_err(exc.message)
        return Exit.LOCAL_DATA
    report.update({state.value: found.counts.get(state, 0) for state in State})
    report["unconfirmed"] = found.unconfirmed  # uncertain for a day or 20 tries: for IT to look at
    report.update(pending=found.pending, server=server_url, other_servers=found.elsewhere, **extra)
    out(json.dumps(report, ensure_ascii=False))
    for note in notes + _elsewhere_notes(found.elsewhere):
        say_err(note)
    return Exit.OK


def _read_status(
    data_dir: Path, server_url: str | None
) -> tuple[QueueFigures, list[Message], dict[str, Any]]:
    path = data_dir / DB_FILENAME
    problem = place_problem(path)
    if problem is not None and problem.code in READ_ONLY_CODES and path.is_file():
        found = read_only_figures(path, server_url, time.time())
        return (
            found,
            [msg(CommandCode.STATUS_READ_ONLY, str(data_dir))],
            {"read_only": True, "moved_aside": None},
        )
    if problem is not None:
        raise StoreError(problem)
    store = LocalStore(data_dir, server_url=server_url)
    try:
        found = figures(store.outbox(), time.time())
    finally:
        store.close()
    notes, moved = _moved_aside(store)
    return found, notes, {"read_only": False, "moved_aside": moved}


def _moved_aside(store: LocalStore) -> tuple[list[Message], dict[str, Any] | None]:
    if store.recovered_from is None:
        return [], None
    moved = {"to": str(store.recovered_from), "rescued": store.salvaged}
    return [msg(StoreCode.MOVED_ASIDE, str(store.recovered_from), store.salvaged)], moved


def _elsewhere_notes(elsewhere: dict[str, int]) -> list[Message]:
    return [msg(CommandCode.WAITING_FOR_OTHER_SERVER, n, server) for server, n in elsewhere.items()]


# -- --sync -----------------------------------------------------------------------------------------


def sync_command(
    data_dir: Path,
    server_url: str | None,
    *,
    connect_timeout_s: float,
    read_timeout_s: float,
    request_deadline_s: float | None = None,
    verify: bool | str = True,
    deadline_s: float | None = None,
    say: Say | None = None,
    ask_running: bool = True,
) -> int:
    """Send everything still to sync now (立即同步, whatever each row's backoff); exit 0
    only when nothing is left waiting to be sent.

    ``deadline_s`` bounds the pass (default ``one_pass.SYNC_DEADLINE_S``);
    ``request_deadline_s`` each request (default ``api.answer.DEFAULT_DEADLINE_S``).
    """
    from desktop_app.sync.one_pass import SYNC_DEADLINE_S

    deadline_s = SYNC_DEADLINE_S if deadline_s is None else deadline_s
    say = say or printer("zh_CN")
    if not server_url:
        say(msg(CommandCode.SYNC_NO_SERVER))
        return Exit.USAGE
    report: PassReport | None = _ask_running_window(data_dir, deadline_s) if ask_running else None
    if report is not None:
        say(msg(CommandCode.SYNC_BY_RUNNING_PROGRAM))
    else:
        try:
            timeouts = (connect_timeout_s, read_timeout_s, request_deadline_s)
            report = _sync_here(data_dir, server_url, timeouts, verify, deadline_s, say)
        except StoreError as exc:
            say(exc.message)
            return Exit.LOCAL_DATA
    figures_ = (report.sent, report.attention, report.pending)
    if report.offline is not None:
        say(msg(CommandCode.SYNC_SUMMARY_OFFLINE, *figures_, report.offline))
    else:
        say(msg(CommandCode.SYNC_SUMMARY, *figures_))
    for note in _elsewhere_notes(report.elsewhere):
        say(note)
    return Exit.OK if report.done else Exit.NOT_DONE


def _sync_here(
    data_dir: Path,
    server_url: str,
    timeouts: tuple[float, float, float | None],
    verify: bool | str,
    deadline_s: float,
    say: Say,
) -> PassReport:
    from desktop_app.api import make_http_client
    from desktop_app.api.answer import DEFAULT_DEADLINE_S
    from desktop_app.sync.engine import SyncEngine
    from desktop_app.sync.one_pass import sync_pass

    connect_timeout_s, read_timeout_s, request_deadline_s = timeouts
    store = LocalStore(data_dir, server_url=server_url)
    try:
        for note in _moved_aside(store)[0]:
            say(note)
        with make_http_client(connect_timeout_s, read_timeout_s, verify) as http:
            deadline = DEFAULT_DEADLINE_S if request_deadline_s is None else request_deadline_s
            engine = SyncEngine(store, http, server_url, request_deadline_s=deadline)
            try:
                report = sync_pass(engine, store, deadline_s)
            finally:
                engine.stop()
        assert report is not None  # no engine thread here: the pass ran on this thread to its end
        return report
    finally:
        store.close()


def _ask_running_window(data_dir: Path, deadline_s: float) -> PassReport | None:
    """The report of the window running on ``data_dir`` after it synced; None when none runs
    (or it could not: then this process syncs, which the outbox's claims make safe)."""
    from desktop_app.sync.one_pass import PassReport
    from desktop_app.ui.single_instance import SYNC, ask, place_for

    reply = ask(place_for(data_dir).server, SYNC, {"deadline_s": deadline_s}, timeout_s=deadline_s + 10)
    if reply is None:
        return None
    if not reply.ok:
        log.info("the running program did not sync (%s); syncing here", reply.data.get("error"))
        return None
    return PassReport.from_data(reply.data)
