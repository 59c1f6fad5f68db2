"""The demo server itself, on the wire: records, counts, reset, pages, bodies, life cycle."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop_app.api import ApiClient, make_http_client
from desktop_app.demo.data import DemoData
from desktop_app.demo.server import DemoServer, Faults
from tests.helpers.waiting import wait_for
from tests.helpers.writes import customer, feedback

MOBILE = re.compile(r"1[3-9][0-9]{9}")
ROOT = Path(__file__).resolve().parents[2]

FEEDBACK = feedback("李先生")
CUSTOMER = customer("陈女士") | {"gender_type": "W", "customer_type": "03", "recommend": "万科东荟城"}


@pytest.fixture
def raw(demo_server: DemoServer) -> Iterator[httpx.Client]:
    """A plain httpx client on the server's endpoint, to look at replies byte by byte."""
    with httpx.Client(base_url=demo_server.base_url, trust_env=False, timeout=2.0) as client:
        yield client


def post(raw: httpx.Client, action: str, body: Any) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    return raw.post("/ihk/weixin", params={"action_name": action}, content=content)


def get(raw: httpx.Client, action: str) -> httpx.Response:
    return raw.get("/ihk/weixin", params={"action_name": action})


def refused(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return False
    except ConnectionRefusedError:
        return True


# -- records and counts --------------------------------------------------------------------


def test_writes_are_recorded_exactly_and_in_order(demo_server: DemoServer, raw: httpx.Client) -> None:
    before = time.time()
    sent = [
        ("savecallback", FEEDBACK),
        ("save_to_customer", CUSTOMER),
        ("savecallback", FEEDBACK | {"owner_name": "", "extra": [1, "二"]}),
    ]
    for action, body in sent:
        assert post(raw, action, body).status_code == 200
    after = time.time()
    writes = demo_server.writes()
    assert [(w.action, w.payload) for w in writes] == sent
    assert all(w.answered for w in writes)
    assert before <= writes[0].received_at <= writes[1].received_at <= writes[2].received_at <= after
    assert [w.payload for w in demo_server.writes("save_to_customer")] == [CUSTOMER]
    assert len(demo_server.writes("savecallback")) == 2


def test_request_count_includes_faulted_and_unknown_requests(
    demo_server: DemoServer, raw: httpx.Client
) -> None:
    get(raw, "getcallback")
    post(raw, "login", {"user_num": "00006", "pwd": "888", "machine_no": "weixin"})
    demo_server.faults.proxy_502 = True
    assert get(raw, "getcallback").status_code == 502
    demo_server.faults.proxy_502 = False
    assert get(raw, "no_such_action").status_code == 404
    assert demo_server.request_count("getcallback") == 2
    assert demo_server.request_count("login") == 1
    assert demo_server.request_count("no_such_action") == 1
    assert demo_server.request_count("getphone") == 0
    assert demo_server.request_count() == 4


def test_reset_clears_faults_records_counts_and_positions(demo_server: DemoServer, raw: httpx.Client) -> None:
    package_id = demo_server.data.projects[0].packages[0].package_id
    first = post(raw, "getphone", {"user_id": 29, "package_id": package_id}).json()
    post(raw, "savecallback", FEEDBACK)
    demo_server.set_server_url("")
    demo_server.faults.latency_s = 0.2
    demo_server.faults.refuse_writes = True
    demo_server.set_down(True)

    demo_server.reset()
    assert demo_server.faults == Faults()
    assert demo_server.writes() == [] and demo_server.request_count() == 0
    assert post(raw, "getphone", {"user_id": 29, "package_id": package_id}).json() == first
    assert get(raw, "get_server_url").json() == {"server_url": f"127.0.0.1:{demo_server.port}/estate"}
    assert post(raw, "savecallback", FEEDBACK).json() == {"errmsg ": "ok"}


# -- what goes on the wire ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/ihk/weixin?action_name=no_such_action", "/ihk/other?action_name=login", "/"]
)
def test_unknown_action_or_path_is_a_404_page(demo_server: DemoServer, raw: httpx.Client, path: str) -> None:
    reply = raw.get(path)
    assert reply.status_code == 404
    assert reply.headers["content-type"].startswith("text/html")
    assert "404" in reply.text
    assert get(raw, "getcallback").status_code == 200  # the connection stays usable


@pytest.mark.parametrize(
    "body", [b"{not json", b"[1, 2]", b"", b'"text"', "{'user_num': '00006'}".encode("gbk")]
)
def test_a_bad_request_body_is_bad_input(demo_server: DemoServer, raw: httpx.Client, body: bytes) -> None:
    assert post(raw, "login", body).json() == {"errmsg": "传入数据错误"}
    assert post(raw, "getpros", body).json() == {"errmsg": "传入数据错误"}
    assert post(raw, "savecallback", body).json() == {"errmsg ": "传入数据错误"}
    assert post(raw, "save_to_customer", body).json() == {"errmsg": "传入数据错误"}
    assert demo_server.writes() == []


@pytest.mark.parametrize("member", sorted(FEEDBACK))
def test_savecallback_needs_every_member(demo_server: DemoServer, raw: httpx.Client, member: str) -> None:
    missing = {k: v for k, v in FEEDBACK.items() if k != member}
    assert post(raw, "savecallback", missing).json() == {"errmsg ": "传入数据错误"}
    ill_typed = FEEDBACK | {member: [] if member != "user_id" else "29"}
    assert post(raw, "savecallback", ill_typed).json() == {"errmsg ": "传入数据错误"}
    assert demo_server.writes() == []


def test_write_replies_and_their_error_keys(demo_server: DemoServer, raw: httpx.Client) -> None:
    assert post(raw, "savecallback", FEEDBACK).json() == {"errmsg ": "ok"}
    assert post(raw, "save_to_customer", CUSTOMER).json() == {"errmsg": "ok"}
    demo_server.faults.refuse_writes = True
    assert post(raw, "savecallback", FEEDBACK).json() == {"errmsg ": "传入数据错误"}
    assert post(raw, "save_to_customer", CUSTOMER).json() == {"errmsg": "传入数据错误"}
    assert len(demo_server.writes()) == 2


def test_content_types_are_those_of_the_old_server(raw: httpx.Client) -> None:
    assert get(raw, "getcallback").headers["content-type"] == "text/html;charset=UTF-8"
    assert get(raw, "get_customer_type").headers["content-type"] == "application/json; charset=utf-8"
    login = post(raw, "login", {"user_num": "00006", "pwd": "888", "machine_no": "weixin"})
    assert login.headers["content-type"] == "application/json; charset=utf-8"
    assert login.json() == {"user_id": 29, "user_name": "冯依敏"}


def test_numbers_as_strings_on_the_wire(demo_server: DemoServer, raw: httpx.Client) -> None:
    demo_server.faults.numbers_as_strings = True
    login = post(raw, "login", {"user_num": "00006", "pwd": "888", "machine_no": "weixin"}).json()
    assert login == {"user_id": "29", "user_name": "冯依敏"}
    package = demo_server.data.projects[0].packages[0]
    phone = post(raw, "getphone", {"user_id": 29, "package_id": package.package_id}).json()
    expected = package.phone(0)
    assert phone == {
        "phone_id": str(expected.phone_id),
        "phone_no": int(expected.phone_no),
        "owner_name": expected.owner_name,
    }
    assert get(raw, "getcallback").json()["call_back_item"][0] == {"index": "0", "item_name": "接受邀请"}


@pytest.mark.parametrize(
    ("charset_header", "content_type"), [(False, "text/html"), (True, "text/html; charset=GBK")]
)
def test_gbk_on_the_wire(
    demo_server: DemoServer, raw: httpx.Client, charset_header: bool, content_type: str
) -> None:
    demo_server.faults.gbk_html = True
    demo_server.faults.gbk_charset_header = charset_header
    reply = post(raw, "login", {"user_num": "00006", "pwd": "888", "machine_no": "weixin"})
    assert reply.headers["content-type"] == content_type
    assert json.loads(reply.content.decode("gbk")) == {"user_id": 29, "user_name": "冯依敏"}
    with pytest.raises(UnicodeDecodeError):
        reply.content.decode("utf-8")


def test_proxy_portal_and_non_json_replies(demo_server: DemoServer, raw: httpx.Client) -> None:
    demo_server.faults.proxy_502 = True
    reply = get(raw, "getcallback")
    assert (reply.status_code, "Bad Gateway" in reply.text) == (502, True)
    demo_server.faults.proxy_502 = False
    demo_server.faults.portal_html = True
    reply = post(raw, "savecallback", FEEDBACK)
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/html")
    assert "登录" in reply.text
    demo_server.faults.portal_html = False
    demo_server.faults.non_json = True
    assert post(raw, "savecallback", FEEDBACK).text == "OK"
    assert get(raw, "getcallback").content == b""
    assert demo_server.writes() == []


def test_server_url_can_be_set_to_anything(demo_server: DemoServer, raw: httpx.Client) -> None:
    assert get(raw, "get_server_url").json() == {"server_url": f"127.0.0.1:{demo_server.port}/estate"}
    for value in ["", "不是地址", "127.0.0.1:9/estate"]:
        demo_server.set_server_url(value)
        assert get(raw, "get_server_url").json() == {"server_url": value}
    demo_server.set_server_url(None)
    assert get(raw, "get_server_url").json()["server_url"] == f"127.0.0.1:{demo_server.port}/estate"


def test_user_status_by_number_or_string(raw: httpx.Client) -> None:
    assert post(raw, "get_user_status", {"enroll_number": 6}).json() == {"user_status": "活动"}
    assert post(raw, "get_user_status", {"enroll_number": "00008"}).json() == {"user_status": "离职"}
    assert post(raw, "get_user_status", {"enroll_number": "A0012"}).json() == {"user_status": "活动"}
    assert post(raw, "get_user_status", {"enroll_number": 123}).json() == {"errmsg": "未找到相关人员"}
    assert post(raw, "get_user_status", {}).json() == {"errmsg": "传入数据错误"}


# -- connections and life cycle ------------------------------------------------------------------


def test_small_answers_on_a_kept_alive_connection_do_not_stall(demo_server: DemoServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", demo_server.port, timeout=2)
    try:
        body = json.dumps({"user_num": "00006", "pwd": "888", "machine_no": "weixin"}).encode()
        started = time.monotonic()
        for _ in range(40):
            conn.request("POST", "/estate/ihk/weixin?action_name=login", body=body)
            reply = conn.getresponse()
            assert reply.getheader("Content-Length") is not None
            assert json.loads(reply.read())["user_id"] == 29
            assert not reply.will_close
        # With Nagle's algorithm on, each answer would wait ~40 ms for a delayed ACK.
        assert time.monotonic() - started < 1.0
        assert demo_server.request_count("login") == 40
    finally:
        conn.close()


def test_setting_the_down_fault_is_set_down(demo_server: DemoServer, api: ApiClient) -> None:
    port = demo_server.port
    demo_server.faults.down = True
    assert refused(port)
    demo_server.faults.down = False
    assert api.getcallback()
    demo_server.set_down(True)
    assert demo_server.faults.down is True
    demo_server.reset()
    assert not refused(port)


def test_going_down_lets_an_answer_in_progress_finish(demo_server: DemoServer, api: ApiClient) -> None:
    """Nothing is recorded and then left unanswered by going down: no duplicate can follow."""
    demo_server.faults.latency_s = 0.3
    errors: list[BaseException] = []

    def write() -> None:
        try:
            api.send_write("savecallback", FEEDBACK)
        except BaseException as exc:
            errors.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    wait_for(lambda: demo_server.request_count("savecallback") == 1, 2, "the write reached the server")
    demo_server.set_down(True)
    assert refused(demo_server.port)
    writer.join(3)
    assert errors == []
    assert [w.answered for w in demo_server.writes()] == [True]


def test_hung_requests_end_when_the_fault_is_cleared(demo_server: DemoServer) -> None:
    demo_server.faults.hang = True
    conn = http.client.HTTPConnection("127.0.0.1", demo_server.port, timeout=2)
    try:
        conn.request("GET", "/estate/ihk/weixin?action_name=getcallback")
        wait_for(lambda: demo_server.request_count("getcallback") == 1, 2, "the request is hanging")
        demo_server.faults.hang = False
        with pytest.raises(http.client.RemoteDisconnected):
            conn.getresponse()  # closed without a word; the request was never processed
    finally:
        conn.close()


def test_stop_is_idempotent_and_quick_with_open_connections() -> None:
    server = DemoServer().start()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
    try:
        conn.request("GET", "/estate/ihk/weixin?action_name=getcallback")
        conn.getresponse().read()
        started = time.monotonic()
        server.stop()
        server.stop()
        assert time.monotonic() - started < 0.5
        assert refused(server.port)
        with pytest.raises(RuntimeError):
            server.start()
    finally:
        conn.close()


def test_only_loopback() -> None:
    with pytest.raises(ValueError):
        DemoServer(host="0.0.0.0")


# -- sample data -----------------------------------------------------------------------------


def test_sample_data_is_deterministic_and_realistic() -> None:
    today = dt.date(2024, 5, 1)
    data = DemoData.default(today)
    assert data == DemoData.default(today)
    assert {(u.user_num, u.pwd, u.user_id, u.user_name, u.status) for u in data.users} >= {
        ("00006", "888", 29, "冯依敏", "活动"),
        ("00007", "888", 30, "陈嘉欣", "活动"),
        ("00008", "888", 31, "黄志强", "离职"),
    }
    assert len(data.projects) >= 6 and len(data.callback_items) >= 6
    current = [p for p in data.projects if p.is_current(today)]
    assert len(data.projects) - len(current) >= 2
    assert all(2 <= len(p.packages) <= 4 for p in data.projects)
    packages = [k for p in data.projects for k in p.packages]
    assert any(k.size <= 10 for p in current for k in p.packages)
    assert sum(k.size >= 1000 for k in packages) >= len(packages) - 1

    ids: set[int] = set()
    numbers: set[str] = set()
    for package in packages:
        for index in {*range(min(200, package.size)), package.size - 1}:
            phone = package.phone(index)
            assert MOBILE.fullmatch(phone.phone_no), phone
            assert 2 <= len(phone.owner_name) <= 4
            ids.add(phone.phone_id)
            numbers.add(phone.phone_no)
        with pytest.raises(IndexError):
            package.phone(package.size)
    assert len(ids) == len(numbers) == sum(min(k.size, 201) for k in packages)
    found = DemoData.default(today).package(package.package_id)
    assert found is not None and found[1].phone(7) == package.phone(7)


# -- the command line ----------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX only")
def test_command_line_serves_until_ctrl_c() -> None:
    env = os.environ | {"PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(
        [sys.executable, "-m", "desktop_app.demo", "--port", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as child:
        try:
            assert child.stdout is not None
            shown = [child.stdout.readline() for _ in range(2 + len(DemoData.default().users) + 1)]
            match = re.search(r"http://127\.0\.0\.1:\d+/estate", shown[0])
            assert match, shown
            with make_http_client(1.0, 2.0) as http:
                assert ApiClient(http, match.group(0)).login("00006", "888").user_name == "冯依敏"
            child.send_signal(signal.SIGINT)
            out, err = child.communicate(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
    assert child.returncode == 0, err
    assert "00006 / 888" in "".join(shown) and "Ctrl+C" in shown[-1]
    assert "已停止" in out
