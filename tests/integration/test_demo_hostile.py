"""The demo server's hostile switches, on the wire: trickle, depth, size, errmsg shapes,
bad answers after receipt, and how any switch is limited to actions and a count."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from desktop_app.demo.hostile import AFTER_RECEIPT, ERRMSG_SHAPES, MB
from desktop_app.demo.server import DemoServer, Faults

FEEDBACK = {
    "user_id": 29,
    "phone_no": "13800138000",
    "owner_name": "李先生",
    "package_id": 467,
    "pro_id": 141,
    "call_back_item_name": "继续跟进",
}
CUSTOMER = {
    "reg_user_id": 29,
    "customer_name": "陈女士",
    "customer_phone": "15920447900",
    "gender_type": "W",
    "customer_type": "03",
    "recommend": "万科东荟城",
    "follow_content": "周末带家人看样板间",
}
LOGIN = {"user_num": "00006", "pwd": "888", "machine_no": "weixin"}
GETCALLBACK = b"GET /estate/ihk/weixin?action_name=getcallback HTTP/1.1\r\nHost: x\r\n\r\n"


@pytest.fixture
def raw(demo_server: DemoServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=demo_server.base_url, trust_env=False, timeout=5.0) as client:
        yield client


def post(raw: httpx.Client, action: str, body: object) -> httpx.Response:
    content = json.dumps(body, ensure_ascii=False).encode()
    return raw.post("/ihk/weixin", params={"action_name": action}, content=content)


def get(raw: httpx.Client, action: str) -> httpx.Response:
    return raw.get("/ihk/weixin", params={"action_name": action})


def connect(server: DemoServer) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_all(sock: socket.socket) -> bytes:
    """A whole answer from a connection the server closes after it (Connection: close)."""
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def whole_answer(server: DemoServer, request: bytes = GETCALLBACK) -> bytes:
    with connect(server) as sock:
        sock.sendall(request.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1))
        return read_all(sock)


# -- trickle ---------------------------------------------------------------------------------


def test_trickle_sends_one_byte_at_a_time_from_the_status_line(demo_server: DemoServer) -> None:
    demo_server.faults.trickle_s = 0.3
    with connect(demo_server) as sock:
        sock.sendall(GETCALLBACK)
        started = time.monotonic()
        assert sock.recv(100) == b"H"
        assert time.monotonic() - started < 0.25
        assert sock.recv(100) == b"T"  # the next byte only after the interval
        assert time.monotonic() - started >= 0.25
        stopping = time.monotonic()
        demo_server.stop()  # a trickle in progress does not hold the server up
        assert time.monotonic() - stopping < 1.0


def test_trickle_after_a_burst_paces_the_last_bytes(demo_server: DemoServer) -> None:
    normal = whole_answer(demo_server)
    demo_server.faults.trickle_s = 0.05
    demo_server.faults.trickle_after_bytes = len(normal) - 6
    with connect(demo_server) as sock:
        sock.sendall(GETCALLBACK.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1))
        started = time.monotonic()
        received = [sock.recv(65536)]
        while chunk := sock.recv(65536):
            received.append(chunk)
        took = time.monotonic() - started
    assert b"".join(received) == normal
    assert sum(len(chunk) for chunk in received[:2]) >= len(normal) - 6  # head and body at once…
    assert len(received) >= 2 + 4  # …then the last bytes one by one (at most two ever coalesce)
    assert 0.25 <= took < 3


# -- deep nesting and huge answers -------------------------------------------------------------------


def test_deep_nesting_adds_a_member_nested_that_deep(demo_server: DemoServer, raw: httpx.Client) -> None:
    normal = post(raw, "login", LOGIN).json()
    demo_server.faults.deep_nesting = 5
    assert post(raw, "login", LOGIN).json() == normal | {"nested": [[[[[]]]]]}
    demo_server.faults.deep_nesting = 100_000
    reply = post(raw, "savecallback", FEEDBACK)
    assert reply.content.endswith(b'"nested":' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    with pytest.raises(RecursionError):
        json.loads(reply.content)
    assert [w.answered for w in demo_server.writes()] == [True]  # the write was recorded


def test_huge_answer_is_the_normal_answer_padded(demo_server: DemoServer, raw: httpx.Client) -> None:
    normal = get(raw, "get_gender_type").json()
    demo_server.faults.huge_mb = 3
    with raw.stream("GET", "/ihk/weixin", params={"action_name": "get_gender_type"}) as reply:
        length = int(reply.headers["content-length"])
        data = b"".join(reply.iter_raw())
    assert len(data) == length > 3 * MB
    body = json.loads(data)
    assert body.pop("padding") == "x" * (3 * MB)
    assert body == normal


def test_huge_answer_in_gbk_with_a_write(demo_server: DemoServer, raw: httpx.Client) -> None:
    demo_server.faults.huge_mb = 0.25
    demo_server.faults.gbk_html = True
    reply = post(raw, "savecallback", FEEDBACK)
    assert reply.headers["content-type"] == "text/html"
    assert json.loads(reply.content.decode("gbk")) == {"errmsg ": "ok", "padding": "x" * (MB // 4)}
    assert len(demo_server.writes()) == 1


def test_close_delimited_answers_have_no_length(demo_server: DemoServer) -> None:
    demo_server.faults.close_delimited = True
    demo_server.faults.huge_mb = 1
    with connect(demo_server) as sock:
        sock.sendall(GETCALLBACK)  # a keep-alive request: the server still closes after the answer
        head, _, body = read_all(sock).partition(b"\r\n\r\n")
    assert b"Content-Length" not in head and b"Connection: close" in head
    assert len(json.loads(body)["padding"]) == MB


def test_a_client_leaving_a_huge_answer_early_frees_the_server(demo_server: DemoServer) -> None:
    demo_server.faults.huge_mb = 200
    with connect(demo_server) as sock:
        sock.sendall(GETCALLBACK)
        assert sock.recv(100).startswith(b"HTTP/1.1 200")
    demo_server.faults.huge_mb = 0
    assert json.loads(whole_answer(demo_server).partition(b"\r\n\r\n")[2])["call_back_item"]


# -- errmsg shapes -------------------------------------------------------------------------------


EXPECTED_SHAPES = {
    "null": b'{"errmsg ": null}',
    "zero": b'{"errmsg ": 0}',
    "true": b'{"errmsg ": true}',
    "list": b'{"errmsg ": ["ok"]}',
    "object": b'{"errmsg ": {"ok": true}}',
    "array": b'[{"errmsg ": "ok"}]',
    "empty": b"",
}


@pytest.mark.parametrize("shape", ERRMSG_SHAPES)
def test_errmsg_shapes_after_a_recorded_write(demo_server: DemoServer, raw: httpx.Client, shape: str) -> None:
    demo_server.faults.errmsg_shape = shape
    reply = post(raw, "savecallback", FEEDBACK)
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/json; charset=utf-8"
    if shape == "undecodable":
        for charset in ("utf-8", "gbk", "gb18030"):
            with pytest.raises(UnicodeDecodeError):
                reply.content.decode(charset)
        assert reply.content.startswith(b'{"errmsg ": "')
    else:
        assert reply.content == EXPECTED_SHAPES[shape]
    assert [(w.action, w.answered) for w in demo_server.writes()] == [("savecallback", False)]


def test_errmsg_shapes_use_each_actions_own_key(demo_server: DemoServer, raw: httpx.Client) -> None:
    demo_server.faults.errmsg_shape = "null"
    assert post(raw, "save_to_customer", CUSTOMER).content == b'{"errmsg": null}'
    assert get(raw, "getcallback").content == b'{"errmsg": null}'
    assert post(raw, "login", LOGIN).content == b'{"errmsg": null}'
    assert [w.action for w in demo_server.writes()] == ["save_to_customer"]


def test_unknown_shapes_are_refused_at_once() -> None:
    faults = Faults()
    with pytest.raises(ValueError):
        faults.errmsg_shape = "bogus"
    with pytest.raises(ValueError):
        faults.after_receipt = "404"
    assert faults == Faults()


# -- bad answers after receipt --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status", "content_type", "text"),
    [
        ("502", 502, "text/html", "502 Bad Gateway"),
        ("html", 200, "text/html; charset=utf-8", "上网认证"),
        ("non_json", 200, "text/plain;charset=UTF-8", "OK"),
        ("empty", 200, "text/html;charset=UTF-8", ""),
    ],
)
def test_bad_answers_after_the_write_was_recorded(
    demo_server: DemoServer, raw: httpx.Client, kind: str, status: int, content_type: str, text: str
) -> None:
    demo_server.faults.after_receipt = kind
    for action, body in (("savecallback", FEEDBACK), ("save_to_customer", CUSTOMER)):
        reply = post(raw, action, body)
        assert (reply.status_code, reply.headers["content-type"]) == (status, content_type)
        assert text in reply.text if text else reply.content == b""
    assert [(w.action, w.payload, w.answered) for w in demo_server.writes()] == [
        ("savecallback", FEEDBACK, False),
        ("save_to_customer", CUSTOMER, False),
    ]


def test_reset_after_the_write_was_recorded(demo_server: DemoServer) -> None:
    demo_server.faults.after_receipt = "reset"
    body = json.dumps(FEEDBACK).encode()
    request = (
        b"POST /estate/ihk/weixin?action_name=savecallback HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    with connect(demo_server) as sock:
        sock.sendall(request)
        with pytest.raises(ConnectionResetError):
            read_all(sock)  # RST, not an orderly close: not even an empty answer
    assert [(w.payload, w.answered) for w in demo_server.writes()] == [(FEEDBACK, False)]
    assert sorted(AFTER_RECEIPT) == ["502", "empty", "html", "non_json", "reset"]


def test_reset_reaches_httpx_as_a_network_error(demo_server: DemoServer, raw: httpx.Client) -> None:
    demo_server.faults.after_receipt = "reset"
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        post(raw, "save_to_customer", CUSTOMER)
    demo_server.faults.after_receipt = ""
    assert post(raw, "save_to_customer", CUSTOMER).json() == {"errmsg": "ok"}
    assert [w.answered for w in demo_server.writes()] == [False, True]


# -- limited to actions and to a count ------------------------------------------------------------


def test_only_actions_limits_every_switch(demo_server: DemoServer, raw: httpx.Client) -> None:
    demo_server.faults.only_actions = "savecallback"  # a single name is taken as one action
    assert demo_server.faults.only_actions == frozenset({"savecallback"})
    demo_server.faults.proxy_502 = True
    demo_server.faults.deep_nesting = 3
    assert get(raw, "getcallback").status_code == 200
    assert "nested" not in get(raw, "getcallback").json()
    assert post(raw, "save_to_customer", CUSTOMER).json() == {"errmsg": "ok"}
    assert post(raw, "savecallback", FEEDBACK).status_code == 502
    demo_server.faults.only_actions = {"getcallback", "save_to_customer"}
    demo_server.faults.proxy_502 = False
    assert get(raw, "getcallback").json()["nested"] == [[[]]]
    assert post(raw, "savecallback", FEEDBACK).json() == {"errmsg ": "ok"}


def test_times_counts_the_faulted_requests_down(demo_server: DemoServer, raw: httpx.Client) -> None:
    demo_server.faults.only_actions = {"savecallback"}
    demo_server.faults.after_receipt = "502"
    demo_server.faults.times = 2
    assert get(raw, "getcallback").status_code == 200  # outside only_actions: not counted
    assert demo_server.faults.times == 2
    assert [post(raw, "savecallback", FEEDBACK).status_code for _ in range(3)] == [502, 502, 200]
    assert demo_server.faults.times == 0
    assert [w.answered for w in demo_server.writes()] == [False, False, True]
    demo_server.reset()
    assert demo_server.faults == Faults()


def test_times_is_not_spent_while_no_switch_is_on(demo_server: DemoServer, raw: httpx.Client) -> None:
    demo_server.faults.times = 1
    assert get(raw, "getcallback").status_code == 200
    demo_server.faults.proxy_502 = True
    assert [get(raw, "getcallback").status_code for _ in range(2)] == [502, 200]
