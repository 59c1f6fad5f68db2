"""The one way the window runs slow work: on a thread pool, with the result by signal.

Network calls (and anything else that may take longer than a frame) must never run on
the UI thread. ``BackgroundTasks.run`` executes a callable on a ``QThreadPool`` and
brings its result, or its exception, back to the UI thread through a queued signal,
where the callbacks may touch widgets. After ``shutdown()`` no callback runs any more,
so a closing window is never called back into. A window that lives shorter than the
program (the work window, gone at 退出登录) runs its jobs through ``scope()``: the same
pool, but its callbacks are dropped from the moment the window closes. A job that leaves
something behind besides its result (a reserve refill adds phones to the store) asks
``still_open`` before each such step, so nothing of it lands after its owner closed.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, Qt, QThreadPool, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


class StillOpen:
    """Whether the owner of some jobs is still open, asked from the jobs' own threads.

    ``holding()`` is entered around a step that must not happen once the owner closed
    (adding a fetched phone to the reserve): ``close()`` waits for a step under way, so
    from its return on no step runs. Hold it for short local steps only, never across a
    network request: the closing UI thread waits for it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = True

    @property
    def is_open(self) -> bool:
        return self._open

    def close(self) -> None:
        with self._lock:
            self._open = False

    @contextmanager
    def holding(self) -> Iterator[bool]:
        """Whether the owner is open; it stays so until the block ends."""
        with self._lock:
            yield self._open


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], report: Callable[[int, Any, Any], None]) -> None:
        super().__init__()
        self._job_id = job_id
        self._fn = fn
        self._report = report

    def run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            result = self._fn()
        except BaseException as exc:  # delivered to on_error on the UI thread
            error = exc
        try:
            self._report(self._job_id, result, error)
        except RuntimeError:  # the receiver is gone (the program is closing)
            log.debug("background result dropped: receiver deleted")


class BackgroundTasks(QObject):
    """Runs callables off the UI thread; calls back on the thread that owns this object."""

    _finished = Signal(int, object, object)  # job id, result, exception

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        # The threads stay for the pool's life: each keeps one SQLite connection (the
        # store's are per thread), so at most ``max_threads`` of them, not one per expiry.
        self._pool.setExpiryTimeout(-1)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]]
        self._pending = {}
        self._closed = False
        self.still_open = StillOpen()  # closed by ``shutdown()``
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn`` on the pool; ``on_done(result)`` or ``on_error(exc)`` on the UI thread."""
        if self._closed:
            log.debug("background work refused after shutdown")
            return
        job_id = next(self._ids)
        self._pending[job_id] = (on_done, on_error)
        self._pool.start(_Job(job_id, fn, self._finished.emit))

    @property
    def busy(self) -> int:
        """How many submitted jobs have not yet been called back."""
        return len(self._pending)

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Block until every job ran and was called back (tests, shutdown); True when idle."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            remaining = int((deadline - time.monotonic()) * 1000)
            self._pool.waitForDone(max(0, remaining))
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
            if not self._pending:
                return self._pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000)))
            if time.monotonic() >= deadline:
                return False

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Drop every callback, refuse new work, wait for running jobs to end."""
        self._closed = True
        self.still_open.close()
        self._pending.clear()
        self._pool.clear()
        return self._pool.waitForDone(timeout_ms)

    def scope(self, owner: QObject) -> BackgroundTasks:
        """Jobs on this pool whose callbacks end with ``owner``: call ``shutdown()`` as it closes."""
        return _Scope(self, owner)

    def _deliver(self, job_id: int, result: Any, error: Any) -> None:
        callbacks = self._pending.pop(job_id, None)
        if callbacks is None or self._closed:
            return
        on_done, on_error = callbacks
        try:
            if error is None:
                if on_done is not None:
                    on_done(result)
            elif on_error is not None:
                on_error(error)
            else:
                log.error("background work failed", exc_info=error)
        except Exception:  # a failing callback must not take the event loop down
            log.exception("background work callback failed")


class _Scope(BackgroundTasks):
    """A window's share of the pool: the same threads, callbacks only while it is open.

    Jobs are counted by the pool it came from (``busy``, ``wait_idle``), so a test or the
    program waiting for quiet waits for these too. ``shutdown()`` ends only this scope.
    """

    def __init__(self, pool: BackgroundTasks, owner: QObject) -> None:
        QObject.__init__(self, owner)  # no pool of its own: the one given runs the jobs
        self._root = pool
        # A plain object, not this QObject: the callbacks and the jobs read it after the
        # owner (and this scope with it) may have been deleted.
        self.still_open = StillOpen()

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        still_open = self.still_open
        if not still_open.is_open:
            log.debug("background work refused: its window closed")
            return

        def done(result: T) -> None:
            if still_open.is_open and on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            if not still_open.is_open:
                log.debug("background work of a closed window failed: %r", exc)
            elif on_error is not None:
                on_error(exc)
            else:
                log.error("background work failed", exc_info=exc)

        self._root.run(fn, done, failed)

    @property
    def busy(self) -> int:
        return self._root.busy

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        return self._root.wait_idle(timeout_ms)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """No callback of this scope runs from now on; jobs running finish on their own (a
        step they hold ``still_open`` for ends first, and none starts any more)."""
        self.still_open.close()
        return True
