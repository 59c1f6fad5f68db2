"""Waiting for a condition, with a deadline, where there is no Qt event loop to spin.

GUI tests use ``qtbot.waitUntil``/``qtbot.waitSignal``; threads, servers and child
processes are polled with ``wait_for``. Never a fixed sleep: the test goes on as soon
as the condition holds, and fails with what it waited for when the deadline passes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

POLL_S = 0.005


def wait_for(condition: Callable[[], object], timeout: float = 10.0, what: str = "") -> None:
    """Return as soon as ``condition()`` is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(
                f"not within {timeout} s: {what or getattr(condition, '__name__', 'condition')}"
            )
        time.sleep(POLL_S)  # the polling step, not a guess at how long the work takes
