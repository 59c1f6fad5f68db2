"""Fixtures shared by every test folder, and the rules every test run obeys.

Fixtures: the demo server on loopback, a client for it, an HTTP client, a fresh store.
Rules: a logged ERROR the test did not expect fails it (``helpers.log_guard``), and the
run must leave every tracked file as it was (``helpers.tracked_files``).
"""

from __future__ import annotations

import os

# Qt's platform, before any test module imports Qt: offscreen, unless a caller (bash run.sh
# screenshots under Xvfb) names another.
os.environ["QT_QPA_PLATFORM"] = os.environ.get("ESTATE_TEST_QPA") or "offscreen"

from collections.abc import Generator, Iterator
from pathlib import Path

import httpx
import pytest

from desktop_app.api import ApiClient, make_http_client
from desktop_app.demo.server import DemoServer
from desktop_app.store.db import LocalStore
from tests.helpers import log_guard, screens, tracked_files

# -- fixtures ------------------------------------------------------------------------------


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


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """The program's HTTP client with short timeouts (connect 1 s, read 3 s)."""
    with make_http_client(connect_timeout=1.0, read_timeout=3.0) as client:
        yield client


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[LocalStore]:
    """A fresh store in a real SQLite file under the test's own folder."""
    s = LocalStore(data_dir)
    yield s
    s.close()


# -- a logged ERROR fails the test that caused it ---------------------------------------------


def _guarded(item: pytest.Item, phase: str) -> Generator[None, object, object]:
    with log_guard.collecting() as records:
        result = yield
    log_guard.check(item, records, phase)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _guarded(item, "setup"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _guarded(item, "the test"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _guarded(item, "teardown"))


# -- the run leaves tracked files alone ----------------------------------------------------------

_STASH = pytest.StashKey[tuple[str, str] | None]()
_CHANGED = pytest.StashKey[str | None]()


def pytest_sessionstart(session: pytest.Session) -> None:
    watching = not screens.regenerating()  # run.sh screenshots rewrites the committed pictures
    session.config.stash[_STASH] = tracked_files.snapshot() if watching else None


def pytest_sessionfinish(session: pytest.Session) -> None:
    before = session.config.stash.get(_STASH, None)
    changed = tracked_files.changed_by_the_run(before, tracked_files.snapshot() if before else None)
    session.config.stash[_CHANGED] = changed
    if changed:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    changed = terminalreporter.config.stash.get(_CHANGED, None)
    if changed:
        terminalreporter.section("tracked files changed", sep="=", red=True, bold=True)
        terminalreporter.line(changed, red=True)
