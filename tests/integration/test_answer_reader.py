"""``read_answer`` against the hostile demo server over loopback: every outcome classified,
the total deadline kept against a trickle, the size cap kept in memory."""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme

from desktop_app.api.answer import (
    AnswerFailure,
    Errmsg,
    JsonValue,
    NotConnected,
    NoValidAnswer,
    Why,
    classify_errmsg,
    read_answer,
)
from desktop_app.demo.hostile import ERRMSG_SHAPES
from desktop_app.demo.server import DemoServer

ROOT = Path(__file__).resolve().parents[2]
MB = 1 << 20

FEEDBACK = {
    "user_id": 29,
    "phone_no": "13800138000",
    "owner_name": "李先生",
    "package_id": 467,
    "pro_id": 141,
    "call_back_item_name": "继续跟进",
}
LOGIN = {"user_num": "00006", "pwd": "888", "machine_no": "weixin"}


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """A client with the product's kind of timeouts: 1 s to connect, 10 s per read."""
    with httpx.Client(timeout=httpx.Timeout(10.0, connect=1.0), trust_env=False) as client:
        yield client


def request(http: httpx.Client, server: DemoServer, action: str, payload: Any = None) -> httpx.Request:
    url = f"{server.base_url}/ihk/weixin?action_name={action}"
    if payload is None:
        return http.build_request("GET", url)
    return http.build_request("POST", url, content=json.dumps(payload, ensure_ascii=False).encode())


def failure(
    http: httpx.Client, server: DemoServer, action: str, payload: Any = None, **limits: Any
) -> AnswerFailure:
    with pytest.raises(AnswerFailure) as caught:
        read_answer(http, request(http, server, action, payload), **limits)
    return caught.value


def read(http: httpx.Client, server: DemoServer, action: str, payload: Any = None) -> JsonValue:
    return read_answer(http, request(http, server, action, payload))


# -- valid answers -----------------------------------------------------------------------------


def test_a_valid_answer_is_its_json_value(demo_server: DemoServer, http: httpx.Client) -> None:
    assert read(http, demo_server, "login", LOGIN) == {"user_id": 29, "user_name": "冯依敏"}
    demo_server.faults.gbk_html = True  # no charset declared: UTF-8 fails, GBK fits
    assert read(http, demo_server, "login", LOGIN) == {"user_id": 29, "user_name": "冯依敏"}
    demo_server.faults.gbk_html = False
    items = read(http, demo_server, "getcallback")
    assert isinstance(items, dict) and items["call_back_item"]
    assert classify_errmsg(read(http, demo_server, "savecallback", FEEDBACK)).kind is Errmsg.OK
    demo_server.faults.refuse_writes = True
    verdict = classify_errmsg(read(http, demo_server, "savecallback", FEEDBACK))
    assert (verdict.kind, verdict.text) == (Errmsg.REFUSAL, "传入数据错误")


def test_connections_are_kept_alive(demo_server: DemoServer, http: httpx.Client) -> None:
    opened: list[str] = []

    def trace(event: str, info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.complete":
            opened.append(event)

    for _ in range(3):
        ask = request(http, demo_server, "getcallback")
        ask.extensions["trace"] = trace  # chained, not replaced
        read_answer(http, ask)
    assert len(opened) == 1


# -- the total deadline ----------------------------------------------------------------------------


@pytest.mark.parametrize(("action", "payload"), [("getcallback", None), ("savecallback", FEEDBACK)])
def test_one_byte_every_5_s_ends_within_the_deadline(
    demo_server: DemoServer, http: httpx.Client, action: str, payload: Any
) -> None:
    demo_server.faults.trickle_s = 5
    started = time.monotonic()
    problem = failure(http, demo_server, action, payload, deadline_s=2)
    took = time.monotonic() - started
    assert (type(problem), problem.why, problem.sent) == (NoValidAnswer, Why.TIMEOUT, True)
    assert 1.9 <= took <= 3.0
    assert len(demo_server.writes()) == (1 if payload else 0)


def test_a_trickle_faster_than_any_read_timeout_still_ends(
    demo_server: DemoServer, http: httpx.Client
) -> None:
    demo_server.faults.trickle_s = 0.2  # each read gets a byte well within 10 s
    started = time.monotonic()
    assert failure(http, demo_server, "getcallback", deadline_s=1.5).why is Why.TIMEOUT
    assert time.monotonic() - started <= 2.5


def test_the_deadline_holds_on_a_kept_alive_connection_and_in_the_body(
    demo_server: DemoServer, http: httpx.Client
) -> None:
    opened: list[str] = []

    def trace(event: str, info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.complete":
            opened.append(event)

    first = request(http, demo_server, "getcallback")
    first.extensions["trace"] = trace
    read_answer(http, first)
    demo_server.faults.trickle_s = 0.3
    demo_server.faults.trickle_after_bytes = 200  # the head at once, then the body byte by byte
    for _ in range(2):
        again = request(http, demo_server, "getcallback")
        again.extensions["trace"] = trace
        started = time.monotonic()
        with pytest.raises(NoValidAnswer) as caught:
            read_answer(http, again, deadline_s=1.5)
        assert caught.value.why is Why.TIMEOUT
        assert time.monotonic() - started <= 2.5
    assert len(opened) == 2  # the first request's connection, then one after the first timeout


def test_a_hung_request_ends_at_the_deadline(demo_server: DemoServer, http: httpx.Client) -> None:
    demo_server.faults.hang = True
    started = time.monotonic()
    problem = failure(http, demo_server, "savecallback", FEEDBACK, deadline_s=1)
    assert (problem.why, problem.sent) == (Why.TIMEOUT, True)
    assert time.monotonic() - started <= 2.0


# -- size and depth --------------------------------------------------------------------------------


@pytest.mark.parametrize(("action", "payload"), [("getcallback", None), ("savecallback", FEEDBACK)])
def test_a_100000_deep_answer_is_too_deep(
    demo_server: DemoServer, http: httpx.Client, action: str, payload: Any
) -> None:
    demo_server.faults.deep_nesting = 100_000
    problem = failure(http, demo_server, action, payload)
    assert (type(problem), problem.why) == (NoValidAnswer, Why.TOO_DEEP)
    demo_server.faults.deep_nesting = 40  # within Python's recursion limit, past the reader's
    assert failure(http, demo_server, action, payload).why is Why.TOO_DEEP
    demo_server.faults.deep_nesting = 0
    assert isinstance(read(http, demo_server, action, payload), dict)  # the client goes on


@pytest.mark.parametrize("close_delimited", [False, True])
def test_a_50_mb_answer_is_too_large(
    demo_server: DemoServer, http: httpx.Client, close_delimited: bool
) -> None:
    demo_server.faults.huge_mb = 50
    demo_server.faults.close_delimited = close_delimited  # no Content-Length: the cap is met while reading
    started = time.monotonic()
    problem = failure(http, demo_server, "getcallback")
    assert (problem.why, problem.sent) == (Why.TOO_LARGE, True)
    assert time.monotonic() - started < 5
    demo_server.faults.huge_mb = 3  # under the default cap of 4 MB
    answer = read(http, demo_server, "getcallback")
    assert isinstance(answer, dict) and len(str(answer["padding"])) == 3 * MB
    assert failure(http, demo_server, "getcallback", max_bytes=MB).why is Why.TOO_LARGE


@pytest.mark.skipif(sys.platform == "win32", reason="ru_maxrss is POSIX only")
def test_a_50_mb_answer_raises_the_memory_peak_by_at_most_20_mb(demo_server: DemoServer) -> None:
    demo_server.faults.huge_mb = 50
    demo_server.faults.close_delimited = True
    demo_server.faults.only_actions = {"get_gender_type"}

    def child(max_bytes: int) -> dict[str, Any]:
        proc = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("answer_memory_child.py")),
                demo_server.base_url,
                str(max_bytes),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            cwd=ROOT,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        figures: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        return figures

    capped = child(4 * MB)
    assert (capped["outcome"], capped["again"]) == ("too_large", "too_large")
    assert capped["rss_growth"] <= 20 * MB, capped
    assert capped["traced_peak"] <= 20 * MB, capped
    # The same child without the cap: the measurement does see a whole answer held.
    uncapped = child(64 * MB)
    assert uncapped["outcome"] == "json"
    assert uncapped["rss_growth"] >= 50 * MB and uncapped["traced_peak"] >= 50 * MB, uncapped


# -- errmsg shapes and bad answers ---------------------------------------------------------------------


@pytest.mark.parametrize("shape", ERRMSG_SHAPES)
def test_errmsg_shapes_are_malformed_or_no_valid_answer(
    demo_server: DemoServer, http: httpx.Client, shape: str
) -> None:
    demo_server.faults.errmsg_shape = shape
    ask = request(http, demo_server, "savecallback", FEEDBACK)
    if shape in ("undecodable", "empty"):
        with pytest.raises(NoValidAnswer) as caught:
            read_answer(http, ask)
        assert caught.value.why is {"undecodable": Why.UNDECODABLE, "empty": Why.EMPTY}[shape]
    else:
        assert classify_errmsg(read_answer(http, ask)).kind is Errmsg.MALFORMED
    assert len(demo_server.writes()) == 1


@pytest.mark.parametrize(
    ("kind", "why", "status"),
    [
        ("502", Why.HTTP_STATUS, 502),
        ("html", Why.HTML, None),
        ("non_json", Why.NOT_JSON, None),
        ("empty", Why.EMPTY, None),
        ("reset", Why.RESET, None),
    ],
)
def test_bad_answers_after_receipt_leave_delivery_uncertain(
    demo_server: DemoServer, http: httpx.Client, kind: str, why: Why, status: int | None
) -> None:
    demo_server.faults.after_receipt = kind
    problem = failure(http, demo_server, "savecallback", FEEDBACK)
    assert (type(problem), problem.why, problem.status, problem.sent) == (NoValidAnswer, why, status, True)
    assert [w.payload for w in demo_server.writes()] == [FEEDBACK]
    demo_server.faults.after_receipt = ""
    assert classify_errmsg(read(http, demo_server, "savecallback", FEEDBACK)).kind is Errmsg.OK


@pytest.mark.parametrize(
    ("fault", "why"),
    [
        ("proxy_502", Why.HTTP_STATUS),
        ("portal_html", Why.HTML),
        ("non_json", Why.NOT_JSON),
        ("lost_reply", Why.RESET),
    ],
)
def test_the_older_faults_are_classified_too(
    demo_server: DemoServer, http: httpx.Client, fault: str, why: Why
) -> None:
    setattr(demo_server.faults, fault, True)
    assert failure(http, demo_server, "savecallback", FEEDBACK).why is why
    assert failure(http, demo_server, "get_customer_type").why is (Why.EMPTY if fault == "non_json" else why)


def test_an_unknown_path_is_an_http_status(demo_server: DemoServer, http: httpx.Client) -> None:
    problem = failure(http, demo_server, "no_such_action")
    assert (problem.why, problem.status, problem.sent) == (Why.HTTP_STATUS, 404, True)


# -- not connected ---------------------------------------------------------------------------------------


def test_a_refused_connection_is_certainly_not_delivered(demo_server: DemoServer, http: httpx.Client) -> None:
    demo_server.set_down(True)
    started = time.monotonic()
    problem = failure(http, demo_server, "savecallback", FEEDBACK)
    assert (type(problem), problem.why, problem.sent) == (NotConnected, Why.REFUSED, False)
    assert time.monotonic() - started < 1
    demo_server.set_down(False)
    assert demo_server.writes() == []


def test_a_certificate_the_client_does_not_trust_is_a_tls_failure(http: httpx.Client) -> None:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trustme.CA().issue_cert("127.0.0.1").configure_cert(context)
    with DemoServer(ssl_context=context) as server:
        problem = failure(http, server, "savecallback", FEEDBACK)
        assert (type(problem), problem.why, problem.sent) == (NotConnected, Why.TLS, False)
        assert server.writes() == [] and server.request_count() == 0
