"""A logged ERROR that a test did not expect fails that test.

The program logs an ERROR when something went wrong that nobody was told about by an
exception (a failing callback, a dead thread, a damaged file). A test that passes
while such a line is written hides a bug, so every test phase collects the ERROR
records of the root logger and fails when one is left that the test did not declare
with ``@pytest.mark.logs_errors("text in the message", …)``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

MARKER = "logs_errors"


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def collecting() -> Iterator[list[logging.LogRecord]]:
    """The ERROR (and CRITICAL) records logged anywhere while the block runs."""
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        yield collector.records
    finally:
        root.removeHandler(collector)


def unexpected(item: pytest.Item, records: list[logging.LogRecord]) -> list[logging.LogRecord]:
    """The records the test's ``logs_errors`` marker does not name."""
    marker = item.get_closest_marker(MARKER)
    expected: tuple[str, ...] = marker.args if marker is not None else ()
    return [r for r in records if not any(text in r.getMessage() for text in expected)]


def check(item: pytest.Item, records: list[logging.LogRecord], phase: str) -> None:
    """Fail the phase when an ERROR was logged that the test did not expect."""
    left = unexpected(item, records)
    if left:
        lines = "\n".join(f"  {r.name}: {r.getMessage()}" for r in left)
        pytest.fail(
            f"unexpected ERROR logged during {phase} (mark the test with "
            f"@pytest.mark.{MARKER}(...) if it is what the test provokes):\n{lines}",
            pytrace=False,
        )
