"""The embedded stand-in of the estate call server, on loopback, with fault switches.

``main.py --demo``, agent training and every integration test talk to this server over
real HTTP. It speaks the contract of ``spec/api.md`` (see ``actions.py``) and can be
made to misbehave the way the real network does, at run time, from any thread:
refused connections, hung requests, replies lost after a write was saved, proxy and
captive-portal pages, GBK bodies, numbers sent as strings, refused writes, latency —
and the way a hostile one does: answers trickled a byte at a time, nested 100,000
deep or megabytes long, ``errmsg`` members of every shape, and bad answers (or a reset
connection) after a write was recorded. Any switch can be limited to some actions and
to a number of requests.

Standard library only. With an ``ssl_context`` it speaks HTTPS (the TLS handshake runs
in the connection's own thread, so a client that rejects the certificate never blocks
the accept loop). Keep-alive HTTP/1.1 with ``TCP_NODELAY``: without it, small
answers on a kept-alive connection stall for the peer's delayed ACK (~40 ms).
"""

from __future__ import annotations

import contextlib
import html
import io
import ipaddress
import json
import logging
import selectors
import socket
import socketserver
import ssl
import struct
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import hostile, pages
from .actions import WRITE_ACTIONS, DemoBackend
from .data import DemoData

log = logging.getLogger(__name__)

ENDPOINT_PATH = "/estate/ihk/weixin"
MAX_BODY_BYTES = 1 << 20
JSON_TYPE = "application/json; charset=utf-8"
# The old Java server labels some of its JSON answers as HTML or plain text.
CONTENT_TYPES = {
    "getcallback": "text/html;charset=UTF-8",
    "get_gender_type": "text/html;charset=UTF-8",
    "get_server_url": "text/plain;charset=UTF-8",
}
_POLL_S = 0.02  # how often a hung request looks whether its fault was cleared
_DOWN_WAIT_S = 2.0  # how long set_down(True) waits for answers under way to finish


@dataclass
class Faults:
    """Switches of the demo server's misbehaviour; all off by default.

    Flip them at any time from any thread. When several are on, the first that applies
    in this order wins: latency (added first), hang, proxy_502, portal_html, non_json,
    then the action runs (refuse_writes), then lost_reply, after_receipt, errmsg_shape;
    the answer is then built with all of numbers_as_strings, gbk_html, deep_nesting and
    huge_mb that are on.
    Whatever is sent (error pages included) goes without a Content-Length when
    ``close_delimited`` is on, and is trickled when ``trickle_s`` is set.
    Setting ``down`` is the same as ``DemoServer.set_down``.

    Every switch but ``down`` applies to the actions in ``only_actions`` (all when it is
    empty), and while ``times`` is not None to that many more such requests only: each
    one that meets a switch counts it down, and at 0 answers are normal again.
    """

    latency_s: float = 0.0  # added before every answer
    down: bool = False  # listening socket and every connection closed: connects are refused
    lost_reply: bool = False  # process the request (record a write), then close without answering
    hang: bool = False  # read the request, never answer (until cleared or the server stops)
    proxy_502: bool = False  # HTTP 502 with nginx's "Bad Gateway" page; nothing processed
    portal_html: bool = False  # HTTP 200 captive-portal login page; nothing processed
    non_json: bool = False  # HTTP 200 "OK" for writes, an empty body for reads; nothing processed
    gbk_html: bool = False  # JSON encoded GBK, Content-Type "text/html" without a charset…
    gbk_charset_header: bool = False  # …or, with this on, "text/html; charset=GBK"
    numbers_as_strings: bool = False  # every int of an answer sent as a string, phone_no as a number
    refuse_writes: bool = False  # writes answered 传入数据错误 and not recorded
    # The action runs (a write is recorded, answered=False), then the answer is one of
    # hostile.AFTER_RECEIPT: "502" (nginx page), "html" (portal page), "non_json" ("OK"),
    # "empty" (200, no body) or "reset" (the connection reset, no answer at all).
    after_receipt: str = ""
    # The action runs (a write is recorded, answered=False), then the answer is one of
    # hostile.ERRMSG_SHAPES: {"errmsg": null | 0 | true | ["ok"] | {…}} ("null", "zero",
    # "true", "list", "object"), bytes no charset decodes ("undecodable"), a bare JSON
    # array ("array") or an empty body ("empty").
    errmsg_shape: str = ""
    deep_nesting: int = 0  # the answer gets a member "nested": N arrays nested in each other
    huge_mb: float = 0.0  # the answer gets a member "padding": a string of N MB, streamed
    close_delimited: bool = False  # no Content-Length: the answer ends when the connection closes
    trickle_s: float = 0.0  # the answer, status line first, sent one byte every trickle_s seconds…
    trickle_after_bytes: int = 0  # …once this many bytes went at full speed
    only_actions: frozenset[str] = frozenset()  # the switches apply to these actions (empty: all)
    times: int | None = None  # …and to this many more requests (None: no limit)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "only_actions":
            value = frozenset((value,) if isinstance(value, str) else value)
        elif name == "errmsg_shape" and value and value not in hostile.ERRMSG_SHAPES:
            raise ValueError(f"errmsg_shape must be one of {hostile.ERRMSG_SHAPES}, not {value!r}")
        elif name == "after_receipt" and value and value not in hostile.AFTER_RECEIPT:
            raise ValueError(f"after_receipt must be one of {hostile.AFTER_RECEIPT}, not {value!r}")
        object.__setattr__(self, name, value)
        if name == "down":
            on_down = self.__dict__.get("_on_down")
            if on_down is not None:
                on_down(bool(value))

    def any_switch_on(self) -> bool:
        """Whether a request switch is on (``down`` and the modifiers are not switches)."""
        return any(getattr(self, f.name) for f in fields(self) if f.name not in _NOT_SWITCHES)


_NOT_SWITCHES = frozenset({"down", "gbk_charset_header", "trickle_after_bytes", "only_actions", "times"})
_NO_FAULTS = Faults()  # what a request outside only_actions, or past times, meets


@dataclass(frozen=True)
class RecordedWrite:
    """A write the server accepted: what it received, when, and whether it answered."""

    action: str  # "savecallback" | "save_to_customer"
    payload: dict[str, Any]  # the JSON body exactly as received
    received_at: float  # time.time()
    answered: bool  # False when lost_reply, after_receipt or errmsg_shape spoiled the answer


class _Connection:
    """One client connection, as ``set_down`` and ``stop`` need to see it."""

    IDLE, BUSY, HUNG = "idle", "busy", "hung"

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.state = self.IDLE
        self.released = threading.Event()  # set when the server closes this connection

    def abort(self) -> None:
        """Close from another thread: wakes the handler out of reads, hangs and latency."""
        self.released.set()
        with contextlib.suppress(OSError):
            # The plain socket's shutdown: an SSLSocket's own would drop its TLS state
            # under the handler thread that is still reading from it.
            socket.socket.shutdown(self.sock, socket.SHUT_RDWR)


class DemoServer:
    """The demo server; ``with DemoServer() as server:`` serves on ``server.base_url``."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        data: DemoData | None = None,
        *,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """``ssl_context`` (a server-side context with its certificate loaded) turns on HTTPS."""
        if not _is_loopback(host):
            raise ValueError(f"the demo server listens on loopback only, not {host!r}")
        self.data = data if data is not None else DemoData.default()
        self._host = host
        self._port = port
        self.ssl_context = ssl_context
        self._lock = threading.RLock()
        self._faults = Faults()
        object.__setattr__(self._faults, "_on_down", self.set_down)
        self._backend = DemoBackend(self.data, self._current_server_url)
        self._server_url: str | None = None
        self._writes: list[RecordedWrite] = []
        self._counts: Counter[str] = Counter()
        self._connections: set[_Connection] = set()
        self._listener: _Listener | None = None
        self._retired: list[_HTTPServer] = []
        self._started = False
        self._stopped = False

    # -- life cycle ---------------------------------------------------------------------

    def start(self) -> DemoServer:
        """Listen and serve in a daemon thread; returns self."""
        with self._lock:
            if self._stopped:
                raise RuntimeError("a stopped DemoServer cannot be started again")
            if not self._started:
                self._started = True
                self._open_listener()
                if self._faults.down:
                    self._close_listener()
        return self

    def stop(self) -> None:
        """Close the listener and every connection, then join the threads. Idempotent."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            if self._listener is not None:
                self._close_listener()
            for conn in self._connections:
                conn.abort()
            retired, self._retired = self._retired, []
        for server in retired:
            server.server_close()  # joins the connection threads (all aborted above)

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- what tests and the launcher read --------------------------------------------------

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        scheme = "http" if self.ssl_context is None else "https"
        return f"{scheme}://{self._host}:{self._port}/estate"

    @property
    def faults(self) -> Faults:
        return self._faults

    @faults.setter
    def faults(self, value: Faults) -> None:
        object.__setattr__(value, "_on_down", self.set_down)
        self._faults = value
        self.set_down(value.down)

    def writes(self, action: str | None = None) -> list[RecordedWrite]:
        """Accepted writes in arrival order (refused ones are not included)."""
        with self._lock:
            return [w for w in self._writes if action is None or w.action == action]

    def request_count(self, action: str | None = None) -> int:
        """Requests that reached a handler, whatever fault then applied to them."""
        with self._lock:
            return self._counts.total() if action is None else self._counts[action]

    # -- switches -----------------------------------------------------------------------

    def set_down(self, down: bool) -> None:
        """Down: close the listener and every connection not in the middle of an answer;
        those finish, then close, and are waited for (up to ``_DOWN_WAIT_S``) so that no
        client can reuse a kept-alive connection the server is about to close. Up: listen
        again on the same port."""
        with self._lock:
            object.__setattr__(self._faults, "down", bool(down))
            if not self._started or self._stopped:
                return
            if down and self._listener is not None:
                self._close_listener()
                for conn in self._connections:
                    if conn.state != _Connection.BUSY:
                        conn.abort()
            elif not down and self._listener is None:
                self._open_listener()
        if down:
            end = time.monotonic() + _DOWN_WAIT_S
            while time.monotonic() < end and self._answering():
                time.sleep(_POLL_S)

    def _answering(self) -> bool:
        with self._lock:
            return any(conn.state == _Connection.BUSY for conn in self._connections)

    def set_server_url(self, value: str | None) -> None:
        """What ``get_server_url`` answers; None restores ``127.0.0.1:PORT/estate``."""
        with self._lock:
            self._server_url = value

    def reset(self) -> None:
        """Clear every fault, the recorded writes and counts, and the phone hand-out positions."""
        for field in fields(Faults):
            setattr(self._faults, field.name, field.default)
        with self._lock:
            self._writes.clear()
            self._counts.clear()
            self._server_url = None
            self._backend.reset()

    # -- used by the request handler ---------------------------------------------------------

    def _current_server_url(self) -> str:
        with self._lock:
            return f"{self._host}:{self._port}/estate" if self._server_url is None else self._server_url

    def _serving(self) -> bool:
        return not (self._stopped or self._faults.down)

    def _register(self, conn: _Connection) -> bool:
        with self._lock:
            if not self._serving():
                return False
            self._connections.add(conn)
            return True

    def _unregister(self, conn: _Connection) -> None:
        with self._lock:
            self._connections.discard(conn)

    def _begin(self, conn: _Connection, action: str) -> bool:
        """A request was read; False means the server went down meanwhile: drop it unseen."""
        with self._lock:
            if not self._serving():
                return False
            conn.state = _Connection.BUSY
            self._counts[action] += 1
            return True

    def _faults_for(self, action: str) -> Faults:
        """The switches that apply to this request; counts ``times`` down when one does."""
        with self._lock:
            faults = self._faults
            if faults.only_actions and action not in faults.only_actions:
                return _NO_FAULTS
            if faults.times is not None and faults.any_switch_on():
                if faults.times <= 0:
                    return _NO_FAULTS
                faults.times -= 1
            return faults

    def _hang(self, conn: _Connection) -> None:
        with self._lock:
            conn.state = _Connection.HUNG
            if not self._serving():
                return
        while self._faults.hang and not conn.released.wait(_POLL_S):
            pass

    def _end(self, conn: _Connection) -> bool:
        """The request is over; False means close the connection (server down or stopping)."""
        with self._lock:
            conn.state = _Connection.IDLE
            if self._serving():
                return True
            conn.abort()  # at once, so a client never reuses it for its next request
            return False

    def _record(self, action: str, payload: dict[str, Any], answered: bool) -> None:
        with self._lock:
            self._writes.append(RecordedWrite(action, payload, time.time(), answered))

    # -- listening (called with the lock held) ---------------------------------------------

    def _open_listener(self) -> None:
        self._listener = _Listener((self._host, self._port), self)
        self._port = self._listener.port
        log.debug("demo server listening on %s", self.base_url)

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
            self._retired.append(listener.http)
            log.debug("demo server stopped listening on port %s", self._port)


class _Listener:
    """A listening socket and the thread accepting on it; ``close`` stops it at once.

    ``serve_forever`` only notices a shutdown at its next poll; a socket pair wakes this
    loop instead, so going down and stopping take no time at all.
    """

    def __init__(self, address: tuple[str, int], demo: DemoServer) -> None:
        self.http = _HTTPServer(address, demo)
        self.port = int(self.http.server_address[1])
        self._wake_r, self._wake_w = socket.socketpair()
        self._thread = threading.Thread(target=self._accept, name=f"demo-server-{self.port}", daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self.http.socket, selectors.EVENT_READ)
            selector.register(self._wake_r, selectors.EVENT_READ)
            while True:
                ready = selector.select()
                if any(key.fileobj is self._wake_r for key, _events in ready):
                    return
                self.http.handle_request()  # accepts one connection; its thread serves it

    def close(self) -> None:
        self._wake_w.send(b"\0")
        self._thread.join()
        self.http.socket.close()
        self._wake_r.close()
        self._wake_w.close()


class _HTTPServer(ThreadingHTTPServer):
    """A thread per connection; joined on ``server_close``."""

    daemon_threads = True
    block_on_close = True
    allow_reuse_address = True
    # handle_request() is called only once a connection is waiting; should it be gone
    # by then, return at once rather than block the accept loop.
    timeout = 0

    def __init__(self, address: tuple[str, int], demo: DemoServer) -> None:
        self.demo = demo
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks DNS for the host's full name: slow on some PCs, useless here.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    def get_request(self) -> tuple[Any, Any]:
        sock, address = super().get_request()
        context = self.demo.ssl_context
        if context is not None:
            # The handshake happens on the handler thread's first read.
            sock = context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("connection from %s ended with an error", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every answer carries Content-Length
    disable_nagle_algorithm = True
    server_version = "Apache-Coyote/1.1"
    sys_version = ""
    timeout = 120  # an idle kept-alive connection is closed after this many seconds
    server: _HTTPServer

    _action = ""
    _trickle: tuple[float, int] | None = None  # (seconds per byte, bytes still sent at once)
    _close_delimited = False

    def handle(self) -> None:
        demo = self.server.demo
        self._conn = _Connection(self.connection)
        if not demo._register(self._conn):
            return
        try:
            super().handle()
        except OSError as exc:
            log.debug("connection closed: %s", exc)
        finally:
            demo._unregister(self._conn)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    # -- one request --------------------------------------------------------------------

    def _serve(self) -> None:
        demo = self.server.demo
        self._action = ""
        self._trickle = None
        self._close_delimited = False
        body = self._read_body()
        if body is None:
            return
        url = urlsplit(self.path)
        self._action = parse_qs(url.query).get("action_name", [""])[0]
        if not demo._begin(self._conn, self._action):
            self.close_connection = True
            return
        try:
            self._dispatch(demo, url.path, body)
        finally:
            if not demo._end(self._conn):
                self.close_connection = True

    def _dispatch(self, demo: DemoServer, path: str, body: bytes) -> None:
        action = self._action
        faults = demo._faults_for(action)
        if faults.trickle_s > 0:
            self._trickle = (faults.trickle_s, max(0, faults.trickle_after_bytes))
        self._close_delimited = faults.close_delimited
        if faults.latency_s > 0 and self._conn.released.wait(faults.latency_s):
            self._drop("server stopped")
            return
        if faults.hang:
            demo._hang(self._conn)
            self._drop("hung")
            return
        if faults.proxy_502:
            self._send(502, pages.BAD_GATEWAY.encode(), "text/html")
            return
        if faults.portal_html:
            self._send(200, pages.PORTAL_LOGIN.encode(), "text/html; charset=utf-8")
            return
        if faults.non_json:
            self._send(200, b"OK" if action in WRITE_ACTIONS else b"", "text/html;charset=UTF-8")
            return
        if path.rstrip("/") != ENDPOINT_PATH or not demo._backend.knows(action):
            page = pages.NOT_FOUND.format(path=html.escape(self.path))
            self._send(404, page.encode(), "text/html;charset=utf-8")
            return
        payload = _json_object(body)
        outcome = demo._backend.answer(action, payload, refuse_writes=faults.refuse_writes)
        spoiled = faults.lost_reply or bool(faults.after_receipt) or bool(faults.errmsg_shape)
        if outcome.accepted_write and payload is not None:
            demo._record(action, payload, answered=not spoiled)
        if faults.lost_reply:
            self._drop("reply lost")
            return
        content_type = CONTENT_TYPES.get(action, JSON_TYPE)
        if faults.after_receipt:
            self._send_after_receipt(faults.after_receipt)
            return
        if faults.errmsg_shape:
            self._send(200, hostile.shape_body(action, faults.errmsg_shape), content_type)
            return
        answer = _numbers_as_strings(outcome.body) if faults.numbers_as_strings else outcome.body
        text = json.dumps(answer, ensure_ascii=False)
        if faults.gbk_html:
            content_type = "text/html; charset=GBK" if faults.gbk_charset_header else "text/html"
            data = text.encode("gbk")
        else:
            data = text.encode("utf-8")
        data = hostile.with_nesting(data, faults.deep_nesting)
        pieces, length = hostile.padded(data, faults.huge_mb)
        self._send_pieces(200, pieces, length, content_type)

    def _send_after_receipt(self, kind: str) -> None:
        """A bad answer to a request the server has acted upon (see ``Faults.after_receipt``)."""
        if kind == "502":
            self._send(502, pages.BAD_GATEWAY.encode(), "text/html")
        elif kind == "html":
            self._send(200, pages.PORTAL_LOGIN.encode(), "text/html; charset=utf-8")
        elif kind == "non_json":
            self._send(200, b"OK", "text/plain;charset=UTF-8")
        elif kind == "empty":
            self._send(200, b"", "text/html;charset=UTF-8")
        else:
            self._reset()

    def _read_body(self) -> bytes | None:
        """The request body, or None after answering a request whose length is unusable."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._send(411, b"Length Required", "text/plain", close=True)
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY_BYTES:
            self._send(413 if length > 0 else 400, b"Bad Content-Length", "text/plain", close=True)
            return None
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            self.close_connection = True
            return None
        return body

    def _send(self, status: int, data: bytes, content_type: str, close: bool = False) -> None:
        self._send_pieces(status, iter((data,)), len(data), content_type, close)

    def _send_pieces(
        self, status: int, pieces: Iterable[bytes], length: int, content_type: str, close: bool = False
    ) -> None:
        """An answer of ``length`` bytes given piece by piece (huge ones are never held whole)."""
        close = close or self._close_delimited or not self.server.demo._serving()
        wire, head = self.wfile, io.BytesIO()
        self.wfile = head  # the standard library writes the head to wfile: catch it
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if not self._close_delimited:
                self.send_header("Content-Length", str(length))
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
        finally:
            self.wfile = wire
        self._write(head.getvalue())
        for piece in pieces:
            if not self._write(piece):
                return

    def _write(self, data: bytes) -> bool:
        """Write, trickled when the fault says so; False when the server stopped meanwhile."""
        if self._trickle is None:
            self.wfile.write(data)
            return True
        interval, burst = self._trickle
        if burst > 0:
            self.wfile.write(data[:burst])
            self._trickle = (interval, burst - len(data[:burst]))
            data = data[burst:]
        for i in range(len(data)):
            self.wfile.write(data[i : i + 1])
            if self._conn.released.wait(interval):
                self._drop("server stopped")
                return False
        return True

    def _reset(self) -> None:
        """Reset the connection (RST, not FIN): the client sees ECONNRESET, no answer."""
        log.debug("%s %s -> connection reset", self.command, self._action)
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            # Closing the last handle with a zero linger time sends RST; wfile holds none.
            self.rfile.close()
            self.connection.close()

    def _drop(self, why: str) -> None:
        """Close the connection without a word of answer."""
        log.debug("%s %s -> no answer (%s)", self.command, self._action or self.path, why)
        self.close_connection = True

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug("%s %s -> %s", self.command, self._action or self.path, int(code) if code != "-" else code)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s: " + format, self.client_address[0], *args)


def _is_loopback(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost"
    return address.version == 4 and address.is_loopback


def _json_object(body: bytes) -> dict[str, Any] | None:
    """The request body as a JSON object, or None when it is not one."""
    try:
        value = json.loads(body.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError is a ValueError
        return None
    return value if isinstance(value, dict) else None


def _numbers_as_strings(value: Any, key: str = "") -> Any:
    """Every int as a string (``"user_id": "29"``), and ``phone_no`` as a JSON number."""
    if key == "phone_no" and isinstance(value, str) and value.isdecimal():
        return int(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return {k: _numbers_as_strings(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers_as_strings(v) for v in value]
    return value
