"""Stand-ins where the real demo server cannot give the reply a test needs.

``mock_api`` is a real ``ApiClient`` over ``httpx.MockTransport``: every request gets
the handler's reply (or the exception it raises), and nothing leaves the process.
``make_fake`` records what was sent and what the client told its observer.
``fast_engine`` is the real sync engine with back-offs short enough for a test.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from desktop_app.api import ApiClient, CallRecord
from desktop_app.store.db import LocalStore
from desktop_app.sync.engine import SyncEngine

# A loopback address nothing listens on; with a mock transport it is never dialled.
BASE = "http://127.0.0.1:9/estate"

Handler = Callable[[httpx.Request], httpx.Response]
Reply = httpx.Response | Handler


def json_reply(
    body: Any, content_type: str = "application/json;charset=UTF-8", status: int = 200
) -> httpx.Response:
    """A reply whose body is ``body`` as UTF-8 JSON, under the given Content-Type."""
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return httpx.Response(status, content=data, headers={"content-type": content_type})


def raw_reply(data: bytes, content_type: str | None = "text/html", status: int = 200) -> httpx.Response:
    headers = {"content-type": content_type} if content_type is not None else {}
    return httpx.Response(status, content=data, headers=headers)


def mock_http(reply: Reply) -> httpx.Client:
    """An HTTP client whose every request gets ``reply`` (or ``reply(request)``)."""

    def handler(request: httpx.Request) -> httpx.Response:
        return reply(request) if callable(reply) else reply

    return httpx.Client(transport=httpx.MockTransport(handler))


@contextmanager
def mock_api(
    reply: Reply, base: str = BASE, observer: Callable[[CallRecord], None] | None = None
) -> Iterator[ApiClient]:
    """An ``ApiClient`` over ``mock_http(reply)``, closed afterwards."""
    with mock_http(reply) as http:
        yield ApiClient(http, base, observer=observer)


@dataclass
class FakeServer:
    """The client under test, what it sent, and what it told its observer."""

    client: ApiClient
    http: httpx.Client
    requests: list[httpx.Request] = field(default_factory=list)
    records: list[CallRecord] = field(default_factory=list)

    def sent_json(self) -> Any:
        """The JSON body of the only request sent."""
        assert len(self.requests) == 1
        return json.loads(self.requests[0].content.decode("utf-8"))


def make_fake(reply: Reply) -> FakeServer:
    """A recording ``FakeServer``; close its ``http`` when done."""
    requests: list[httpx.Request] = []
    records: list[CallRecord] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        requests.append(request)
        return reply(request) if callable(reply) else reply

    http = mock_http(handler)
    return FakeServer(ApiClient(http, BASE, observer=records.append), http, requests, records)


def fast_engine(store: LocalStore, http: httpx.Client, url: str | None, **options: Any) -> SyncEngine:
    """The sync engine with back-offs of tenths of a second, the engine's and each row's
    (and a seeded jitter unless given)."""
    values: dict[str, Any] = {
        "backoff_base_s": 0.05,
        "backoff_cap_s": 0.3,
        "row_backoff_base_s": 0.05,
        "row_backoff_cap_s": 0.3,
        "rng": random.Random(1),
    }
    values.update(options)
    return SyncEngine(store, http, url, **values)
