"""The whole program for GUI tests: built over a fresh data folder against the demo server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from desktop_app.demo.server import DemoServer
from desktop_app.store.db import LocalStore
from desktop_app.ui.tasks import BackgroundTasks
from tests.helpers import gui_reads
from tests.helpers.app_driver import AppFactory, start_app

if TYPE_CHECKING:
    from desktop_app.ui.application import Application


@pytest.fixture(autouse=True)
def no_growing_read_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test when the window read rows on the GUI thread that grow with the day.

    See ``helpers.gui_reads``; a test that builds a view without a pool, so that it reads
    at once on purpose, is marked ``@pytest.mark.gui_reads("why")``.
    """
    with gui_reads.watching(LocalStore) as guard:
        yield
    if guard.found and request.node.get_closest_marker(gui_reads.MARKER) is None:
        seen = "\n  ".join(dict.fromkeys(guard.found))
        pytest.fail(f"the GUI thread read a growing table:\n  {seen}", pytrace=False)


@pytest.fixture
def app_factory(qtbot: Any, tmp_path: Path, demo_server: DemoServer) -> Iterator[AppFactory]:
    """``app_factory(**settings)``: the program against ``demo_server``; shut down after the test."""
    built: list[Application] = []

    def make(**settings: Any) -> Application:
        application = start_app(tmp_path, demo_server.base_url, **settings)
        built.append(application)
        return application

    yield make
    for application in reversed(built):
        application.shutdown()


@pytest.fixture
def app(app_factory: AppFactory) -> Application:
    """The program with default settings (short timeouts)."""
    return app_factory()


@pytest.fixture
def tasks(qtbot: Any) -> Iterator[BackgroundTasks]:
    """The background pool windows run their slow work on; no callback runs after the test."""
    pool = BackgroundTasks()
    yield pool
    pool.shutdown()
