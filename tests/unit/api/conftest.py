"""The ``fake`` fixture: an ApiClient over ``httpx.MockTransport`` for replies a real server cannot give."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.helpers.fakes import FakeServer, Reply, make_fake


@pytest.fixture
def fake() -> Iterator[Callable[[Reply], FakeServer]]:
    """``fake(reply)``: an ApiClient whose every request gets ``reply`` (or ``reply(request)``)."""
    made: list[FakeServer] = []

    def make(reply: Reply) -> FakeServer:
        made.append(make_fake(reply))
        return made[-1]

    yield make
    for server in made:
        server.http.close()
