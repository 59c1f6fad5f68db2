"""The first instance's end: it listens, reads one request per connection and sends one reply.

It runs on the thread that owns it (the UI thread), driven by its event loop.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from .protocol import DEFAULT_REPLY_TIMEOUT_S, MAX_LINE_BYTES, READ_TIMEOUT_S, json_line, request_problem

log = logging.getLogger(__name__)


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
        """Stop listening and free the name (the Unix socket file goes too)."""
        self._listener.close()

    def _accept(self) -> None:
        while (sock := self._listener.nextPendingConnection()) is not None:
            _Conversation(sock, self, self._read_timeout_ms, self._reply_timeout_ms)


class _Conversation(QObject):
    """One connection: read one request line, hand it on, write the reply, close."""

    def __init__(self, sock: QLocalSocket, server: InstanceServer, read_ms: int, reply_ms: int) -> None:
        # The server is reached as parent(), never kept here: a Python reference back would
        # make a cycle, and the cyclic collector would then delete the server's Qt objects
        # at any moment, in the middle of the event loop (a crash).
        super().__init__(server)
        self._sock = sock
        sock.setParent(self)
        self._reply_ms = reply_ms
        self._request: InstanceRequest | None = None
        self._ended = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        self._timer.start(read_ms)
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
        data = json_line(bytes(self._sock.readLine(MAX_LINE_BYTES + 1).data()))
        problem = request_problem(data)
        if data is None or problem:
            self._send({"ok": False, "error": problem or "not_json"})
            return
        args = data.get("args")
        self._request = InstanceRequest(
            str(data["command"]), args if isinstance(args, dict) else {}, self._send
        )
        self._timer.start(self._reply_ms)
        server = self.parent()
        if isinstance(server, InstanceServer):
            server.requested.emit(self._request)

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
        self._sock.abort()
        self.deleteLater()
