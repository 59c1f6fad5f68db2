"""One program per data folder and user: names, the request/reply protocol, stale names
after a crash, and the election between real processes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from desktop_app.ui.single_instance import (
    ACTIVATE,
    SYNC,
    InstanceRequest,
    InstanceServer,
    Place,
    Reply,
    ask,
    instance_name,
    place_for,
    start_or_ask,
)

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("single_instance_child.py")
POSIX = sys.platform != "win32"


@pytest.fixture
def runtime() -> Iterator[str]:
    """A short private folder for the sockets (Unix socket paths are limited to ~100 bytes)."""
    folder = tempfile.mkdtemp(prefix="ec-")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def place(tmp_path: Path, runtime: str) -> Place:
    return place_for(tmp_path / "data", runtime_dir=runtime)


@pytest.fixture
def first(place: Place, qtbot: QtBot) -> Iterator[InstanceServer]:
    outcome = start_or_ask(place, reply_timeout_s=5, timeout_s=2)
    assert isinstance(outcome, InstanceServer) and outcome.is_listening(), outcome
    yield outcome
    outcome.close()
    outcome.deleteLater()


class QtThread(QThread):
    """A function on a Qt thread of its own: a local socket made there has the event
    dispatcher Qt expects (a bare Python thread has none, and Qt then crashes at times)."""

    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self._fn = fn

    def run(self) -> None:
        self._fn()


class Asker:
    """``ask`` on a thread of its own, so the server's event loop on this thread can answer."""

    def __init__(
        self, server: str, command: str, args: dict[str, Any] | None = None, timeout_s: float = 5
    ) -> None:
        self.result: list[Reply | None] = []
        self._thread = QtThread(lambda: self.result.append(ask(server, command, args, timeout_s=timeout_s)))
        self._thread.start()

    def reply(self, qtbot: QtBot, timeout_ms: int = 7000) -> Reply | None:
        qtbot.waitUntil(self._thread.isFinished, timeout=timeout_ms)
        self._thread.wait()
        return self.result[0]


def raw_exchange(qtbot: QtBot, server: str, line: bytes) -> dict[str, Any]:
    """Send ``line`` as it is and return the server's reply line, parsed."""
    result: list[bytes] = []

    def run() -> None:
        sock = QLocalSocket()
        sock.connectToServer(server)
        assert sock.waitForConnected(2000)
        sock.write(line)
        sock.waitForBytesWritten(2000)
        end = time.monotonic() + 5
        while not sock.canReadLine() and time.monotonic() < end:
            sock.waitForReadyRead(100)
        result.append(bytes(sock.readLine().data()))
        sock.abort()

    thread = QtThread(run)
    thread.start()
    qtbot.waitUntil(thread.isFinished, timeout=7000)
    thread.wait()
    reply: dict[str, Any] = json.loads(result[0])
    return reply


# -- names ---------------------------------------------------------------------------------------


def test_one_name_per_folder_and_user(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    (tmp_path / "link").symlink_to(data, target_is_directory=True)
    same = {
        instance_name(data, "agent"),
        instance_name(f"{data}/", "agent"),
        instance_name(data / "sub" / "..", "agent"),
        instance_name(tmp_path / "link", "agent"),
    }
    assert len(same) == 1
    assert instance_name(data, "agent") != instance_name(data / "sub", "agent")
    assert instance_name(data, "agent") != instance_name(data, "other")
    name = same.pop()
    assert name.startswith("estate-call-") and len(name) == len("estate-call-") + 24
    assert instance_name(data) == instance_name(data)  # the OS user by default


@pytest.mark.skipif(not POSIX, reason="Unix sockets live in a folder")
def test_the_socket_lives_in_a_private_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    place = place_for(tmp_path / "data")
    folder = Path(place.server).parent
    assert folder == tmp_path / f"estate-call-{os.getuid()}"
    assert folder.stat().st_mode & 0o777 == 0o700
    assert place.lock == place.server + ".lock"
    folder.chmod(0o755)  # not private (any more): the temp folder itself is used
    assert Path(place_for(tmp_path / "data").server).parent == tmp_path


# -- requests and replies, in one process -------------------------------------------------------------


def test_activate_reaches_the_first_instance_and_its_reply_comes_back(
    first: InstanceServer, place: Place, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(first.requested, timeout=5000) as signal_:
        asker = Asker(place.server, ACTIVATE, {"from": "test"})
    request = signal_.args[0]
    assert isinstance(request, InstanceRequest)
    assert (request.command, request.args, request.open) == (ACTIVATE, {"from": "test"}, True)
    assert request.reply(activated=True)
    assert asker.reply(qtbot) == Reply(answered=True, data={"activated": True, "ok": True})
    assert not request.open and not request.reply(again=True)  # one reply only


def test_sync_is_answered_later_and_failures_say_why(
    first: InstanceServer, place: Place, qtbot: QtBot
) -> None:
    pending: list[InstanceRequest] = []
    first.requested.connect(pending.append)
    asker = Asker(place.server, SYNC)
    qtbot.waitUntil(lambda: len(pending) == 1, timeout=5000)
    qtbot.wait(50)  # the asker keeps waiting while the sync pass runs
    assert pending[0].reply(sent=2, pending=1)
    reply = asker.reply(qtbot)
    assert reply is not None and reply.ok and reply.data == {"ok": True, "sent": 2, "pending": 1}

    asker = Asker(place.server, SYNC)
    qtbot.waitUntil(lambda: len(pending) == 2, timeout=5000)
    pending[1].fail("not_logged_in")
    reply = asker.reply(qtbot)
    assert reply == Reply(answered=True, data={"ok": False, "error": "not_logged_in"}) and not reply.ok


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (b"not json\n", "not_json"),
        (b"[1, 2]\n", "not_json"),
        (b'{"protocol": 2, "command": "activate"}\n', "protocol"),
        (b'{"protocol": 1, "command": "format_disk"}\n', "unknown_command"),
        (b'{"protocol": 1, "command": "sync", "args": [1]}\n', "bad_args"),
        (b"\xff\xfe\n", "not_json"),
        (b"[" * 100_000 + b"\n", "not_json"),
    ],
)
def test_bad_requests_get_an_error_and_the_server_stays(
    first: InstanceServer, place: Place, qtbot: QtBot, line: bytes, error: str
) -> None:
    seen: list[InstanceRequest] = []
    first.requested.connect(seen.append)
    assert raw_exchange(qtbot, place.server, line) == {"ok": False, "error": error}
    assert seen == []
    asker = Asker(place.server, ACTIVATE)
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    seen[0].reply()
    assert asker.reply(qtbot) == Reply(answered=True, data={"ok": True})


def test_an_endless_line_is_cut_off(first: InstanceServer, place: Place, qtbot: QtBot) -> None:
    assert raw_exchange(qtbot, place.server, b"x" * (70 * 1024)) == {"ok": False, "error": "too_long"}


def test_an_unanswered_request_times_out_on_both_sides(place: Place, qtbot: QtBot) -> None:
    server = InstanceServer(place.server, reply_timeout_s=0.3)
    assert server.listen()
    try:
        held: list[InstanceRequest] = []
        server.requested.connect(held.append)  # and never answered
        asker = Asker(place.server, SYNC, timeout_s=5)
        assert asker.reply(qtbot) == Reply(answered=True, data={"ok": False, "error": "no_reply"})
        assert held and not held[0].open and not held[0].reply(late=True)

        asker = Asker(place.server, SYNC, timeout_s=0.2)  # the asker's own limit is shorter
        assert asker.reply(qtbot) == Reply(answered=False, data={"error": "no_reply"})
    finally:
        server.close()
        server.deleteLater()


def test_a_reply_after_the_asker_left_is_dropped_quietly(
    first: InstanceServer, place: Place, qtbot: QtBot
) -> None:
    held: list[InstanceRequest] = []
    first.requested.connect(held.append)
    asker = Asker(place.server, SYNC, timeout_s=0.3)
    assert asker.reply(qtbot) == Reply(answered=False, data={"error": "no_reply"})
    qtbot.waitUntil(lambda: held != [] and not held[0].open, timeout=5000)
    qtbot.wait(10)  # let the deleted conversation's deleteLater run
    assert held[0].reply(sent=1) is False  # no "Internal C++ object already deleted"


def test_a_silent_connection_is_dropped(place: Place, qtbot: QtBot) -> None:
    server = InstanceServer(place.server, read_timeout_s=0.2)
    assert server.listen()
    try:
        sock = QLocalSocket()
        sock.connectToServer(place.server)
        assert sock.waitForConnected(2000)
        qtbot.waitUntil(lambda: sock.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=5000)
    finally:
        server.close()
        server.deleteLater()


def test_nobody_running_and_a_closed_instance(place: Place, qtbot: QtBot) -> None:
    started = time.monotonic()
    assert ask(place.server, ACTIVATE) is None
    assert time.monotonic() - started < 1
    outcome = start_or_ask(place)
    assert isinstance(outcome, InstanceServer) and outcome.is_listening()
    outcome.close()
    assert ask(place.server, ACTIVATE) is None
    if POSIX:
        assert not os.path.exists(place.server)  # closing frees the name


@pytest.mark.skipif(not POSIX, reason="a crashed process leaves a socket file only on Unix")
def test_a_name_left_by_a_crash_is_taken_over(place: Place, qtbot: QtBot) -> None:
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(place.server)  # a socket file nobody listens on, as after SIGKILL
    stale.close()
    assert os.path.exists(place.server)
    outcome = start_or_ask(place, timeout_s=2)
    assert isinstance(outcome, InstanceServer) and outcome.is_listening()
    try:
        with qtbot.waitSignal(outcome.requested, timeout=5000) as signal_:
            asker = Asker(place.server, ACTIVATE)
        signal_.args[0].reply()
        assert asker.reply(qtbot) == Reply(answered=True, data={"ok": True})
    finally:
        outcome.close()


# -- real processes ------------------------------------------------------------------------------------


def spawn(data_dir: Path, runtime: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), runtime, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen"),
        cwd=ROOT,
    )


def finish(child: subprocess.Popen[str], timeout_s: float = 20) -> str:
    try:
        out, err = child.communicate(timeout=timeout_s)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0, err
    return out


def test_a_second_process_brings_the_first_to_the_front_and_asks_it_to_sync(
    tmp_path: Path, runtime: str, place: Place
) -> None:
    first_child = spawn(tmp_path / "data", runtime, "--serve", "2")
    try:
        assert first_child.stdout is not None and first_child.stdout.readline() == "first\n"
        second = json.loads(finish(spawn(tmp_path / "data", runtime, ACTIVATE)))
        assert second["answered"] and second["data"]["activated"] is True
        assert second["data"]["pid"] == first_child.pid and second["data"]["asker"] != first_child.pid
        # The test process as a third start: a --sync asking the running window.
        reply = ask(place.server, SYNC, timeout_s=5)
        assert reply is not None and reply.ok and reply.data["sent"] == 3
        assert finish(first_child).strip() == "served activate,sync"
    finally:
        if first_child.poll() is None:
            first_child.kill()
            first_child.communicate()
    assert ask(place.server, ACTIVATE) is None  # the first closed cleanly and freed the name
    if POSIX:
        assert not os.path.exists(place.server)


@pytest.mark.skipif(not POSIX, reason="SIGKILL")
def test_after_the_first_process_is_killed_the_next_start_is_first(
    tmp_path: Path, runtime: str, place: Place, qtbot: QtBot
) -> None:
    child = spawn(tmp_path / "data", runtime)
    try:
        assert child.stdout is not None and child.stdout.readline() == "first\n"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()
    assert os.path.exists(place.server)  # the crash left its name behind
    outcome = start_or_ask(place, timeout_s=2)
    assert isinstance(outcome, InstanceServer) and outcome.is_listening()
    try:
        with qtbot.waitSignal(outcome.requested, timeout=15000) as signal_:
            asked = spawn(tmp_path / "data", runtime, SYNC)
        assert signal_.args[0].reply(sent=0)
        assert json.loads(finish(asked)) == {"answered": True, "data": {"ok": True, "sent": 0}}
    finally:
        outcome.close()


def test_starts_at_the_same_moment_elect_exactly_one_first(tmp_path: Path, runtime: str) -> None:
    at = str(time.time() + 1.5)  # past every child's start-up (imports take well under that)
    children = [
        spawn(tmp_path / "data", runtime, ACTIVATE, "--at", at, "--serve", "3", "--lifetime", "15")
        for _ in range(4)
    ]
    try:
        lines = {child.pid: finish(child).splitlines() for child in children}
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.communicate()
    firsts = [pid for pid, out in lines.items() if out and out[0] == "first"]
    assert len(firsts) == 1, lines
    for pid, out in lines.items():
        if pid != firsts[0]:
            reply = json.loads(out[0])
            assert reply["answered"] and reply["data"]["pid"] == firsts[0], lines
    assert lines[firsts[0]][-1] == "served activate,activate,activate"
