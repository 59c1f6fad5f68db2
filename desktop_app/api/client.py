"""One typed method per server action over an injected ``httpx.Client``.

The client never retries and never sleeps: it turns every outcome into a result or one
of the four error classes, and leaves what to do about it to its caller (the sync
engine, the UI's background work, the command line). Every request goes through
``answer.read_answer``: a total deadline, a size cap, and no answer that can raise
anything else.
"""

from __future__ import annotations

import json
import logging
import os
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from desktop_app.domain.actions import Action
from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import Message, msg

from .answer import (
    DEFAULT_DEADLINE_S,
    DEFAULT_MAX_BYTES,
    Errmsg,
    NotConnected,
    NoValidAnswer,
    Why,
    classify_errmsg,
    read_answer,
)
from .errors import ApiError, Malformed, NoAnswer, NotReached, Refused
from .models import (
    CallbackItem,
    Choice,
    LoginResult,
    Package,
    Phone,
    Project,
    as_list,
    as_str,
    member,
)
from .wire import endpoint

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_CONNECT_TIMEOUT = 3.0
DEFAULT_READ_TIMEOUT = 10.0

# The documented request header; without a charset an old Java servlet may read the
# Chinese names of a body as ISO-8859-1.
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


def make_http_client(
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    read_timeout: float = DEFAULT_READ_TIMEOUT,
    verify: bool | str = True,
    *,
    server_url: str | None = None,
) -> httpx.Client:
    """An ``httpx.Client`` with the timeouts and TLS settings the product uses.

    ``verify`` is True (the public CAs of certifi), or the path of a company CA bundle
    (a PEM file, or a folder of hashed certificates), trusted in addition to the public
    CAs. A bundle that cannot be read raises OSError or ssl.SSLError here. Proxies from
    the environment are ignored: agents' PCs talk to the company server directly, and a
    stray proxy variable would turn into baffling failures. A client made for a plain
    ``http://`` ``server_url`` with no company bundle loads no CA store (certifi's costs
    about 1 MB of the idle program): it never opens TLS, and if it were asked to, the
    empty store would refuse every certificate, never let one pass unchecked.
    """
    timeout = httpx.Timeout(read_timeout, connect=connect_timeout, pool=connect_timeout)
    return httpx.Client(
        timeout=timeout,
        verify=_tls_setting(verify, server_url),
        trust_env=False,
        limits=httpx.Limits(max_connections=4, max_keepalive_connections=2),
        headers={"User-Agent": "estate-call-desktop"},
    )


def _tls_setting(verify: bool | str, server_url: str | None) -> bool | ssl.SSLContext:
    if verify is True and server_url is not None and urlsplit(server_url).scheme.lower() == "http":
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifying, with nothing trusted
    return tls_context(verify) if isinstance(verify, str) else verify


def tls_context(ca_bundle: str) -> ssl.SSLContext:
    """Certificate checking against certifi's CAs plus the company's ``ca_bundle``."""
    import certifi

    context = ssl.create_default_context(cafile=certifi.where())
    if os.path.isdir(ca_bundle):
        context.load_verify_locations(capath=ca_bundle)
    else:
        context.load_verify_locations(cafile=ca_bundle)
    return context


# OpenSSL's verify codes (X509_V_ERR_*) with a reason an agent or IT can act on.
_VERIFY_REASONS = {
    9: ApiCode.CERT_NOT_YET_VALID,
    10: ApiCode.CERT_EXPIRED,
    18: ApiCode.CERT_SELF_SIGNED,
    19: ApiCode.CERT_SELF_SIGNED_IN_CHAIN,
    20: ApiCode.CERT_UNKNOWN_ISSUER,
    21: ApiCode.CERT_UNKNOWN_ISSUER,
    62: ApiCode.CERT_WRONG_HOST,
    64: ApiCode.CERT_WRONG_IP,
}
_UNTRUSTED_CODES = (18, 19, 20, 21)


def connect_problem(exc: BaseException) -> Message:
    """Why a connection failed: a TLS failure says so, with OpenSSL's reason."""
    cause: BaseException | None = exc
    for _ in range(8):  # httpx.ConnectError <- httpcore.ConnectError <- ssl.SSLError
        if cause is None:
            break
        if isinstance(cause, ssl.SSLCertVerificationError):
            code = cause.verify_code
            detail = cause.verify_message or cause.reason or str(cause)
            reason = msg(_VERIFY_REASONS.get(code, ApiCode.CERT_NOT_TRUSTED))
            kind = ApiCode.CERT_UNTRUSTED if code in _UNTRUSTED_CODES else ApiCode.CERT_REJECTED
            return msg(kind, reason, detail)
        if isinstance(cause, ssl.SSLError):
            return msg(ApiCode.TLS_FAILED, cause.reason or str(cause))
        cause = cause.__cause__ or cause.__context__
    return msg(ApiCode.UNREACHABLE)


def not_connected_message(exc: NotConnected) -> Message:
    """Why nothing left this PC; a TLS failure keeps OpenSSL's reason (its cause chain)."""
    if exc.why is Why.CONNECT_TIMEOUT:
        return msg(ApiCode.CONNECT_TIMEOUT)
    if exc.why is Why.NO_FREE_CONNECTION:
        return msg(ApiCode.POOL_TIMEOUT)
    if exc.why is Why.BAD_URL:
        return msg(ApiCode.BAD_URL)
    return connect_problem(exc)


# For a read, these answers mean the server (or what stands before it: a proxy, a
# captive portal) is not there to answer; for a write they are no less uncertain.
SERVER_NOT_THERE = frozenset({Why.HTTP_STATUS, Why.HTML, Why.EMPTY, Why.NOT_JSON})


def no_valid_answer_message(exc: NoValidAnswer) -> Message:
    """What came back instead of a valid answer, as the agent and IT read it."""
    why = exc.why
    if why is Why.TIMEOUT:
        return msg(ApiCode.READ_TIMEOUT)
    if why is Why.RESET:
        return msg(ApiCode.CONNECTION_LOST)
    if why is Why.HTTP_STATUS:
        return msg(ApiCode.HTTP_STATUS, exc.status or 0)
    if why in (Why.HTML, Why.NOT_JSON):
        return msg(ApiCode.NOT_JSON, repr(exc.detail))
    if why is Why.EMPTY:
        return msg(ApiCode.EMPTY_REPLY)
    if why is Why.TOO_LARGE:
        return msg(ApiCode.ANSWER_TOO_LARGE, exc.detail)
    if why is Why.TOO_DEEP:
        return msg(ApiCode.ANSWER_TOO_DEEP)
    if why is Why.UNDECODABLE:
        return msg(ApiCode.ANSWER_UNDECODABLE)
    if why is Why.ENCODED:
        return msg(ApiCode.ANSWER_ENCODED, exc.detail)
    return msg(ApiCode.REQUEST_FAILED, exc.detail or why.value)


@dataclass(frozen=True)
class CallRecord:
    """What the client tells its observer after every request (for logs and status)."""

    action: str
    base_url: str
    duration_s: float
    outcome: str  # "ok" or the error class name
    detail: str = ""


def enroll_number(user_num: str) -> int | str:
    """``get_user_status`` takes the 工号 as a JSON number when it is all digits."""
    text = user_num.strip()
    # isdecimal, not isdigit: "²" is a digit that int() refuses; full-width "１２" is fine.
    return int(text) if text.isdecimal() else text


class ApiClient:
    """The eleven actions of the estate call API, against one base URL at a time."""

    def __init__(
        self,
        http: httpx.Client,
        base_url: str,
        observer: Callable[[CallRecord], None] | None = None,
        *,
        deadline_s: float = DEFAULT_DEADLINE_S,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        """``deadline_s`` bounds each request whole (connect, send, the entire answer);
        ``max_bytes`` caps an answer's size, read as it streams in."""
        self._http = http
        self.base_url = base_url.rstrip("/")
        self._observer = observer
        self.deadline_s = deadline_s
        self.max_bytes = max_bytes
        self._urls: dict[tuple[str, str], httpx.URL] = {}

    # -- the actions -------------------------------------------------------------------

    def login(self, user_num: str, pwd: str, machine_no: str = "weixin") -> LoginResult:
        payload = {"user_num": user_num, "pwd": pwd, "machine_no": machine_no}
        return self._call(Action.LOGIN, payload, LoginResult.from_json)

    def getpros(self, user_id: int) -> list[Project]:
        return self._call(
            Action.GETPROS,
            {"user_id": user_id},
            lambda b: [Project.from_json(p) for p in as_list(b, "projects")],
        )

    def getpackages(self, user_id: int, pro_id: int) -> list[Package]:
        return self._call(
            Action.GETPACKAGES,
            {"user_id": user_id, "pro_id": pro_id},
            lambda b: [Package.from_json(p) for p in as_list(b, "packages")],
        )

    def getphone(self, user_id: int, package_id: int) -> Phone:
        """The next phone of a package; Refused carries ``此信息包已经 call 完`` at the end."""
        return self._call(Action.GETPHONE, {"user_id": user_id, "package_id": package_id}, Phone.from_json)

    def getcallback(self) -> list[CallbackItem]:
        return self._call(
            Action.GETCALLBACK,
            None,
            lambda b: [CallbackItem.from_json(i) for i in as_list(b, "call_back_item")],
        )

    def get_customer_type(self) -> list[Choice]:
        return self._call(
            Action.GET_CUSTOMER_TYPE,
            None,
            lambda b: [Choice.from_json(i) for i in as_list(b, "customer_type")],
        )

    def get_gender_type(self) -> list[Choice]:
        return self._call(
            Action.GET_GENDER_TYPE, None, lambda b: [Choice.from_json(i) for i in as_list(b, "gender_type")]
        )

    def get_server_url(self) -> str:
        """The raw ``server_url`` (host and path, no scheme); see ``wire.normalize_server_url``."""
        return self._call(
            Action.GET_SERVER_URL, None, lambda b: as_str(member(b, "server_url") or "", "server_url")
        )

    def get_user_status(self, user_num: str) -> str:
        return self._call(
            Action.GET_USER_STATUS,
            {"enroll_number": enroll_number(user_num)},
            lambda b: as_str(member(b, "user_status"), "user_status"),
        )

    # -- writes, as the outbox sends them ------------------------------------------------

    def send_write(self, action: str, payload: Mapping[str, Any]) -> None:
        """Post a write (``savecallback``, ``save_to_customer``) exactly as queued; returns only on ``errmsg: ok``.

        This is the one way a write reaches the server: the outbox stores the payload
        built by ``domain.writes`` and the sync engine sends it through here.

        A JSON answer with no ``errmsg`` at all, or one that is not text, is Malformed
        (the server did something, but did not say it saved the item), never success.
        """
        self._call(action, payload, lambda _answer: None, writes=True)

    # -- plumbing ----------------------------------------------------------------------

    def _call(
        self,
        action: str,
        payload: Mapping[str, Any] | None,
        build: Callable[[dict[str, Any]], T],
        writes: bool = False,
    ) -> T:
        """One request and its typed result; the observer hears the final outcome."""
        started = time.perf_counter()
        base = self.base_url
        try:
            result = self._parse(action, self._exchange(action, payload, writes), build)
        except ApiError as exc:
            self._observe(action, base, started, type(exc).__name__, str(exc.message))
            raise
        self._observe(action, base, started, "ok")
        return result

    def _exchange(self, action: str, payload: Mapping[str, Any] | None, writes: bool) -> dict[str, Any]:
        """The answer as a JSON object, or the error class that says what became of the request.

        Only nothing having left this PC is NotReached for a write: once its body went
        out, anything but a valid JSON answer leaves delivery uncertain (NoAnswer, or
        Malformed for a JSON answer of the wrong shape). See ``errors``.
        """
        try:
            request = self._request(action, payload)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise NotReached(action, msg(ApiCode.BAD_URL)) from exc
        try:
            answer = read_answer(self._http, request, deadline_s=self.deadline_s, max_bytes=self.max_bytes)
        except NotConnected as exc:
            raise NotReached(action, not_connected_message(exc)) from exc
        except NoValidAnswer as exc:
            message = no_valid_answer_message(exc)
            if not writes and exc.why in SERVER_NOT_THERE:
                raise NotReached(action, message) from exc
            raise NoAnswer(action, message) from exc
        if not isinstance(answer, dict):
            raise Malformed(action, f"reply is a JSON {type(answer).__name__}, not an object")
        verdict = classify_errmsg(answer)
        if verdict.kind is Errmsg.REFUSAL:
            raise Refused(action, verdict.text)
        if verdict.kind is Errmsg.MALFORMED:
            raise Malformed(action, "errmsg is not text")
        if writes and verdict.kind is Errmsg.ABSENT:
            # The server did something, but did not say it saved the item.
            raise Malformed(action, "reply has no errmsg")
        if verdict.kind is Errmsg.OK and not writes and len(answer) == 1:
            # {"errmsg": "ok"} where data was expected: nothing usable came back.
            raise Malformed(action, "reply has only errmsg")
        return answer

    def _request(self, action: str, payload: Mapping[str, Any] | None) -> httpx.Request:
        url = self._url(action)
        if payload is None:
            return self._http.build_request("GET", url)
        content = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        request = self._http.build_request("POST", url, content=content.encode("utf-8"))
        # Set on the built request: per-request headers cost a merge of all headers.
        request.headers["Content-Type"] = JSON_CONTENT_TYPE
        return request

    def _url(self, action: str) -> httpx.URL:
        """The endpoint with ``?action_name=``, parsed once per base URL and action.

        httpx parses a URL given as text on every request; a parsed one it only copies.
        """
        key = (self.base_url, action)
        url = self._urls.get(key)
        if url is None:
            url = httpx.URL(endpoint(self.base_url), params={"action_name": action})
            if len(self._urls) >= 64:  # base URLs come and go with get_server_url
                self._urls.clear()
            self._urls[key] = url
        return url

    @staticmethod
    def _parse(action: str, body: dict[str, Any], build: Callable[[dict[str, Any]], T]) -> T:
        try:
            return build(body)
        except (ValueError, TypeError, AttributeError) as exc:
            raise Malformed(action, str(exc)) from exc

    def _observe(self, action: str, base: str, started: float, outcome: str, detail: str = "") -> None:
        if self._observer is None:
            return
        record = CallRecord(action, base, time.perf_counter() - started, outcome, detail)
        try:
            self._observer(record)
        except Exception:  # an observer's bug must not turn into a failed request
            log.exception("request observer failed")
