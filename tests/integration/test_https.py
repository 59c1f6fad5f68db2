"""HTTPS with certificate checking ON: a company CA, the demo server on 127.0.0.1 over TLS.

The CA and the server certificate are made for each test run (``trustme``); nothing
here turns verification off.
"""

from __future__ import annotations

import random
import ssl
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import trustme

from desktop_app.api import ApiClient, NotReached, make_http_client
from desktop_app.api.wire import normalize_server_url
from desktop_app.demo.server import DemoServer
from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import State
from desktop_app.sync.auth import LoginUnavailable, log_in
from desktop_app.sync.engine import SyncEngine
from tests.helpers.waiting import wait_for
from tests.helpers.writes import enqueue, feedback


@pytest.fixture(scope="module")
def company_ca() -> trustme.CA:
    return trustme.CA(organization_name="Estate Call Test CA")


@pytest.fixture
def ca_bundle(company_ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "company-ca.pem"
    company_ca.cert_pem.write_to_path(str(path))
    return path


def server_context(ca: trustme.CA, *names: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(context)
    return context


@pytest.fixture
def https_server(company_ca: trustme.CA) -> Iterator[DemoServer]:
    with DemoServer(ssl_context=server_context(company_ca, "127.0.0.1")) as server:
        yield server


def client(verify: bool | str, base_url: str) -> tuple[httpx.Client, ApiClient]:
    http = make_http_client(1.0, 2.0, verify)
    return http, ApiClient(http, base_url)


def test_the_demo_server_speaks_https(https_server: DemoServer) -> None:
    assert https_server.base_url.startswith("https://127.0.0.1:")


def test_every_action_of_the_login_works_with_the_company_ca(
    https_server: DemoServer, ca_bundle: Path, store: LocalStore
) -> None:
    http, api = client(str(ca_bundle), https_server.base_url)
    with http:
        session = log_in(api, store.verifiers(), "00006", "888", "weixin")
        assert (session.user_id, session.user_name, session.offline) == (29, "冯依敏", False)
        assert session.status == "活动" and session.active
        # The server the engine moves to keeps https.
        named = normalize_server_url(api.get_server_url(), https_server.base_url)
        assert named == https_server.base_url
        assert [item.item_name for item in api.getcallback()]
        projects = api.getpros(29)
        packages = api.getpackages(29, projects[0].pro_id)
        assert api.getphone(29, packages[0].package_id).phone_no
    assert https_server.request_count("login") == 1
    assert https_server.request_count("get_user_status") == 1


def test_the_system_store_alone_does_not_trust_the_company_server(
    https_server: DemoServer, store: LocalStore
) -> None:
    http, api = client(True, https_server.base_url)
    with http:
        with pytest.raises(NotReached) as caught:
            api.login("00006", "888")
        message = caught.value.message
        # A certificate check failed: its issuer is not trusted here, and (CERT_UNTRUSTED
        # rather than CERT_REJECTED) the agent is told to set the company CA certificate.
        assert message.code is ApiCode.CERT_UNTRUSTED
        assert message.args[0] == msg(ApiCode.CERT_UNKNOWN_ISSUER)
        # No offline record yet: the login window says why in plain words.
        with pytest.raises(LoginUnavailable):
            log_in(api, store.verifiers(), "00006", "888", "weixin")
    assert https_server.request_count() == 0, "nothing went over an untrusted connection"


def test_a_certificate_for_another_host_is_refused(company_ca: trustme.CA, ca_bundle: Path) -> None:
    with DemoServer(ssl_context=server_context(company_ca, "call.example.com")) as server:
        http, api = client(str(ca_bundle), server.base_url)
        with http, pytest.raises(NotReached) as caught:
            api.getcallback()
    message = caught.value.message
    assert message.code is ApiCode.CERT_REJECTED
    assert message.args[0] in (msg(ApiCode.CERT_WRONG_HOST), msg(ApiCode.CERT_WRONG_IP))
    assert server.request_count() == 0


def test_https_to_a_plain_http_server_says_so(demo_server: DemoServer, ca_bundle: Path) -> None:
    http, api = client(str(ca_bundle), demo_server.base_url.replace("http://", "https://"))
    with http, pytest.raises(NotReached) as caught:
        api.getcallback()
    assert caught.value.message.code is ApiCode.TLS_FAILED


def test_an_unreadable_ca_bundle_fails_when_the_client_is_made(tmp_path: Path) -> None:
    not_pem = tmp_path / "ca.pem"
    not_pem.write_text("not a certificate\n", encoding="utf-8")
    with pytest.raises(ssl.SSLError):
        make_http_client(1.0, 1.0, str(not_pem))
    with pytest.raises(OSError):
        make_http_client(1.0, 1.0, str(tmp_path / "missing.pem"))


def test_the_sync_engine_delivers_over_https_with_the_company_ca(
    https_server: DemoServer, ca_bundle: Path, store: LocalStore
) -> None:
    outbox = store.outbox()
    enqueue(store, feedback("甲"))
    with make_http_client(1.0, 2.0, str(ca_bundle)) as http:
        engine = SyncEngine(store, http, https_server.base_url, backoff_base_s=0.05, backoff_cap_s=0.2)
        summary = engine.drain(deadline_s=10.0)
        assert summary.sent == 1, summary.errors
        # The worker thread too: a write enqueued while it runs arrives.
        engine.start()
        try:
            enqueue(store, feedback("乙"))
            engine.wake()
            wait_for(lambda: len(https_server.writes("savecallback")) == 2, 10, "the second write arrived")
        finally:
            engine.stop()
        status = engine.status()
    assert [w.payload["owner_name"] for w in https_server.writes("savecallback")] == ["甲", "乙"]
    assert outbox.counts()[State.SENT] == 2
    assert status.online is True and status.base_url == https_server.base_url


def test_an_untrusted_server_keeps_the_write_queued_and_says_why(
    https_server: DemoServer, store: LocalStore
) -> None:
    outbox = store.outbox()
    enqueue(store, feedback("丙"))
    with make_http_client(1.0, 2.0, True) as http:
        engine = SyncEngine(store, http, https_server.base_url, rng=random.Random(1))
        summary = engine.drain(deadline_s=5.0)
    assert summary.sent == 0
    assert outbox.counts()[State.QUEUED] == 1, "never delivered, so not uncertain either"
    status = engine.status()
    assert status.online is False
    assert status.last_error is not None and status.last_error.code is ApiCode.CERT_UNTRUSTED
    assert https_server.writes() == []


def test_a_client_made_for_a_plain_http_server_loads_no_ca_store_and_trusts_nothing(
    demo_server: DemoServer, https_server: DemoServer
) -> None:
    with make_http_client(1.0, 2.0, server_url=demo_server.base_url) as http:
        # It speaks plain HTTP to its server as usual ...
        assert ApiClient(http, demo_server.base_url).login("00006", "888").user_id == 29
        # ... and, asked to speak TLS, it refuses every certificate: it never trusts one unchecked.
        with pytest.raises(NotReached) as caught:
            ApiClient(http, https_server.base_url).login("00006", "888")
        assert caught.value.message.code is ApiCode.CERT_UNTRUSTED
    assert https_server.request_count() == 0
