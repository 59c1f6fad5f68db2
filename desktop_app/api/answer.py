"""One request and its answer, so that nothing the server sends can crash, hang or bloat us.

``read_answer`` sends a request within a **total deadline** (connect, send and the whole
answer) and reads the answer under a **size cap**, streamed: past the cap it stops
reading and drops the connection, never holding more. It then decodes (spec/api.md,
quirk 4, through ``wire``) and parses the JSON. Whatever happens, it returns a JSON
value or raises one of two outcome types, which say whether the request can have
reached the server:

- ``NotConnected``: nothing left this PC (refused, DNS, connect timeout, TLS failure,
  no free connection): certainly not delivered;
- ``NoValidAnswer``: the request went out and no valid JSON came back (deadline, reset,
  an HTTP error status, HTML, empty, not JSON, too large, too deep, undecodable): the
  server may have acted on it, delivery is uncertain.

The deadline is kept without a watchdog thread: every connection this module opens is
bound to it (through httpcore's public ``trace`` hook), so each of its reads and writes
waits at most the time left to the request on the calling thread. One byte every few
seconds then cannot stretch a request past its deadline, as a per-read timeout alone
would let it. Two limits remain: a DNS lookup takes what the system resolver takes,
and a kept-alive connection opened by a request that did not come through here is
bound only once the answer's head has arrived. So every request on the client should
come through ``read_answer``.

``classify_errmsg`` tells the three meanings of an answer's ``errmsg`` apart (quirk 2).
"""

from __future__ import annotations

import enum
import json
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeAlias

import httpcore
import httpx

from .wire import charset_of, decode_strict, is_error_key, is_ok

log = logging.getLogger(__name__)

JsonValue: TypeAlias = dict[str, "JsonValue"] | list["JsonValue"] | str | int | float | bool | None

DEFAULT_DEADLINE_S = 15.0
DEFAULT_MAX_BYTES = 4 << 20
# The API's answers are three levels deep ({"projects": [{…}]}) and hold hundreds of
# values; these bounds are far above that and far below what could hurt: a parsed
# value costs ~50–100 bytes, so a few MB of "[{},{},…]" would otherwise weigh 100 MB.
MAX_DEPTH = 32
MAX_VALUES = 100_000
_SNIPPET_CHARS = 60
_OBJECT_AS_ARRAY = str.maketrans("{", "[")


class Why(enum.Enum):
    """What became of a request that brought no JSON value back."""

    # NotConnected: nothing was sent.
    REFUSED = "refused"  # the server's port is closed (or the server is down)
    DNS = "dns"  # the host name did not resolve
    CONNECT_TIMEOUT = "connect_timeout"  # no connection within the time (or the deadline had passed)
    TLS = "tls"  # the TLS handshake failed (certificate, protocol)
    CONNECT = "connect"  # any other failure to connect (network unreachable, …)
    NO_FREE_CONNECTION = "no_free_connection"  # every connection of the client stayed busy
    BAD_URL = "bad_url"  # a scheme or URL the client cannot send to
    # NoValidAnswer: the request, or part of it, went out.
    TIMEOUT = "timeout"  # no whole answer by the deadline (or a read outlasted the client's timeout)
    RESET = "reset"  # the connection was reset or closed before a whole answer
    HTTP_STATUS = "http_status"  # an answer, but with a status other than 2xx (``status`` says which)
    ENCODED = "encoded"  # a Content-Encoding the client did not ask for (a decompression bomb)
    TOO_LARGE = "too_large"  # more bytes (or values) than the cap
    UNDECODABLE = "undecodable"  # no charset decodes it, or it holds unpaired surrogates
    EMPTY = "empty"  # no body, or only whitespace
    HTML = "html"  # a page (proxy, captive portal, error page) where JSON was due
    NOT_JSON = "not_json"  # some other text
    TOO_DEEP = "too_deep"  # JSON nested deeper than MAX_DEPTH
    UNEXPECTED = "unexpected"  # an error no rule foresaw; ``detail`` names it


class AnswerFailure(Exception):
    """A request that brought no JSON value back; ``sent`` says whether it may have arrived."""

    sent: ClassVar[bool]

    def __init__(self, why: Why, *, status: int | None = None, detail: str = "") -> None:
        super().__init__(" ".join(part for part in (why.value, str(status or ""), detail) if part))
        self.why = why
        self.status = status  # the HTTP status, for HTTP_STATUS
        self.detail = detail  # data for the log: the start of the text, an OS error, a class name


class NotConnected(AnswerFailure):
    """Nothing left this PC: the server certainly did not get the request."""

    sent = False


class NoValidAnswer(AnswerFailure):
    """The request went out and no valid JSON came back: the server may have acted on it."""

    sent = True


def read_answer(
    http: httpx.Client,
    request: httpx.Request,
    *,
    deadline_s: float = DEFAULT_DEADLINE_S,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> JsonValue:
    """Send ``request`` on ``http`` and return its answer as JSON.

    Raises NotConnected or NoValidAnswer, and nothing else (but BaseExceptions such as
    KeyboardInterrupt). The request is adjusted in place: its timeouts are cut to the
    deadline, it asks for an unencoded answer, and a trace hook binds its connection.
    """
    end = time.monotonic() + deadline_s
    try:
        content, charset = _exchange(http, request, end, max_bytes)
    except AnswerFailure:
        raise
    except httpx.TransportError as exc:
        raise _transport_failure(exc) from exc
    except Exception as exc:
        log.warning("unexpected error while reading an answer", exc_info=True)
        raise NoValidAnswer(Why.UNEXPECTED, detail=type(exc).__name__) from exc
    return parse_answer(content, charset)


def parse_answer(content: bytes, charset: str | None) -> JsonValue:
    """The JSON value of an answer's bytes; raises NoValidAnswer, and nothing else."""
    try:
        text = decode_strict(content, charset)
    except Exception:  # a codec named by the server may fail in any way
        text = None
    if text is None:
        raise NoValidAnswer(Why.UNDECODABLE)
    stripped = text.strip()
    if not stripped:
        raise NoValidAnswer(Why.EMPTY)
    snippet = " ".join(stripped[: _SNIPPET_CHARS * 4].split())[:_SNIPPET_CHARS]
    if stripped.startswith("<"):
        raise NoValidAnswer(Why.HTML, detail=snippet)
    if sum(stripped.count(mark) for mark in ",[{") > MAX_VALUES:
        if "[" * (MAX_DEPTH + 1) in stripped.translate(_OBJECT_AS_ARRAY):
            raise NoValidAnswer(Why.TOO_DEEP)
        raise NoValidAnswer(Why.TOO_LARGE, detail=f"more than {MAX_VALUES} values")
    try:
        value: JsonValue = json.loads(stripped)
    except RecursionError:
        raise NoValidAnswer(Why.TOO_DEEP) from None
    except ValueError:  # JSONDecodeError, and integers too long to convert
        raise NoValidAnswer(Why.NOT_JSON, detail=snippet) from None
    except Exception as exc:
        raise NoValidAnswer(Why.UNEXPECTED, detail=type(exc).__name__) from exc
    problem = _shape_problem(value)
    if problem is not None:
        raise NoValidAnswer(problem)
    return value


# -- errmsg -----------------------------------------------------------------------------------


class Errmsg(enum.Enum):
    """What an answer's ``errmsg`` member says (spec/api.md, quirk 2)."""

    ABSENT = "absent"  # no such member
    OK = "ok"  # "ok" in any case and spacing
    REFUSAL = "refusal"  # any other string: the server read the request and said no
    MALFORMED = "malformed"  # null, a number, a boolean, a list, an object — or no JSON object at all


@dataclass(frozen=True)
class ErrmsgVerdict:
    kind: Errmsg
    text: str = ""  # a refusal's message, stripped (possibly empty)


def classify_errmsg(answer: JsonValue) -> ErrmsgVerdict:
    """The verdict of the ``errmsg`` member (found under any spacing of its name)."""
    if not isinstance(answer, dict):
        return ErrmsgVerdict(Errmsg.MALFORMED)
    for key, value in answer.items():
        if is_error_key(key):
            if not isinstance(value, str):
                return ErrmsgVerdict(Errmsg.MALFORMED)
            if is_ok(value):
                return ErrmsgVerdict(Errmsg.OK)
            return ErrmsgVerdict(Errmsg.REFUSAL, value.strip())
    return ErrmsgVerdict(Errmsg.ABSENT)


# -- the exchange ---------------------------------------------------------------------------------


def _exchange(
    http: httpx.Client, request: httpx.Request, end: float, max_bytes: int
) -> tuple[bytes, str | None]:
    """The answer's bytes and declared charset, read within the deadline and the cap."""
    left = end - time.monotonic()
    if left <= 0:
        raise NotConnected(Why.CONNECT_TIMEOUT, detail="the deadline had passed")
    timeouts = request.extensions.get("timeout") or {}
    request.extensions["timeout"] = {
        name: left if timeouts.get(name) is None else min(timeouts[name], left)
        for name in ("connect", "read", "write", "pool")
    }
    request.extensions["trace"] = _Tracer.around(request.extensions.get("trace"))
    request.headers["Accept-Encoding"] = "identity"
    outer = getattr(_deadline, "end", None)
    _deadline.end = end
    try:
        response = http.send(request, stream=True)
        try:
            _bind(response.extensions.get("network_stream"))
            return _body(response, max_bytes), charset_of(response.headers.get("content-type"))
        finally:
            _close(response)
    finally:
        _deadline.end = outer


def _body(response: httpx.Response, max_bytes: int) -> bytes:
    if not 200 <= response.status_code < 300:
        raise NoValidAnswer(Why.HTTP_STATUS, status=response.status_code)
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity"):
        raise NoValidAnswer(Why.ENCODED, detail=encoding[:_SNIPPET_CHARS])
    declared = response.headers.get("content-length", "").strip()
    if declared.isdecimal() and int(declared) > max_bytes:
        raise NoValidAnswer(Why.TOO_LARGE, detail=f"Content-Length {declared[:20]}")
    # A transport may have read the answer itself (httpx.MockTransport in tests does).
    chunks = (response.content,) if response.is_stream_consumed else response.iter_raw()
    received = bytearray()
    for chunk in chunks:
        if len(received) + len(chunk) > max_bytes:
            raise NoValidAnswer(Why.TOO_LARGE, detail=f"more than {max_bytes} bytes")
        received += chunk
    return bytes(received)


def _close(response: httpx.Response) -> None:
    """Close the answer; one not read to its end takes its connection with it."""
    try:
        response.close()
    except Exception:
        log.debug("closing an answer failed", exc_info=True)


def _transport_failure(exc: httpx.TransportError) -> AnswerFailure:
    if isinstance(exc, httpx.ConnectTimeout):
        return NotConnected(Why.CONNECT_TIMEOUT)
    if isinstance(exc, httpx.PoolTimeout):
        return NotConnected(Why.NO_FREE_CONNECTION)
    if isinstance(exc, httpx.ConnectError):
        return NotConnected(_connect_why(exc), detail=str(exc)[:200])
    if isinstance(exc, httpx.UnsupportedProtocol):
        return NotConnected(Why.BAD_URL)
    if isinstance(exc, httpx.TimeoutException):
        return NoValidAnswer(Why.TIMEOUT)
    if isinstance(exc, (httpx.NetworkError, httpx.RemoteProtocolError)):
        return NoValidAnswer(Why.RESET, detail=str(exc)[:200])
    return NoValidAnswer(Why.UNEXPECTED, detail=type(exc).__name__)


def _connect_why(exc: BaseException) -> Why:
    """Why a connection failed, from the OS or TLS error under httpx's own."""
    cause: BaseException | None = exc
    for _ in range(8):  # httpx.ConnectError <- httpcore.ConnectError <- OSError
        if cause is None:
            break
        if isinstance(cause, ssl.SSLError):
            return Why.TLS
        if isinstance(cause, socket.gaierror):
            return Why.DNS
        if isinstance(cause, ConnectionRefusedError):
            return Why.REFUSED
        cause = cause.__cause__ or cause.__context__
    return Why.CONNECT


def _shape_problem(value: JsonValue) -> Why | None:
    """TOO_DEEP past MAX_DEPTH, UNDECODABLE for strings that cannot be stored (lone surrogates)."""
    stack: list[tuple[JsonValue, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            if depth > MAX_DEPTH:
                return Why.TOO_DEEP
            for key, member in item.items():
                if not _storable(key):
                    return Why.UNDECODABLE
                stack.append((member, depth + 1))
        elif isinstance(item, list):
            if depth > MAX_DEPTH:
                return Why.TOO_DEEP
            stack.extend((member, depth + 1) for member in item)
        elif isinstance(item, str) and not _storable(item):
            return Why.UNDECODABLE
    return None


def _storable(text: str) -> bool:
    """False for strings with unpaired surrogates ("\\ud800"): no UTF-8 can hold them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -- the deadline on every read and write of a connection ---------------------------------------------


_deadline = threading.local()  # .end: time.monotonic() by which this thread's request must be over
_BOUND = "_estate_deadline_bound"


def _cut(timeout: float | None, expired: type[Exception]) -> float | None:
    """``timeout`` cut to what is left of the calling thread's deadline (if it has one)."""
    end: float | None = getattr(_deadline, "end", None)
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise expired("the request's deadline has passed")
    return left if timeout is None else min(timeout, left)


def _bind(stream: object) -> None:
    """Make every read and write of a network stream wait no longer than its thread's deadline."""
    if stream is None or getattr(stream, _BOUND, False):
        return
    read, write = getattr(stream, "read", None), getattr(stream, "write", None)
    if not callable(read) or not callable(write):
        return

    def bounded_read(max_bytes: int, timeout: float | None = None) -> bytes:
        data: bytes = read(max_bytes, _cut(timeout, httpcore.ReadTimeout))
        return data

    def bounded_write(buffer: bytes, timeout: float | None = None) -> None:
        write(buffer, _cut(timeout, httpcore.WriteTimeout))

    try:
        setattr(stream, "read", bounded_read)  # noqa: B010 (an instance attribute, not a method)
        setattr(stream, "write", bounded_write)  # noqa: B010
        setattr(stream, _BOUND, True)
    except AttributeError:
        log.warning("cannot bind %s to the request deadline", type(stream).__name__)


class _Tracer:
    """httpcore's ``trace`` hook: binds each connection as it is opened (TCP, then TLS)."""

    _OPENED = ("connection.connect_tcp.complete", "connection.start_tls.complete")

    def __init__(self, chained: Callable[[str, dict[str, Any]], None] | None) -> None:
        self._chained = chained

    @classmethod
    def around(cls, existing: Any) -> _Tracer:
        """A tracer calling ``existing`` too (once, however often a request is sent)."""
        return existing if isinstance(existing, _Tracer) else cls(existing)

    def __call__(self, event: str, info: dict[str, Any]) -> None:
        if event in self._OPENED:
            _bind(info.get("return_value"))
        if self._chained is not None:
            self._chained(event, info)
