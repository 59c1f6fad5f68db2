"""The asking side: a later start sends one request and waits, within a limit, for one reply.

It blocks and needs no event loop (it runs before one exists, or in ``--sync``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtNetwork import QLocalSocket

from .protocol import ACTIVATE, DEFAULT_ASK_TIMEOUT_S, MAX_LINE_BYTES, PROTOCOL, json_line

log = logging.getLogger(__name__)

_CONNECT_MS = 1000
_SLICE_MS = 50
_NOBODY = (
    QLocalSocket.LocalSocketError.ServerNotFoundError,
    QLocalSocket.LocalSocketError.ConnectionRefusedError,
)


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
    connected = connect(server, end)
    if connected is None:
        return None
    if isinstance(connected, Reply):
        return connected
    return converse(connected, command, args, end)


def connect(server: str, end: float) -> QLocalSocket | Reply | None:
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


def converse(sock: QLocalSocket, command: str, args: Mapping[str, Any] | None, end: float) -> Reply:
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
        data = json_line(bytes(sock.readLine(MAX_LINE_BYTES + 1).data()))
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
