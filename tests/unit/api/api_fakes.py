"""Replies and a recording fake server for the API client's unit tests (``httpx.MockTransport``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from desktop_app.api import ApiClient, CallRecord

BASE = "http://127.0.0.1:8080/estate"

Reply = httpx.Response | Callable[[httpx.Request], httpx.Response]


def json_reply(
    body: Any, content_type: str = "application/json;charset=UTF-8", status: int = 200
) -> httpx.Response:
    """A reply whose body is ``body`` as UTF-8 JSON, under the given Content-Type."""
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return httpx.Response(status, content=data, headers={"content-type": content_type})


def raw_reply(data: bytes, content_type: str | None = "text/html", status: int = 200) -> httpx.Response:
    headers = {"content-type": content_type} if content_type is not None else {}
    return httpx.Response(status, content=data, headers=headers)


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


def make_fake(reply: Reply) -> tuple[FakeServer, httpx.Client]:
    """An ApiClient whose every request gets ``reply`` (or ``reply(request)``), and its http client."""
    requests: list[httpx.Request] = []
    records: list[CallRecord] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        requests.append(request)
        return reply(request) if callable(reply) else reply

    http = httpx.Client(transport=httpx.MockTransport(handler))
    return FakeServer(ApiClient(http, BASE, observer=records.append), http, requests, records), http
