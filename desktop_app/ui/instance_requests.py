"""What the running window does when the program is started again for the same folder.

A second start (``single_instance``) asks to ``activate``: the window in use comes to
the front, restored if it was minimised. ``--sync`` asks to ``sync``: this program's
engine owns the queue of this folder: it makes one pass now (waited for on the
background pool) and the reply says what it did (``one_pass.PassReport``); the asking
command prints it. No agent need be logged in: the engine sends every agent's rows.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from .single_instance import ACTIVATE, SYNC, InstanceRequest

if TYPE_CHECKING:
    from .application import Application

log = logging.getLogger(__name__)


class InstanceRequests(QObject):
    """Answers the requests of later starts; ``attach`` the application once it is built."""

    def __init__(self, first_window: QWidget) -> None:
        super().__init__(first_window)
        self._first_window = first_window
        self._app: Application | None = None

    def attach(self, app: Application) -> None:
        self._app = app

    def handle(self, request: InstanceRequest) -> None:
        log.info("a later start asks: %s", request.command)
        if request.command == ACTIVATE:
            self._activate(request)
        elif request.command == SYNC:
            self._sync(request)
        else:
            request.fail("unknown_command")

    def front_window(self) -> QWidget:
        app = self._app
        if app is not None:
            return app.work_window if app.work_window is not None else app.login_window
        return self._first_window

    def _activate(self, request: InstanceRequest) -> None:
        window = self.front_window()
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
        request.reply(activated=True)

    def _sync(self, request: InstanceRequest) -> None:
        app = self._app
        if app is None:
            request.fail("not_ready")  # still starting: the asker syncs itself (claims keep it safe)
            return
        if app.engine.servers is None:
            request.fail("no_server")
            return
        from desktop_app.sync.one_pass import PassReport, sync_pass  # the HTTP stack is loaded by now

        deadline = _deadline(request.args.get("deadline_s"))
        engine, store = app.engine, app.store

        def done(report: PassReport | None) -> None:
            if report is None:  # the pass did not end in time: the asker syncs itself
                request.fail("busy")
                return
            log.info("sync on request: %s sent, %s still to send", report.sent, report.pending)
            request.reply(**report.to_data())

        def failed(error: BaseException) -> None:
            log.error("sync on request failed", exc_info=error)
            request.fail("sync_failed")

        app.tasks.run(lambda: sync_pass(engine, store, deadline), done, failed)


def _deadline(asked: object) -> float:
    from desktop_app.sync.one_pass import SYNC_DEADLINE_S

    if isinstance(asked, int | float) and not isinstance(asked, bool) and asked > 0:
        return min(float(asked), SYNC_DEADLINE_S)
    return SYNC_DEADLINE_S
