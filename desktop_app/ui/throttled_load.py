"""Reload a view from the store often enough to look live, never enough to stall.

While the sync engine drains a backlog it publishes a status several times a second. A
view that re-read its rows at each one would spend the UI thread on SQLite and JSON (a
long day's outbox is ~100 ms to read) and freeze under the agent's hands. A
``ThrottledLoad`` turns any number of requests into at most one load per interval, runs
the load on the background pool, and hands the result back on the UI thread. A load that
was overtaken by a direct one (``load_now``, after the agent's own action) is not
applied, so an older read never replaces a newer one. ``load_now`` also reads on the
pool (the UI thread never reads rows that grow with the day); only without a pool (a
view tested on its own) does a load run at once on the calling thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QTimer

from .tasks import BackgroundTasks

T = TypeVar("T")

# The interval also grows with how long a load takes, so reading never takes more than
# about a fifth of one core however large the day's rows grow.
BUSY_SHARE = 5


class ThrottledLoad(QObject, Generic[T]):
    """Coalesce ``request()`` calls into background loads at most once per interval."""

    def __init__(
        self,
        tasks: BackgroundTasks | None,
        load: Callable[[], T],
        apply: Callable[[T], None],
        fail: Callable[[BaseException], None],
        min_interval_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._load = load
        self._apply = apply
        self._fail = fail
        self._min_interval = min_interval_ms / 1000
        self._interval = self._min_interval
        self._last_started = -float("inf")
        self._running = False
        self._wanted = False
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start)

    @property
    def idle(self) -> bool:
        """No load running and none waiting for its turn."""
        return not self._running and not self._timer.isActive()

    def request(self) -> None:
        """Ask for a load soon; requests while one is waiting or running are merged."""
        if self._tasks is None:
            self.load_now()
            return
        if self._running:
            self._wanted = True
            return
        if self._timer.isActive():
            return
        wait = self._last_started + self._interval - time.monotonic()
        self._timer.start(int(max(0.0, wait) * 1000))

    def load_now(self) -> None:
        """Load at once, not waiting for the interval; what is waiting or on its way is dropped.

        On the pool when there is one: the result comes a moment later, on this thread.
        """
        self.invalidate()
        if self._tasks is not None:
            self._start()
            return
        try:
            result = self._load()
        except Exception as exc:  # the view says why its figures are old
            self._fail(exc)
            return
        self._apply(result)

    def load_soon(self) -> None:
        """Load on the pool at once (the agent asked: a view opened, a range chosen); without
        a pool, on this thread. What was waiting or on its way is dropped."""
        if self._tasks is None:
            self.load_now()
            return
        self.invalidate()
        self._start()

    def invalidate(self) -> None:
        """Drop what is waiting or on its way (the view has fresher rows)."""
        self._generation += 1
        self._running = False  # a load on its way is abandoned: its result is not applied
        self._timer.stop()
        self._wanted = False
        self._last_started = time.monotonic()

    def _start(self) -> None:
        # The load started last is the only one applied: it read the newest rows.
        self._generation += 1
        generation = self._generation
        self._running = True
        self._wanted = False
        self._last_started = time.monotonic()

        def done(result: T) -> None:
            if generation == self._generation:
                self._finish()
                self._apply(result)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._finish()
                self._fail(exc)

        assert self._tasks is not None  # the timer only runs with a pool
        self._tasks.run(self._load, done, failed)

    def _finish(self) -> None:
        took = time.monotonic() - self._last_started
        self._running = False
        self._interval = max(self._min_interval, BUSY_SHARE * took)
        if self._wanted:
            self._wanted = False
            self.request()
