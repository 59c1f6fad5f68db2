"""``answer``: parsing any bytes without crashing, the errmsg verdict, and the classification
of transport failures (``httpx.MockTransport``: failures loopback cannot produce)."""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.api.answer import (
    MAX_DEPTH,
    MAX_VALUES,
    AnswerFailure,
    Errmsg,
    ErrmsgVerdict,
    NotConnected,
    NoValidAnswer,
    Why,
    classify_errmsg,
    parse_answer,
    read_answer,
)

URL = "http://127.0.0.1:8080/estate/ihk/weixin?action_name=getcallback"
CHARSETS = [
    None,
    "utf-8",
    "UTF-8",
    "gbk",
    "gb18030",
    "latin-1",
    "utf-16",
    "idna",
    "rot13",
    "hex",
    "undefined",
    "bogus",
    "",
]


def why(content: bytes, charset: str | None = None) -> Why:
    with pytest.raises(NoValidAnswer) as caught:
        parse_answer(content, charset)
    return caught.value.why


# -- parse_answer ------------------------------------------------------------------------------------


def test_json_values_of_every_kind() -> None:
    assert parse_answer(b'{"user_id": "29"}', "utf-8") == {"user_id": "29"}
    assert parse_answer(b'  [1, "\xe4\xba\x8c"]\r\n', None) == [1, "二"]
    assert parse_answer(b"0", None) == 0
    assert parse_answer(b"\xef\xbb\xbf{}", "gbk") == {}  # a UTF-8 BOM wins over the header
    assert parse_answer('{"n": "冯依敏"}'.encode("gbk"), None) == {"n": "冯依敏"}
    assert parse_answer('{"n": "冯依敏"}'.encode("gbk"), "gbk") == {"n": "冯依敏"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", Why.EMPTY),
        (b" \r\n\t", Why.EMPTY),
        (b"<html><body>502 Bad Gateway</body></html>", Why.HTML),
        (b"OK", Why.NOT_JSON),
        (b'{"a": 1', Why.NOT_JSON),
        (b"1" * 5000, Why.NOT_JSON),  # longer than Python converts to an int
        (b'{"errmsg ": "\xff\xfe ok"}', Why.UNDECODABLE),
        (b'{"name": "\\ud800"}', Why.UNDECODABLE),  # a lone surrogate no database can store
        (b'{"\\udfff": 1}', Why.UNDECODABLE),
        (b"[" * 100_000 + b"]" * 100_000, Why.TOO_DEEP),
        (b"[" * 900 + b"]" * 900, Why.TOO_DEEP),  # parses, and is still refused
        (b'{"a": ' + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"}", Why.TOO_DEEP),
        (b"[" + b"{}," * MAX_VALUES + b"{}]", Why.TOO_LARGE),
    ],
)
def test_what_is_no_valid_answer(content: bytes, expected: Why) -> None:
    assert why(content, "utf-8") is expected


@pytest.mark.parametrize("charset", CHARSETS)
def test_any_declared_charset_decodes_or_is_no_valid_answer(charset: str | None) -> None:
    # "idna" raises a bare UnicodeError, "rot13" and "hex" are no text encodings at all;
    # a wrong but working charset (latin-1) wins, as declared ones do (quirk 4).
    with contextlib.suppress(NoValidAnswer):
        answer = parse_answer('{"a": "二"}'.encode(), charset)
        assert isinstance(answer, dict) and list(answer) == ["a"]
    if charset in (None, "", "utf-8", "idna", "rot13", "hex", "undefined", "bogus"):
        assert parse_answer('{"a": "二"}'.encode(), charset) == {"a": "二"}


def test_depth_up_to_the_limit_is_fine() -> None:
    deepest = b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    assert parse_answer(deepest, None) is not None
    lots = b"[" + b"1," * (MAX_VALUES // 2) + b"1]"
    assert parse_answer(lots, None) == [1] * (MAX_VALUES // 2 + 1)


def test_the_start_of_a_page_is_kept_for_the_log() -> None:
    with pytest.raises(NoValidAnswer) as caught:
        parse_answer(
            b"<html>\n  <head><title>\xe4\xb8\x8a\xe7\xbd\x91\xe8\xae\xa4\xe8\xaf\x81</title>" + b" x" * 500,
            None,
        )
    assert caught.value.detail.startswith("<html> <head><title>上网认证</title>")
    assert len(caught.value.detail) == 60


@settings(max_examples=300, deadline=None)
@given(content=st.binary(max_size=300), charset=st.sampled_from(CHARSETS))
def test_no_bytes_raise_anything_but_no_valid_answer(content: bytes, charset: str | None) -> None:
    with contextlib.suppress(NoValidAnswer):
        parse_answer(content, charset)


json_text = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
).map(json.dumps)


@settings(max_examples=200, deadline=None)
@given(text=json_text, cut=st.integers(min_value=0, max_value=400), charset=st.sampled_from(CHARSETS))
def test_json_cut_anywhere_parses_or_is_no_valid_answer(text: str, cut: int, charset: str | None) -> None:
    with contextlib.suppress(NoValidAnswer):
        parse_answer(text[:cut].encode("utf-8", errors="surrogatepass"), charset)


# -- classify_errmsg ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ({"errmsg ": "ok"}, ErrmsgVerdict(Errmsg.OK)),
        ({" ErrMsg": " OK "}, ErrmsgVerdict(Errmsg.OK)),
        ({"errmsg": "传入数据错误 "}, ErrmsgVerdict(Errmsg.REFUSAL, "传入数据错误")),
        ({"errmsg": ""}, ErrmsgVerdict(Errmsg.REFUSAL, "")),
        ({"errmsg ": None}, ErrmsgVerdict(Errmsg.MALFORMED)),
        ({"errmsg ": 0}, ErrmsgVerdict(Errmsg.MALFORMED)),
        ({"errmsg ": True}, ErrmsgVerdict(Errmsg.MALFORMED)),
        ({"errmsg ": ["ok"]}, ErrmsgVerdict(Errmsg.MALFORMED)),
        ({"errmsg ": {"ok": True}}, ErrmsgVerdict(Errmsg.MALFORMED)),
        ([{"errmsg": "ok"}], ErrmsgVerdict(Errmsg.MALFORMED)),
        ("ok", ErrmsgVerdict(Errmsg.MALFORMED)),
        (None, ErrmsgVerdict(Errmsg.MALFORMED)),
        ({"user_id": 29}, ErrmsgVerdict(Errmsg.ABSENT)),
        ({}, ErrmsgVerdict(Errmsg.ABSENT)),
    ],
)
def test_errmsg_verdicts(answer: Any, verdict: ErrmsgVerdict) -> None:
    assert classify_errmsg(answer) == verdict


# -- read_answer over a mock transport -----------------------------------------------------------------


def mock(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler), timeout=httpx.Timeout(10.0, connect=3.0))


def raises(exc: BaseException) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


def outcome(handler: Callable[[httpx.Request], httpx.Response], **limits: Any) -> AnswerFailure:
    with mock(handler) as http, pytest.raises(AnswerFailure) as caught:
        read_answer(http, http.build_request("GET", URL), **limits)
    return caught.value


def chained(outer: Exception, cause: BaseException) -> Exception:
    outer.__cause__ = cause
    return outer


@pytest.mark.parametrize(
    ("exc", "kind", "expected"),
    [
        (chained(httpx.ConnectError("x"), ConnectionRefusedError(111, "refused")), NotConnected, Why.REFUSED),
        (
            chained(httpx.ConnectError("x"), socket.gaierror(-2, "Name or service not known")),
            NotConnected,
            Why.DNS,
        ),
        (chained(httpx.ConnectError("x"), ssl.SSLCertVerificationError("bad cert")), NotConnected, Why.TLS),
        (chained(httpx.ConnectError("x"), OSError(101, "Network is unreachable")), NotConnected, Why.CONNECT),
        (httpx.ConnectTimeout("x"), NotConnected, Why.CONNECT_TIMEOUT),
        (httpx.PoolTimeout("x"), NotConnected, Why.NO_FREE_CONNECTION),
        (httpx.UnsupportedProtocol("x"), NotConnected, Why.BAD_URL),
        (httpx.ReadTimeout("x"), NoValidAnswer, Why.TIMEOUT),
        (httpx.WriteTimeout("x"), NoValidAnswer, Why.TIMEOUT),
        (httpx.ReadError("x"), NoValidAnswer, Why.RESET),
        (httpx.WriteError("x"), NoValidAnswer, Why.RESET),
        (httpx.RemoteProtocolError("x"), NoValidAnswer, Why.RESET),
        (httpx.LocalProtocolError("x"), NoValidAnswer, Why.UNEXPECTED),
        (RuntimeError("a bug below"), NoValidAnswer, Why.UNEXPECTED),
        (RecursionError(), NoValidAnswer, Why.UNEXPECTED),
    ],
)
def test_transport_failures_are_classified(exc: Exception, kind: type[AnswerFailure], expected: Why) -> None:
    problem = outcome(raises(exc))
    assert (type(problem), problem.why) == (kind, expected)
    assert problem.sent is (kind is NoValidAnswer)
    assert problem.__cause__ is exc  # the original stays reachable for the log


def test_the_request_asks_for_no_encoding_and_gets_the_deadline_as_timeouts() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"{}")

    with mock(handler) as http:
        assert read_answer(http, http.build_request("GET", URL), deadline_s=2.0) == {}
    assert seen[0].headers["accept-encoding"] == "identity"
    timeouts = seen[0].extensions["timeout"]
    assert timeouts["connect"] <= 2.0 and timeouts["read"] <= 2.0 and timeouts["write"] <= 2.0
    assert timeouts["connect"] <= 3.0  # never longer than the client's own


def test_an_encoded_answer_is_refused_unread() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, stream=httpx.ByteStream(b"\x1f\x8b..."), headers={"content-encoding": "gzip"}
        )

    problem = outcome(handler)
    assert (problem.why, problem.detail) == (Why.ENCODED, "gzip")


def test_status_and_declared_length() -> None:
    assert outcome(lambda request: httpx.Response(503, content=b"{}")).status == 503
    assert outcome(lambda request: httpx.Response(302, content=b"{}")).why is Why.HTTP_STATUS
    big = httpx.Response(200, content=b"{}", headers={"content-length": str(10 * (1 << 20))})
    assert outcome(lambda request: big).why is Why.TOO_LARGE


def test_a_deadline_already_past_sends_nothing() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, content=b"{}")

    problem = outcome(handler, deadline_s=0)
    assert (type(problem), problem.why, sent) == (NotConnected, Why.CONNECT_TIMEOUT, [])
