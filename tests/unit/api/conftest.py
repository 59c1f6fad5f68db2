"""The ``fake`` fixture: an ApiClient over ``httpx.MockTransport`` for replies a real server cannot give."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from api_fakes import FakeServer, Reply, make_fake


@pytest.fixture
def fake() -> Iterator[Callable[[Reply], FakeServer]]:
    """``fake(reply)``: an ApiClient whose every request gets ``reply`` (or ``reply(request)``)."""
    opened: list[httpx.Client] = []

    def make(reply: Reply) -> FakeServer:
        server, http = make_fake(reply)
        opened.append(http)
        return server

    yield make
    for http in opened:
        http.close()
