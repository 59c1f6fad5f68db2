"""The sync services' tests call the demo server's client ``client``: it is the root ``api``."""

from __future__ import annotations

import pytest

from desktop_app.api import ApiClient


@pytest.fixture
def client(api: ApiClient) -> ApiClient:
    return api
