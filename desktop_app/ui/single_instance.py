"""One program per data folder and OS user: a second start talks to the first one.

The first start listens on a local socket (a Unix socket in a folder only this user can
enter; a named pipe open to this user on Windows) named by a hash of the normalised
data folder and the OS user (``instance_place``). A later start connects to it and sends one request —
``activate`` (bring the window to the front) or ``sync`` (sync now and say what was
done) — and gets one reply. The election runs under a lock file, so two starts at the
same moment cannot both become the first; a name left behind by a crash (connecting
is refused) is removed before listening.

The protocol is one JSON line each way, UTF-8:
``{"protocol": 1, "command": "sync", "args": {}}`` then ``{"ok": true, …}`` or
``{"ok": false, "error": CODE}``. The server side runs on the thread that owns it (the
UI thread), driven by its event loop; the asking side blocks, within a time limit, and
needs no event loop (it runs before one exists, or in ``--sync``).

Only QtCore and QtNetwork: no widgets, so the command line can use it too.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from .instance_place import Place as Place  # the names are re-exported: one import for callers
from .instance_place import instance_name as instance_name
from .instance_place import normalised_folder as normalised_folder
from .instance_place import os_user as os_user
from .instance_place import place_for as place_for
from .instance_place import private_runtime_dir as private_runtime_dir

log = logging.getLogger(__name__)

PROTOCOL = 1
ACTIVATE = "activate"
SYNC = "sync"
COMMANDS = (ACTIVATE, SYNC)
MAX_LINE_BYTES = 64 * 1024
DEFAULT_ASK_TIMEOUT_S = 5.0
DEFAULT_REPLY_TIMEOUT_S = 120.0  # a sync pass may take a while; the asker sets its own limit
READ_TIMEOUT_S = 5.0  # a connection that sends no request line within this is dropped
_CONNECT_MS = 1000
_SLICE_MS = 50
_NOBODY = (
    QLocalSocket.LocalSocketError.ServerNotFoundError,
    QLocalSocket.LocalSocketError.ConnectionRefusedError,
)


# -- the asking side --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """What the running instance said; ``answered`` is False when it gave no valid reply in time."""

    answered: bool
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.answered and self.data.get("ok") is True


def ask(
    server: str,
    command: str,
    args: Mapping[str, Any] | None = None,
    *,
    timeout_s: float = DEFAULT_ASK_TIMEOUT_S,
) -> Reply | None:
    """Send one request to the instance listening on ``server``; None when none is running."""
    end = time.monotonic() + timeout_s
    connected = _connect(server, end)
    if connected is None:
        return None
    if isinstance(connected, Reply):
        return connected
    return _converse(connected, command, args, end)


def start_or_ask(
    place: Place,
    command: str = ACTIVATE,
    args: Mapping[str, Any] | None = None,
    *,
    timeout_s: float = DEFAULT_ASK_TIMEOUT_S,
    reply_timeout_s: float = DEFAULT_REPLY_TIMEOUT_S,
    parent: QObject | None = None,
) -> InstanceServer | Reply:
    """Become the first instance (an InstanceServer) or ask the one running (its Reply).

    The returned server may not be listening (``error`` says why, e.g. the name is taken
    by another user): the program then runs alone, without the guard.
    """
    end = time.monotonic() + timeout_s
    lock = QLockFile(place.lock)
    locked = lock.tryLock(max(0, int(timeout_s * 1000)))
    if not locked:
        log.warning("single instance: no election lock %s (%s); going on without", place.lock, lock.error())
    try:
        connected = _connect(place.server, end)
        if connected is None:
            server = InstanceServer(place.server, reply_timeout_s=reply_timeout_s, parent=parent)
            server.listen()
            return server
    finally:
        if locked:
            lock.unlock()
    if isinstance(connected, Reply):
        return connected
    return _converse(connected, command, args, end)


def _connect(server: str, end: float) -> QLocalSocket | Reply | None:
    """A socket connected to ``server``; None when nobody listens; a Reply when it is stuck."""
    sock = QLocalSocket()
    sock.connectToServer(server)
    if sock.waitForConnected(_ms_left(end, cap_ms=_CONNECT_MS)):
        return sock
    error = sock.error()
    sock.abort()
    if error in _NOBODY:
        return None
    log.info("single instance: %s did not take the connection: %s", server, error.name)
    return Reply(answered=False, data={"error": "connect_" + error.name})


def _converse(sock: QLocalSocket, command: str, args: Mapping[str, Any] | None, end: float) -> Reply:
    """Write the request line and read the reply line before ``end``."""
    if command == ACTIVATE:
        _allow_foreground()
    line = json.dumps(
        {"protocol": PROTOCOL, "command": command, "args": dict(args or {})}, ensure_ascii=False
    )
    try:
        sock.write((line + "\n").encode("utf-8"))
        while sock.bytesToWrite() > 0 and sock.waitForBytesWritten(_ms_left(end)):
            pass
        if not _wait_for_line(sock, end):
            return Reply(answered=False, data={"error": "no_reply"})
        data = _json_line(bytes(sock.readLine(MAX_LINE_BYTES + 1).data()))
    finally:
        sock.abort()
    if data is None or not isinstance(data.get("ok"), bool):
        return Reply(answered=False, data={"error": "bad_reply"})
    return Reply(answered=True, data=data)


def _wait_for_line(sock: QLocalSocket, end: float) -> bool:
    """Whether a whole line arrived before ``end``.

    Waits in short slices: a blocking wait holds Python's lock, and an instance
    answering from this very process (tests) needs it to run its slot.
    """
    while not sock.canReadLine():
        if sock.bytesAvailable() > MAX_LINE_BYTES or time.monotonic() >= end:
            return False
        if not sock.waitForReadyRead(_ms_left(end, cap_ms=_SLICE_MS)) and (
            sock.state() == QLocalSocket.LocalSocketState.UnconnectedState and not sock.canReadLine()
        ):
            return False  # closed without a (whole) line
    return True


def _ms_left(end: float, cap_ms: int | None = None) -> int:
    left = max(1, int((end - time.monotonic()) * 1000))
    return left if cap_ms is None else min(left, cap_ms)


def _allow_foreground() -> None:
    """Windows lets the first instance take the foreground only if the starting one allows it."""
    if sys.platform == "win32":
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY


def _json_line(raw: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


# -- the first instance -------------------------------------------------------------------------------


class InstanceRequest:
    """One request of a later start; answer it once with ``reply`` or ``fail``, on the server's thread.

    Answering after the asker left (or a second time) does nothing and returns False.
    """

    def __init__(self, command: str, args: dict[str, Any], send: Callable[[dict[str, Any]], bool]) -> None:
        self.command = command
        self.args = args
        self._send: Callable[[dict[str, Any]], bool] | None = send

    @property
    def open(self) -> bool:
        return self._send is not None

    def reply(self, **data: Any) -> bool:
        return self._answer({**data, "ok": True})

    def fail(self, error: str, **data: Any) -> bool:
        return self._answer({**data, "ok": False, "error": error})

    def _answer(self, data: dict[str, Any]) -> bool:
        send, self._send = self._send, None
        return send(data) if send is not None else False

    def _close(self) -> None:
        self._send = None


class InstanceServer(QObject):
    """The first instance's end: ``requested`` carries each valid InstanceRequest."""

    requested = Signal(object)

    def __init__(
        self,
        server: str,
        *,
        reply_timeout_s: float = DEFAULT_REPLY_TIMEOUT_S,
        read_timeout_s: float = READ_TIMEOUT_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.server = server
        self.error = ""
        self._reply_timeout_ms = int(reply_timeout_s * 1000)
        self._read_timeout_ms = int(read_timeout_s * 1000)
        self._listener = QLocalServer(self)
        self._conversations: set[_Conversation] = set()
        if sys.platform == "win32":
            # Pipes are global on Windows: open this one to its user only. (On Unix the
            # private folder does that; this option would there replace a live socket.)
            self._listener.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._listener.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Listen, first removing a name a crashed instance left (call only after connecting failed)."""
        QLocalServer.removeServer(self.server)
        if self._listener.listen(self.server):
            log.info("single instance: listening on %s", self.server)
            return True
        self.error = self._listener.errorString()
        log.warning("single instance: cannot listen on %s: %s", self.server, self.error)
        return False

    def is_listening(self) -> bool:
        return self._listener.isListening()

    def close(self) -> None:
        """Stop listening and free the name (the Unix socket file goes too); end the
        conversations still open, so none of their sockets signals into a deleted one."""
        self._listener.close()
        for conversation in list(self._conversations):
            conversation._end()

    def _accept(self) -> None:
        while (sock := self._listener.nextPendingConnection()) is not None:
            self._conversations.add(_Conversation(sock, self))

    def _deliver(self, request: InstanceRequest) -> None:
        self.requested.emit(request)


class _Conversation:
    """One connection: read one request line, hand it on, write the reply, close.

    A plain object kept by its server until it ends, not a QObject: the socket (owned by
    the listener) and the timer are Qt's to delete, with ``deleteLater``, and no Python
    subclass of QObject is deleted under a wrapper that still lives.
    """

    def __init__(self, sock: QLocalSocket, server: InstanceServer) -> None:
        self._sock = sock
        self._server = server
        self._request: InstanceRequest | None = None
        self._ended = False
        self._timer = QTimer(server)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        self._timer.start(server._read_timeout_ms)
        sock.readyRead.connect(self._read)
        sock.disconnected.connect(self._end)
        if sock.canReadLine():
            self._read()

    def _read(self) -> None:
        if self._request is not None or self._ended:
            return
        if not self._sock.canReadLine():
            if self._sock.bytesAvailable() > MAX_LINE_BYTES:
                self._send({"ok": False, "error": "too_long"})
            return
        data = _json_line(bytes(self._sock.readLine(MAX_LINE_BYTES + 1).data()))
        problem = _request_problem(data)
        if data is None or problem:
            self._send({"ok": False, "error": problem or "not_json"})
            return
        args = data.get("args")
        self._request = InstanceRequest(
            str(data["command"]), args if isinstance(args, dict) else {}, self._send
        )
        self._timer.start(self._server._reply_timeout_ms)
        self._server._deliver(self._request)

    def _send(self, data: dict[str, Any]) -> bool:
        if self._ended:
            return False
        self._timer.stop()
        line = json.dumps(data, ensure_ascii=False, default=str) + "\n"
        self._sock.write(line.encode("utf-8"))
        self._sock.flush()
        self._sock.disconnectFromServer()  # after the reply is written
        return True

    def _timed_out(self) -> None:
        if self._request is not None:
            self._request._close()
            self._send({"ok": False, "error": "no_reply"})
        else:
            self._end()

    def _end(self) -> None:
        if self._ended:
            return
        self._ended = True
        self._timer.stop()
        if self._request is not None:
            self._request._close()
        self._sock.blockSignals(True)  # its end (now or later) must not call back here
        self._timer.blockSignals(True)
        self._sock.abort()
        self._sock.deleteLater()
        self._timer.deleteLater()
        self._server._conversations.discard(self)


def _request_problem(data: dict[str, Any] | None) -> str:
    """Why a request line is not one this server takes ("" when it is)."""
    if data is None:
        return "not_json"
    if data.get("protocol") != PROTOCOL:
        return "protocol"
    if data.get("command") not in COMMANDS:
        return "unknown_command"
    if not isinstance(data.get("args", {}), dict):
        return "bad_args"
    return ""
