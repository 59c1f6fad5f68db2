"""Login online, offline against this PC's verifier, and the silent re-verification."""

from __future__ import annotations

import httpx
import pytest

from desktop_app.domain.codes import ApiCode, SyncCode
from desktop_app.domain.messages import msg
from desktop_app.sync.auth import AgentSession, LoginRefused, LoginUnavailable, log_in, reverify
from tests.helpers.fakes import mock_api


def test_online_login_checks_status_and_remembers_the_verifier(client, store):
    session = log_in(client, store.verifiers(), "00006", "888", "weixin")
    assert session == AgentSession("00006", 29, "冯依敏", offline=False, status="活动", active=True)
    assert store.verifiers().check("00006", "888") == (29, "冯依敏")
    assert store.verifiers().check("00006", "wrong") is None


def test_wrong_password_is_refused_with_the_servers_words(client, store):
    with pytest.raises(LoginRefused) as info:
        log_in(client, store.verifiers(), "00006", "wrong", "weixin")
    assert info.value.message == msg(ApiCode.REFUSED, "用户名或者密码错误")
    assert store.verifiers().check("00006", "wrong") is None


def test_a_user_who_left_logs_in_but_is_not_active(client, store):
    session = log_in(client, store.verifiers(), "00008", "888", "weixin")
    assert session.offline is False
    assert session.status == "离职"
    assert session.active is False


def test_offline_login_against_the_verifier(client, store, demo_server):
    online = log_in(client, store.verifiers(), "00006", "888", "weixin")
    demo_server.set_down(True)
    session = log_in(client, store.verifiers(), "00006", "888", "weixin")
    assert session.offline is True
    assert (session.user_id, session.user_name) == (online.user_id, online.user_name)
    assert session.status is None and session.active is True


def test_offline_login_with_the_wrong_password(client, store, demo_server):
    log_in(client, store.verifiers(), "00006", "888", "weixin")
    demo_server.set_down(True)
    with pytest.raises(LoginRefused) as info:
        log_in(client, store.verifiers(), "00006", "889", "weixin")
    assert info.value.message == msg(SyncCode.OFFLINE_PASSWORD_WRONG)


def test_offline_login_without_a_verifier(client, store, demo_server):
    demo_server.set_down(True)
    with pytest.raises(LoginUnavailable) as info:
        log_in(client, store.verifiers(), "00006", "888", "weixin")
    assert info.value.message == msg(SyncCode.NO_OFFLINE_RECORD, msg(SyncCode.SERVER_UNREACHABLE))


def test_no_server_configured_allows_only_offline_login(client, store):
    log_in(client, store.verifiers(), "00006", "888", "weixin")
    session = log_in(None, store.verifiers(), "00006", "888", "weixin")
    assert session.offline and session.user_id == 29
    with pytest.raises(LoginUnavailable):
        log_in(None, store.verifiers(), "00007", "888", "weixin")


def test_unreachable_status_check_keeps_the_agent_working(store):
    def handler(request: httpx.Request) -> httpx.Response:
        action = request.url.params["action_name"]
        if action == "login":
            return httpx.Response(200, json={"user_id": 29, "user_name": "冯依敏"})
        raise httpx.ConnectError("status service down", request=request)

    with mock_api(handler) as client:
        session = log_in(client, store.verifiers(), "00006", "888", "w")
    assert session.offline is False
    assert session.status is None and session.active is True


def test_reverify_confirms_an_offline_session(client, store, demo_server):
    log_in(client, store.verifiers(), "00006", "888", "weixin")
    demo_server.set_down(True)
    offline = log_in(client, store.verifiers(), "00006", "888", "weixin")
    assert reverify(client, store.verifiers(), offline, "888") is offline  # still down
    demo_server.set_down(False)
    confirmed = reverify(client, store.verifiers(), offline, "888")
    assert confirmed.offline is False
    assert confirmed.status == "活动" and confirmed.active


def test_reverify_refused_when_the_password_changed_on_the_server(client, store):
    offline = AgentSession("00006", 29, "冯依敏", offline=True, status=None, active=True)
    with pytest.raises(LoginRefused):
        reverify(client, store.verifiers(), offline, "not-the-password")
