"""The pure reply-decoding functions of ``api.wire``, one quirk of spec/api.md per test."""

from __future__ import annotations

import json

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.api.answer import (
    Errmsg,
    ErrmsgVerdict,
    JsonValue,
    NoValidAnswer,
    classify_errmsg,
    parse_answer,
)
from desktop_app.api.wire import charset_of, decode_strict, endpoint, is_ok, normalize_server_url

ENTRY = "http://localhost:8080/estate"
SAMPLE = '{"user_id": 29, "user_name": "冯依敏"}'


# -- quirk 1: the errmsg member under any spacing of its name -------------------------


@pytest.mark.parametrize("key", ["errmsg", "errmsg ", " errmsg", " errmsg ", "errmsg\t", "ERRMSG"])
def test_error_message_is_read_by_its_stripped_name(key: str) -> None:
    assert classify_errmsg({key: "传入数据错误"}) == ErrmsgVerdict(Errmsg.REFUSAL, "传入数据错误")


def test_no_errmsg_member_is_absent() -> None:
    assert classify_errmsg({"user_id": 29, "errmsgs": "x", "err msg": "y"}).kind is Errmsg.ABSENT


def test_null_errmsg_is_malformed_neither_a_refusal_nor_a_missing_one() -> None:
    assert classify_errmsg({"errmsg ": None}).kind is Errmsg.MALFORMED


@given(
    left=st.text(alphabet=" \t", max_size=3),
    right=st.text(alphabet=" \t", max_size=3),
    message=st.text(min_size=1).filter(lambda s: s.strip() == s and not is_ok(s)),
)
def test_error_message_survives_any_padding_of_the_key(left: str, right: str, message: str) -> None:
    verdict = classify_errmsg({"x": 1, f"{left}errmsg{right}": message})
    assert verdict == ErrmsgVerdict(Errmsg.REFUSAL, message)


# -- quirk 2: "ok" in any case and spacing ---------------------------------------------


@pytest.mark.parametrize("message", ["ok", "OK", "Ok", "oK", " ok", "ok ", "\tOK\n"])
def test_ok_in_any_case_and_spacing_is_success(message: str) -> None:
    assert is_ok(message)


@pytest.mark.parametrize("message", [None, "", "okay", "o k", "传入数据错误", "not ok", "0"])
def test_anything_else_is_not_success(message: str | None) -> None:
    assert not is_ok(message)


# -- quirk 4: charsets -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=GBK", "gbk"),
        ("application/json;charset=UTF-8", "utf-8"),
        ('text/plain; charset="gb2312"', "gb2312"),
        ("text/html; Charset = GBK ", "gbk"),
        ("text/html", None),
        ("text/html; charset=", None),
        ("", None),
        (None, None),
    ],
)
def test_charset_of_reads_the_content_type_parameter(header: str | None, expected: str | None) -> None:
    assert charset_of(header) == expected


def test_gbk_body_with_declared_charset() -> None:
    assert decode_strict(SAMPLE.encode("gbk"), "gbk") == SAMPLE


def test_gbk_body_without_charset_falls_back_to_gbk() -> None:
    assert decode_strict(SAMPLE.encode("gbk"), None) == SAMPLE


def test_utf8_body_without_charset() -> None:
    assert decode_strict(SAMPLE.encode("utf-8"), None) == SAMPLE


@pytest.mark.parametrize("declared", [None, "utf-8", "UTF-8", "utf8"])
def test_utf8_bom_is_dropped(declared: str | None) -> None:
    text = decode_strict(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), declared)
    assert text is not None and json.loads(text) == {"user_id": 29, "user_name": "冯依敏"}


@pytest.mark.parametrize("declared", ["x-no-such-charset", "ascii", "gbk"])
def test_a_wrong_declared_charset_falls_back(declared: str) -> None:
    # ascii cannot decode the Chinese bytes; GBK cannot decode these UTF-8 bytes either.
    data = '{"a": "冯依敏的房"}'.encode()
    assert decode_strict(data, declared) == '{"a": "冯依敏的房"}'


def test_bytes_no_charset_fits_give_none() -> None:
    assert decode_strict(b"\xff\xfe\x80\x81\xff", None) is None


@given(st.text())
def test_declared_gbk_round_trips(text: str) -> None:
    try:
        data = text.encode("gbk")
    except UnicodeEncodeError:
        return
    assert decode_strict(data, "gbk") == text


@given(st.text().filter(lambda s: not s.startswith("\ufeff")))
def test_undeclared_utf8_round_trips(text: str) -> None:
    assert decode_strict(text.encode("utf-8"), None) == text


# -- quirk 6: an answer that is no JSON object ----------------------------------------------


def answer_of(text: str) -> JsonValue:
    """The parsed answer, or the NoValidAnswer's reason as text."""
    try:
        return parse_answer(text.encode("utf-8"), "utf-8")
    except NoValidAnswer as exc:
        return exc.why.value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "OK",
        "ok",
        "<html><body>请登录</body></html>",
        "[1, 2]",
        '"ok"',
        "null",
        "{not json",
        '{"a": 1} trailing',
    ],
)
def test_non_object_bodies_are_not_json_objects(text: str) -> None:
    assert not isinstance(answer_of(text), dict)


def test_object_body_with_surrounding_whitespace() -> None:
    assert answer_of('\r\n {"errmsg ":"ok"}\n') == {"errmsg ": "ok"}


# -- quirk 3: get_server_url answers with no scheme -------------------------------------


@pytest.mark.parametrize(
    ("raw", "entry", "expected"),
    [
        ("127.0.0.1:83/estate", ENTRY, "http://127.0.0.1:83/estate"),
        ("localhost:83/estate/", ENTRY, "http://localhost:83/estate"),
        ("localhost/estate", ENTRY, "http://localhost/estate"),
        ("localhost", ENTRY, "http://localhost"),
        ("  localhost:8080/estate  ", ENTRY, "http://localhost:8080/estate"),
        ("localhost:83/estate", "https://localhost/estate", "https://localhost:83/estate"),
        ("http://localhost:83/estate", ENTRY, "http://localhost:83/estate"),
        ("HTTP://localhost:83/estate", ENTRY, "http://localhost:83/estate"),
        # The entry URL's scheme wins: an https entry is never downgraded.
        ("http://localhost:83/estate", "https://localhost/estate", "https://localhost:83/estate"),
        ("https://localhost/estate", ENTRY, "http://localhost/estate"),
        # One spelling (domain.server_url): lower-case host, no default port.
        ("LocalHost:80/Estate", ENTRY, "http://localhost/Estate"),
        ("localhost:443/estate", "https://localhost/estate", "https://localhost/estate"),
    ],
)
def test_server_url_takes_the_entry_scheme(raw: str, entry: str, expected: str) -> None:
    assert normalize_server_url(raw, entry) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        None,
        123,
        ["127.0.0.1"],
        "has space",
        "127.0.0.1:83/has space",
        "ftp://x",
        "file:///etc/passwd",
        "host:99999",
        "host:0",
        "host:port",
        "host:",
        "http://",
        "http:///estate",
        "/estate",
        ":83/estate",
        "http://[",
        "[::1",
        "localhost/estate?x=1",
        "localhost/estate#top",
    ],
)
def test_malformed_server_url_gives_none(raw: object) -> None:
    assert normalize_server_url(raw, ENTRY) is None


@settings(max_examples=300, deadline=None)
@given(raw=st.text(), entry=st.sampled_from([ENTRY, "https://localhost/estate", "http://127.0.0.1:1/x"]))
def test_normalize_server_url_never_raises_and_gives_a_usable_url(raw: str, entry: str) -> None:
    result = normalize_server_url(raw, entry)
    if result is not None:
        assert result.startswith(entry.split("://")[0] + "://")
        url = httpx.URL(endpoint(result))
        assert url.host
        assert url.path.endswith("/ihk/weixin")


@settings(deadline=None)
@given(
    host=st.sampled_from(["127.0.0.1", "localhost", "localhost"]),
    port=st.one_of(st.none(), st.integers(1, 65535)),
    path=st.sampled_from(["", "/estate", "/estate/", "/a/b"]),
)
def test_any_host_port_and_path_is_accepted(host: str, port: int | None, path: str) -> None:
    raw = host + (f":{port}" if port is not None else "") + path
    spelled = host + (f":{port}" if port not in (None, 80) else "") + path  # 80 is http's own port
    assert normalize_server_url(raw, ENTRY) == "http://" + spelled.rstrip("/")


def test_endpoint_appends_the_one_path() -> None:
    assert endpoint("http://127.0.0.1:8080/estate") == "http://127.0.0.1:8080/estate/ihk/weixin"
    assert endpoint("http://127.0.0.1:8080/estate/") == "http://127.0.0.1:8080/estate/ihk/weixin"
