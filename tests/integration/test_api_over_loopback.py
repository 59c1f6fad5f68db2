"""The API client against the real demo server over loopback: every action, every fault."""

from __future__ import annotations

import datetime as dt
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from desktop_app.api import (
    ApiClient,
    CallbackItem,
    Choice,
    LoginResult,
    NoAnswer,
    NotReached,
    Phone,
    Project,
    Refused,
    make_http_client,
    normalize_server_url,
)
from desktop_app.demo.data import DemoPackage
from desktop_app.demo.server import DemoServer
from desktop_app.domain.actions import Action
from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from tests.helpers.waiting import wait_for
from tests.helpers.writes import customer, feedback

USER = 29
MOBILE = re.compile(r"1[3-9][0-9]{9}")


WRITES = {"savecallback": feedback, "save_to_customer": customer}


@contextmanager
def client_for(server: DemoServer, read_timeout: float = 0.5) -> Iterator[ApiClient]:
    with make_http_client(connect_timeout=0.5, read_timeout=read_timeout) as http:
        yield ApiClient(http, server.base_url)


def as_phone(package: DemoPackage, index: int) -> Phone:
    p = package.phone(index)
    return Phone(p.phone_id, p.phone_no, p.owner_name)


def current_projects(api: ApiClient) -> list[Project]:
    return [p for p in api.getpros(USER) if p.is_current(dt.date.today())]


# -- the eleven actions --------------------------------------------------------------------


def test_login(api: ApiClient) -> None:
    assert api.login("00006", "888") == LoginResult(29, "冯依敏")
    assert api.login("00007", "888", machine_no="weixin").user_id == 30


@pytest.mark.parametrize(("user_num", "pwd"), [("00006", "889"), ("99999", "888"), ("00006", "")])
def test_login_with_wrong_credentials_is_refused(api: ApiClient, user_num: str, pwd: str) -> None:
    with pytest.raises(Refused) as caught:
        api.login(user_num, pwd)
    assert caught.value.errmsg == "用户名或者密码错误"


def test_projects_some_current_some_outside_their_dates(api: ApiClient) -> None:
    today = dt.date.today()
    projects = api.getpros(USER)
    assert len(projects) >= 6
    assert len({p.pro_id for p in projects}) == len(projects)
    assert all(p.pro_name and p.start_date for p in projects)
    current = [p for p in projects if p.is_current(today)]
    assert len(current) >= 3
    assert any(p.end_date is not None and p.end_date < today for p in projects)  # ended
    assert any(p.start_date is not None and p.start_date > today for p in projects)  # not started
    assert any(p.end_date is None for p in current)  # an open end


def test_projects_of_an_unknown_user_are_refused(api: ApiClient) -> None:
    with pytest.raises(Refused) as caught:
        api.getpros(9999)
    assert caught.value.errmsg == "找不到此用户"


def test_packages_of_current_projects(api: ApiClient) -> None:
    seen: set[int] = set()
    for project in current_projects(api):
        packages = api.getpackages(USER, project.pro_id)
        assert 2 <= len(packages) <= 4
        assert all(p.package_name for p in packages)
        ids = {p.package_id for p in packages}
        assert not ids & seen
        seen |= ids


def test_packages_of_an_ended_or_unknown_project_are_refused(api: ApiClient) -> None:
    today = dt.date.today()
    ended = [p for p in api.getpros(USER) if p.end_date is not None and p.end_date < today]
    assert len(ended) >= 1
    for pro_id in [p.pro_id for p in ended] + [1]:
        with pytest.raises(Refused) as caught:
            api.getpackages(USER, pro_id)
        assert caught.value.errmsg == "联动项目已删除、或者过期"


def test_phones_are_handed_out_in_order_across_agents(api: ApiClient, demo_server: DemoServer) -> None:
    package = demo_server.data.projects[0].packages[0]
    got = [api.getphone((29, 30)[i % 2], package.package_id) for i in range(8)]
    assert got == [as_phone(package, i) for i in range(8)]
    assert all(MOBILE.fullmatch(p.phone_no) and p.owner_name for p in got)
    assert [p.phone_id for p in got] == list(range(got[0].phone_id, got[0].phone_id + 8))


def test_a_package_runs_out(api: ApiClient, demo_server: DemoServer) -> None:
    today = dt.date.today()
    project, package = min(
        ((pr, pk) for pr in demo_server.data.projects if pr.is_current(today) for pk in pr.packages),
        key=lambda pair: pair[1].size,
    )
    assert package.size <= 10
    assert package.package_id in {p.package_id for p in api.getpackages(USER, project.pro_id)}
    got = [api.getphone(USER, package.package_id) for _ in range(package.size)]
    assert got == [as_phone(package, i) for i in range(package.size)]
    for _ in range(2):
        with pytest.raises(Refused) as caught:
            api.getphone(USER, package.package_id)
        assert caught.value.errmsg == "此信息包已经 call 完"


def test_callback_items(api: ApiClient) -> None:
    items = api.getcallback()
    assert len(items) >= 6
    assert items[:2] == [CallbackItem(0, "接受邀请"), CallbackItem(1, "继续跟进")]
    assert [i.index for i in items] == list(range(len(items)))
    assert {"无人接听", "拒绝", "空号错号", "已购房"} <= {i.item_name for i in items}


def test_savecallback_is_recorded(api: ApiClient, demo_server: DemoServer) -> None:
    payload = feedback()
    api.send_write(Action.SAVECALLBACK, payload)
    [write] = demo_server.writes()
    assert (write.action, write.payload, write.answered) == ("savecallback", payload, True)


def test_savecallback_with_a_missing_member_is_refused(api: ApiClient, demo_server: DemoServer) -> None:
    payload = feedback()
    del payload["call_back_item_name"]
    with pytest.raises(Refused) as caught:  # the server says so under the key "errmsg "
        api.send_write("savecallback", payload)
    assert caught.value.errmsg == "传入数据错误"
    assert demo_server.writes() == []


def test_customer_and_gender_types(api: ApiClient) -> None:
    assert api.get_customer_type() == [Choice("一般客", "01"), Choice("观望客", "02"), Choice("重要客", "03")]
    assert api.get_gender_type() == [Choice("--", "U"), Choice("女", "W"), Choice("男", "M")]


def test_save_to_customer_is_recorded(api: ApiClient, demo_server: DemoServer) -> None:
    payload = customer('引号 "quoted" 和 \\ 反斜杠')
    api.send_write(Action.SAVE_TO_CUSTOMER, payload)
    assert [(w.action, w.payload) for w in demo_server.writes("save_to_customer")] == [
        ("save_to_customer", payload)
    ]
    assert demo_server.writes("savecallback") == []


@pytest.mark.parametrize(
    "change",
    [
        {"gender_type": "X"},
        {"customer_type": "04"},
        {"customer_name": ""},
        {"customer_name": "李先生😀"},
        {"reg_user_id": "29"},
        {"follow_content": None},
    ],
)
def test_save_to_customer_with_bad_members_is_refused(
    api: ApiClient, demo_server: DemoServer, change: dict[str, Any]
) -> None:
    with pytest.raises(Refused) as caught:
        api.send_write("save_to_customer", customer() | change)
    assert caught.value.errmsg == "传入数据错误"
    assert demo_server.writes() == []


def test_server_url_names_the_server_itself(api: ApiClient, demo_server: DemoServer) -> None:
    raw = api.get_server_url()
    assert "://" not in raw
    assert normalize_server_url(raw, demo_server.base_url) == demo_server.base_url


@pytest.mark.parametrize(("user_num", "status"), [("00006", "活动"), ("00008", "离职"), ("A0012", "活动")])
def test_user_status(api: ApiClient, user_num: str, status: str) -> None:
    assert api.get_user_status(user_num) == status


def test_status_of_an_unknown_person_is_refused(api: ApiClient) -> None:
    with pytest.raises(Refused) as caught:
        api.get_user_status("99999")
    assert caught.value.errmsg == "未找到相关人员"


def test_the_inactive_agent_can_still_log_in(api: ApiClient) -> None:
    assert api.login("00008", "888").user_id == 31
    assert api.get_user_status("00008") != "活动"


# -- faults -----------------------------------------------------------------------------------


def test_down_refuses_connections_then_serves_again_on_the_same_port(
    api: ApiClient, demo_server: DemoServer
) -> None:
    assert api.getcallback()  # leaves a kept-alive connection in the client's pool
    port = demo_server.port
    demo_server.set_down(True)
    with pytest.raises(NotReached):
        api.getcallback()
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass
    demo_server.set_down(False)
    assert demo_server.port == port
    assert api.login("00006", "888").user_id == USER


def test_hang_gives_no_answer_within_the_read_timeout(demo_server: DemoServer) -> None:
    demo_server.faults.hang = True
    with client_for(demo_server, read_timeout=0.5) as api:
        started = time.monotonic()
        with pytest.raises(NoAnswer):
            api.getcallback()
        assert time.monotonic() - started < 2
        demo_server.faults.hang = False
        assert api.getcallback()


def test_stop_returns_quickly_while_a_request_hangs() -> None:
    outcome: list[BaseException] = []
    server = DemoServer().start()
    try:
        server.faults.hang = True
        with client_for(server, read_timeout=5.0) as api:

            def call() -> None:
                try:
                    api.getpros(USER)
                except BaseException as exc:
                    outcome.append(exc)

            caller = threading.Thread(target=call)
            caller.start()
            wait_for(lambda: server.request_count("getpros") == 1, 2, "the request reached the server")
            started = time.monotonic()
            server.stop()
            assert time.monotonic() - started < 1.0
            caller.join(2)
            assert not caller.is_alive()
    finally:
        server.stop()
    assert len(outcome) == 1 and isinstance(outcome[0], NoAnswer)


@pytest.mark.parametrize("action", list(WRITES))
def test_lost_reply_after_a_write_is_no_answer_but_the_write_was_saved(
    api: ApiClient, demo_server: DemoServer, action: str
) -> None:
    demo_server.faults.lost_reply = True
    payload = WRITES[action]()
    with pytest.raises(NoAnswer):
        api.send_write(action, payload)
    assert [(w.action, w.payload, w.answered) for w in demo_server.writes()] == [(action, payload, False)]


def test_lost_reply_on_getphone_still_takes_the_phone(api: ApiClient, demo_server: DemoServer) -> None:
    package = demo_server.data.projects[0].packages[0]
    demo_server.faults.lost_reply = True
    with pytest.raises(NoAnswer):
        api.getphone(USER, package.package_id)
    demo_server.faults.lost_reply = False
    assert api.getphone(USER, package.package_id) == as_phone(package, 1)


@pytest.mark.parametrize("fault", ["proxy_502", "portal_html", "non_json"])
@pytest.mark.parametrize("action", ["getpros", "savecallback", "save_to_customer"])
def test_pages_and_non_json_mean_not_reached_for_a_read_and_no_answer_for_a_write(
    api: ApiClient, demo_server: DemoServer, fault: str, action: str
) -> None:
    setattr(demo_server.faults, fault, True)
    # A read finds the server not there; a write's body went out, so its delivery is uncertain.
    with pytest.raises(NotReached if action == "getpros" else NoAnswer) as caught:
        if action == "getpros":
            api.getpros(USER)
        else:
            api.send_write(action, WRITES[action]())
    if fault == "proxy_502":
        assert caught.value.message == msg(ApiCode.HTTP_STATUS, 502)
    assert demo_server.writes() == []
    setattr(demo_server.faults, fault, False)
    assert api.getpros(USER)


@pytest.mark.parametrize("charset_header", [False, True])
def test_gbk_answers_are_decoded(api: ApiClient, demo_server: DemoServer, charset_header: bool) -> None:
    demo_server.faults.gbk_html = True
    demo_server.faults.gbk_charset_header = charset_header
    assert api.login("00006", "888") == LoginResult(29, "冯依敏")
    assert [p.pro_name for p in api.getpros(USER)] == [p.pro_name for p in demo_server.data.projects]
    package = demo_server.data.projects[0].packages[0]
    assert api.getphone(USER, package.package_id) == as_phone(package, 0)
    assert api.get_customer_type()[2] == Choice("重要客", "03")
    api.send_write(Action.SAVECALLBACK, feedback("陈女士"))
    assert demo_server.writes()[0].payload["owner_name"] == "陈女士"


def test_numbers_as_strings_still_give_typed_results(api: ApiClient, demo_server: DemoServer) -> None:
    demo_server.faults.numbers_as_strings = True
    assert api.login("00006", "888") == LoginResult(29, "冯依敏")
    expected_ids = [p.pro_id for p in demo_server.data.projects]
    assert [p.pro_id for p in api.getpros(USER)] == expected_ids
    package = demo_server.data.projects[0].packages[0]
    assert api.getphone(USER, package.package_id) == as_phone(package, 0)
    assert [i.index for i in api.getcallback()] == list(range(len(demo_server.data.callback_items)))
    api.send_write(Action.SAVECALLBACK, feedback())
    assert len(demo_server.writes()) == 1


@pytest.mark.parametrize("action", list(WRITES))
def test_refused_writes_carry_the_server_message(
    api: ApiClient, demo_server: DemoServer, action: str
) -> None:
    demo_server.faults.refuse_writes = True
    with pytest.raises(Refused) as caught:
        api.send_write(action, WRITES[action]())
    assert caught.value.errmsg == "传入数据错误"
    assert demo_server.writes() == []
    assert demo_server.request_count(action) == 1


def test_latency_is_added_before_the_answer(api: ApiClient, demo_server: DemoServer) -> None:
    demo_server.faults.latency_s = 0.3
    started = time.monotonic()
    assert api.login("00006", "888").user_id == USER
    assert 0.3 <= time.monotonic() - started < 2
