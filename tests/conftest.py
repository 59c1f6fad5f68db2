"""Fixtures shared by every test folder: the demo server on loopback and a client for it."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any test module imports Qt

from collections.abc import Iterator

import pytest

from desktop_app.api import ApiClient, make_http_client
from desktop_app.demo.server import DemoServer


@pytest.fixture
def demo_server() -> Iterator[DemoServer]:
    """A fresh demo server on 127.0.0.1 (port chosen by the OS), stopped after the test."""
    with DemoServer() as server:
        yield server


@pytest.fixture
def api(demo_server: DemoServer) -> Iterator[ApiClient]:
    """An ApiClient for ``demo_server`` with short timeouts (connect 1 s, read 2 s)."""
    with make_http_client(connect_timeout=1.0, read_timeout=2.0) as http:
        yield ApiClient(http, demo_server.base_url)
