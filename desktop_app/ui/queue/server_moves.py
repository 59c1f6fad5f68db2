"""What the other-servers bar's two buttons do: send the writes made for an old server to
the current one, or give them up after a confirmation (each row audited by the outbox).

Many rows change at once, so the change runs on the background pool; the view shows the
notices this class gives and reads its rows again when told.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError

from ..i18n import fill
from ..i18n.messages import render
from ..tasks import BackgroundTasks
from .other_servers import OtherServersBar

log = logging.getLogger(__name__)


class ServerMoves(QObject):
    rebound = Signal(int)  # how many writes of another server now go to the current one
    gaveUp = Signal()
    notice = Signal(str)
    changed = Signal()  # rows changed (or a change failed): read them again

    def __init__(
        self,
        store: LocalStore,
        bar: OtherServersBar,
        clock: Callable[[], float],
        tasks: BackgroundTasks | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._bar = bar
        self._clock = clock
        self._tasks = tasks
        self._window = parent
        bar.sendHereRequested.connect(self.send_here)
        bar.discardRequested.connect(self.discard_for_server)

    def send_here(self, old_server: str) -> None:
        """Send the writes made for ``old_server`` to the server set now (each audited)."""
        store, now = self._store, self._clock()
        reason = fill(self.tr("坐席改发：%1 → %2"), old_server, store.outbox().server or "")

        def moved(count: int) -> None:
            self.notice.emit(fill(self.tr("已改发 %1 条记录到当前服务器"), count))
            self.rebound.emit(count)

        self._apply_to_many(lambda: store.outbox().rebind(old_server, now, reason), moved)

    def discard_for_server(self, old_server: str) -> None:
        """Give up the writes made for ``old_server`` after a confirmation (each audited)."""
        question = self.tr("放弃后，这 %1 条为服务器 %2 记录的记录不会再发送（本机保留记录）。确定放弃吗？")
        answer = QMessageBox.question(
            self._window,
            self.tr("放弃这些记录"),
            fill(question, self._bar.count, old_server),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        store, now = self._store, self._clock()
        reason = fill(self.tr("坐席放弃：为服务器 %1 记录，服务器设置已更换"), old_server)

        def given_up(count: int) -> None:
            self.notice.emit(fill(self.tr("已放弃 %1 条记录"), count))
            self.gaveUp.emit()

        self._apply_to_many(lambda: store.outbox().discard_bound_to(old_server, reason, now), given_up)

    def _apply_to_many(self, change: Callable[[], int], done: Callable[[int], None]) -> None:
        """On the background pool (at once for a view built without one)."""

        def finished(count: int) -> None:
            done(count)
            self.changed.emit()

        if self._tasks is not None:
            self._tasks.run(change, finished, self._change_failed)
            return
        try:
            count = change()
        except StoreError as exc:
            self._change_failed(exc)
            return
        self.changed.emit()
        done(count)

    def _change_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, StoreError):
            log.error("queue change failed", exc_info=exc)
            return
        log.warning("queue change failed: %s", exc.message)
        self.notice.emit(fill(self.tr("操作未完成：%1"), render(exc.message)))
        self.changed.emit()
