"""The undo window of the work screen: the writes still held, their countdown, Ctrl+Z.

A feedback or a 电子客 is committed at the key press, held (``store.holds``) for
``undo_window_s`` and then sent. While held, Ctrl+Z (or ``undoButton``) takes back the
newest one: nothing reaches the server and the call flow brings its card back. The
hold ends by itself; logout and quitting end every hold of this agent at once
(``release_all``). The controller draws nothing: the window shows ``changed``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.domain.writes import WriteKind
from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError
from desktop_app.store.held_writes import HeldWrites

from .ports import EngineLike

log = logging.getLogger(__name__)

TICK_MS = 250  # the countdown's step; the hold itself is kept by the store, not by this timer


@dataclass(frozen=True)
class HeldWrite:
    """One write in its undo window."""

    client_id: str
    kind: WriteKind
    card: PhoneCard | None  # the card a feedback answered (it comes back on undo)
    label: str  # the feedback's item, or the customer's name
    until: float  # the end of the window (Unix seconds)


def hold_until(window_s: float, now: float) -> float | None:
    """The end of a new write's window; None when the window is off (0)."""
    return now + window_s if window_s > 0 else None


class UndoWindow(QObject):
    changed = Signal(object)  # the newest HeldWrite still in its window, or None
    undone = Signal(object)  # a HeldWrite taken back
    tooLate = Signal()  # Ctrl+Z with nothing (any more) to take back

    def __init__(
        self,
        store: LocalStore,
        engine: EngineLike,
        user_id: int,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._engine = engine
        self._user_id = user_id
        self._clock = clock
        self._held: list[HeldWrite] = []
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def newest(self) -> HeldWrite | None:
        return self._held[-1] if self._held else None

    def seconds_left(self) -> float:
        newest = self.newest()
        return 0.0 if newest is None else max(0.0, newest.until - self._clock())

    def add(self, held: HeldWrite) -> None:
        self._held.append(held)
        self._timer.start()
        self.changed.emit(held)

    def undo(self) -> HeldWrite | None:
        """Take back the newest write still held; None (and ``tooLate``) when there is none."""
        self._drop_expired()
        while self._held:
            held = self._held.pop()
            try:
                taken = HeldWrites(self._store.db()).undo(held.client_id, self._clock())
            except StoreError as exc:
                log.warning("undo not recorded: %s", exc.message)
                taken = False
            if taken:
                self._show()
                self.undone.emit(held)
                return held
        self._show()
        self.tooLate.emit()
        return None

    def release_all(self) -> None:
        """Logout or quitting: every held write of this agent goes now."""
        held, self._held = self._held, []
        self._show()
        try:
            writes = HeldWrites(self._store.db())
            for write in held:  # each by its key: the GUI thread touches no more rows
                writes.release(write.client_id)
        except StoreError as exc:  # the holds end by themselves, and a restart releases them
            log.warning("holds not released: %s", exc.message)
        self._engine.wake()

    def _tick(self) -> None:
        if self._drop_expired():
            self._engine.wake()  # the engine also wakes by itself when a hold ends
        self._show()

    def _drop_expired(self) -> bool:
        now = self._clock()
        before = len(self._held)
        self._held = [held for held in self._held if held.until > now]
        return len(self._held) != before

    def _show(self) -> None:
        if not self._held:
            self._timer.stop()
        self.changed.emit(self.newest())
