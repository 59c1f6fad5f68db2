"""What the client puts on the wire: exactly the documented members, ids as JSON ints.

Also the ``enroll_number`` decision of spec/api.md and the request observer.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.api import ApiClient, CallRecord, NotReached, Refused, enroll_number
from desktop_app.domain.actions import Action
from desktop_app.domain.writes import customer_payload, feedback_payload
from tests.helpers.fakes import BASE, FakeServer, Reply, json_reply, mock_http

Make = Callable[[Reply], FakeServer]


def save(client: ApiClient) -> None:
    """A savecallback as the sync engine sends it: the domain's payload through ``send_write``."""
    payload = feedback_payload(
        user_id=1, phone_no="1", owner_name="", package_id=1, pro_id=1, item_name="继续跟进"
    )
    client.send_write(Action.SAVECALLBACK, payload)


ANY_REPLY = {
    "errmsg ": "ok",
    "user_id": 29,
    "user_name": "冯依敏",
    "projects": [],
    "packages": [],
    "phone_id": 1,
    "phone_no": "15920447900",
    "owner_name": "李先生",
    "call_back_item": [],
    "customer_type": [],
    "gender_type": [],
    "server_url": "127.0.0.1:83/estate",
    "user_status": "活动",
}

# (action, call, the exact JSON body the original document shows for it)
POSTS: list[Any] = [
    pytest.param(
        "login",
        lambda c: c.login("00006", "888"),
        {"user_num": "00006", "pwd": "888", "machine_no": "weixin"},
        id="login",
    ),
    pytest.param("getpros", lambda c: c.getpros(29), {"user_id": 29}, id="getpros"),
    pytest.param(
        "getpackages", lambda c: c.getpackages(29, 141), {"user_id": 29, "pro_id": 141}, id="getpackages"
    ),
    pytest.param(
        "getphone", lambda c: c.getphone(29, 467), {"user_id": 29, "package_id": 467}, id="getphone"
    ),
    pytest.param(
        "savecallback",
        lambda c: c.send_write(
            Action.SAVECALLBACK,
            feedback_payload(
                user_id=1,
                phone_no="13800000000",
                owner_name="李先生",
                package_id=123,
                pro_id=141,
                item_name="继续跟进",
            ),
        ),
        {
            "user_id": 1,
            "phone_no": "13800000000",
            "owner_name": "李先生",
            "package_id": 123,
            "pro_id": 141,
            "call_back_item_name": "继续跟进",
        },
        id="savecallback",
    ),
    pytest.param(
        "save_to_customer",
        lambda c: c.send_write(
            Action.SAVE_TO_CUSTOMER,
            customer_payload(
                reg_user_id=123,
                customer_name="李先生",
                customer_phone="15920447900",
                gender_type="M",
                customer_type="01",
                recommend="星汇云锦",
                follow_content="有意成交的客户",
            ),
        ),
        {
            "reg_user_id": 123,
            "customer_name": "李先生",
            "customer_phone": "15920447900",
            "gender_type": "M",
            "customer_type": "01",
            "recommend": "星汇云锦",
            "follow_content": "有意成交的客户",
        },
        id="save_to_customer",
    ),
    pytest.param(
        "get_user_status", lambda c: c.get_user_status("123"), {"enroll_number": 123}, id="get_user_status"
    ),
]

GETS: list[Any] = [
    pytest.param("getcallback", lambda c: c.getcallback(), id="getcallback"),
    pytest.param("get_customer_type", lambda c: c.get_customer_type(), id="get_customer_type"),
    pytest.param("get_gender_type", lambda c: c.get_gender_type(), id="get_gender_type"),
    pytest.param("get_server_url", lambda c: c.get_server_url(), id="get_server_url"),
]


def exact(value: Any) -> Any:
    """``value`` with the type of every leaf, so 29 and "29" (or True and 1) differ."""
    if isinstance(value, dict):
        return {k: exact(v) for k, v in value.items()}
    return (type(value).__name__, value)


@pytest.mark.parametrize(("action", "call", "body"), POSTS)
def test_post_sends_exactly_the_documented_members(
    fake: Make, action: str, call: Callable[[ApiClient], object], body: dict[str, Any]
) -> None:
    server = fake(json_reply(ANY_REPLY))
    call(server.client)
    (request,) = server.requests
    assert request.method == "POST"
    assert request.url.path == "/estate/ihk/weixin"
    assert dict(request.url.params) == {"action_name": action}
    assert exact(server.sent_json()) == exact(body)


@pytest.mark.parametrize(("action", "call", "body"), POSTS)
def test_post_body_is_utf8_json_with_the_documented_content_type(
    fake: Make, action: str, call: Callable[[ApiClient], object], body: dict[str, Any]
) -> None:
    server = fake(json_reply(ANY_REPLY))
    call(server.client)
    (request,) = server.requests
    assert request.headers["content-type"].replace(" ", "").lower() == "application/json;charset=utf-8"
    text = request.content.decode("utf-8")  # strict: raises on anything but UTF-8
    assert "\\u" not in text  # Chinese goes as UTF-8 text, not escapes
    assert int(request.headers["content-length"]) == len(request.content)


@pytest.mark.parametrize(("action", "call"), GETS)
def test_get_has_no_body_and_names_its_action(
    fake: Make, action: str, call: Callable[[ApiClient], object]
) -> None:
    server = fake(json_reply(ANY_REPLY))
    call(server.client)
    (request,) = server.requests
    assert request.method == "GET"
    assert request.content == b""
    assert "content-type" not in request.headers
    assert request.url.path == "/estate/ihk/weixin"
    assert dict(request.url.params) == {"action_name": action}


def test_send_write_posts_the_queued_payload_unchanged(fake: Make) -> None:
    payload = {
        "reg_user_id": 29,
        "customer_name": "李先生",
        "customer_phone": "15920447900",
        "gender_type": "W",
        "customer_type": "02",
        "recommend": "万科东荟城",
        "follow_content": "周末看房\n带家人",
    }
    server = fake(json_reply({"errmsg": "ok"}))
    server.client.send_write("save_to_customer", dict(payload))
    assert exact(server.sent_json()) == exact(payload)
    assert dict(server.requests[0].url.params) == {"action_name": "save_to_customer"}


@pytest.mark.parametrize(
    "base",
    ["http://127.0.0.1:8080/estate", "http://127.0.0.1:8080/estate/", "http://127.0.0.1:8080/estate//"],
)
def test_trailing_slashes_of_the_base_url_do_not_change_the_path(fake: Make, base: str) -> None:
    server = fake(json_reply({"errmsg ": "ok"}))
    server.client = ApiClient(server.http, base)
    save(server.client)
    assert str(server.requests[0].url) == "http://127.0.0.1:8080/estate/ihk/weixin?action_name=savecallback"


def test_action_name_travels_only_in_the_query(fake: Make) -> None:
    server = fake(json_reply(ANY_REPLY))
    server.client.getpros(29)
    assert "action_name" not in server.sent_json()
    assert server.requests[0].url.query == b"action_name=getpros"


# -- enroll_number: the 工号 as a JSON number when it is all digits ------------------------


@pytest.mark.parametrize(
    ("user_num", "sent"),
    [
        ("123", 123),
        ("00006", 6),  # all digits: a JSON number, so the leading zeros are not sent
        (" 00006 ", 6),
        ("０００６", 6),  # full-width digits from a Chinese input method
        ("A0006", "A0006"),
        ("6-1", "6-1"),
        ("-6", "-6"),
        ("1.5", "1.5"),
        ("²", "²"),
        ("", ""),
    ],
)
def test_get_user_status_sends_the_enroll_number(fake: Make, user_num: str, sent: int | str) -> None:
    server = fake(json_reply({"user_status": "活动"}))
    server.client.get_user_status(user_num)
    assert exact(server.sent_json()) == exact({"enroll_number": sent})


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=5))
def test_enroll_number_of_digits_is_their_value(number: int, zeros: int) -> None:
    result = enroll_number("0" * zeros + str(number))
    assert type(result) is int
    assert result == number


@settings(max_examples=300)
@given(st.text())
def test_enroll_number_never_raises_and_keeps_other_text(text: str) -> None:
    result = enroll_number(text)
    if isinstance(result, int):
        assert text.strip().isdecimal()
        assert result == int(text.strip())
    else:
        assert result == text.strip()
        json.dumps({"enroll_number": result})


# -- the observer ------------------------------------------------------------------------


def test_observer_hears_each_request_once_with_its_outcome(fake: Make) -> None:
    replies = iter(
        [
            json_reply({"errmsg ": "ok"}),
            json_reply({"errmsg ": "传入数据错误"}),
            httpx.Response(502, text="<html>Bad Gateway</html>"),
            json_reply({"projects": "x"}),
            json_reply({"projects": []}),
        ]
    )
    server = fake(lambda request: next(replies))
    client = server.client
    save(client)
    with pytest.raises(Refused):
        save(client)
    with pytest.raises(NotReached):
        client.getpros(29)
    with pytest.raises(Exception, match="projects"):
        client.getpros(29)
    client.getpros(29)
    assert [(r.action, r.outcome) for r in server.records] == [
        ("savecallback", "ok"),
        ("savecallback", "Refused"),
        ("getpros", "NotReached"),
        ("getpros", "Malformed"),
        ("getpros", "ok"),
    ]
    assert all(r.base_url == BASE and r.duration_s >= 0 for r in server.records)
    assert server.records[1].detail == "api.refused(传入数据错误)"  # language-free, for the log
    assert server.records[2].detail == "api.http_status(502)"


def test_observer_hears_transport_failures(fake: Make) -> None:
    def reply(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("simulated", request=request)

    server = fake(reply)
    with pytest.raises(Exception, match="savecallback"):
        save(server.client)
    assert [(r.action, r.outcome) for r in server.records] == [("savecallback", "NoAnswer")]


@pytest.mark.logs_errors("request observer failed")
def test_observer_that_raises_does_not_break_the_request(caplog: pytest.LogCaptureFixture) -> None:
    heard: list[CallRecord] = []

    def broken_observer(record: CallRecord) -> None:
        heard.append(record)
        raise RuntimeError("observer bug")

    http = mock_http(json_reply({"projects": []}))
    with http, caplog.at_level(logging.ERROR, logger="desktop_app.api.client"):
        client = ApiClient(http, BASE, observer=broken_observer)
        assert client.getpros(29) == []
        assert client.getpros(29) == []
    assert [r.outcome for r in heard] == ["ok", "ok"]
    assert "observer" in caplog.text


@pytest.mark.logs_errors("request observer failed")
def test_observer_that_raises_does_not_hide_the_error(caplog: pytest.LogCaptureFixture) -> None:
    def broken_observer(record: CallRecord) -> None:
        raise ValueError("observer bug")

    http = mock_http(json_reply({"errmsg": "找不到此用户"}))
    with (
        http,
        caplog.at_level(logging.ERROR, logger="desktop_app.api.client"),
        pytest.raises(Refused) as caught,
    ):
        ApiClient(http, BASE, observer=broken_observer).getpros(29)
    assert caught.value.errmsg == "找不到此用户"


def test_observer_sees_the_base_url_in_use_when_the_request_started(fake: Make) -> None:
    server = fake(json_reply({"errmsg": "ok"}))
    server.client.base_url = "http://localhost:9000/estate"
    save(server.client)
    assert server.records[0].base_url == "http://localhost:9000/estate"
    assert str(server.requests[0].url).startswith("http://localhost:9000/estate/ihk/weixin")


def test_requests_follow_every_change_of_the_base_url(fake: Make) -> None:
    server = fake(json_reply({"errmsg": "ok", "call_back_item": []}))
    bases = ["http://127.0.0.1:8080/estate", "http://localhost:9000/other", "http://127.0.0.1:8080/estate"]
    for base in bases:
        server.client.base_url = base
        server.client.getcallback()
        save(server.client)
    assert [str(r.url) for r in server.requests] == [
        f"{base}/ihk/weixin?action_name={action}"
        for base in bases
        for action in ("getcallback", "savecallback")
    ]
