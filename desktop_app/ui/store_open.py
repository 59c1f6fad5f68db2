"""The local database is opened off the GUI thread.

Opening checks the file (``PRAGMA quick_check`` reads all of it), applies the schema
steps and may rescue a damaged file: work that grows with the database, which the GUI
thread never does. ``open_in_background`` opens it on a helper thread while the login
window takes keys, and hands the store to the GUI thread; ``open_and_wait`` does the
same for a caller that has nothing to show meanwhile (tests, ``--self-test``). The
helper thread also loads the modules the rest of start-up needs (the store's, the
application's), so the GUI thread finds them loaded and is ready to type sooner.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from desktop_app.store.db import LocalStore

# Loaded on the helper thread, after the open: what ``build_application`` imports.
REST_OF_STARTUP = "desktop_app.ui.application"


def _open(data_dir: Path, server_url: str | None, training: bool, load_rest: bool = False) -> LocalStore:
    from desktop_app.store.db import LocalStore

    store = LocalStore(data_dir, server_url=server_url, training=training)
    store.close_thread_connection()  # this thread ends now; each thread opens its own
    if load_rest:
        importlib.import_module(REST_OF_STARTUP)
    return store


def load_in_background(module: str) -> None:
    """Import ``module`` on a helper thread, so that its first use on the GUI thread is quick."""
    threading.Thread(target=importlib.import_module, args=(module,), name="preload", daemon=True).start()


def open_and_wait(data_dir: Path, server_url: str | None = None, training: bool = False) -> LocalStore:
    """Open on a helper thread and wait for it; its exception is raised here."""
    outcome: list[LocalStore | BaseException] = []

    def run() -> None:
        try:
            outcome.append(_open(data_dir, server_url, training))
        except BaseException as exc:  # raised again on the calling thread
            outcome.append(exc)

    helper = threading.Thread(target=run, name="store-open", daemon=True)
    helper.start()
    helper.join()
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


class _Opened(QObject):
    """Hands the helper thread's result to ``then`` on the GUI thread (this object's thread)."""

    done = Signal(object)  # LocalStore, or the exception the open raised

    def __init__(self, then: Callable[[LocalStore | BaseException], None]) -> None:
        super().__init__()
        self._then = then
        self.done.connect(self._deliver)  # queued: emitted on the helper thread

    @Slot(object)
    def _deliver(self, result: LocalStore | BaseException) -> None:
        _keep.remove(self)
        self._then(result)


def open_in_background(
    data_dir: Path,
    then: Callable[[LocalStore | BaseException], None],
    server_url: str | None = None,
    training: bool = False,
) -> None:
    """Open on a helper thread; ``then(store or exception)`` runs on the GUI thread.

    The helper also makes Qt's enum namespace (~25 ms holding the interpreter), so that
    the GUI thread, which handles the agent's first keys meanwhile, does not.
    """
    relay = _Opened(then)

    def run() -> None:
        try:
            from PySide6 import QtCore

            QtCore.Qt  # noqa: B018 - made here, once
            result: LocalStore | BaseException = _open(data_dir, server_url, training, load_rest=True)
        except BaseException as exc:  # given to ``then``, which decides what the agent sees
            result = exc
        relay.done.emit(result)

    _keep.append(relay)  # alive until the result is delivered
    threading.Thread(target=run, name="store-open", daemon=True).start()


_keep: list[_Opened] = []
