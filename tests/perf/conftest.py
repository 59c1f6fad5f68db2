"""Benchmarks print figures; they are collected only when ``ESTATE_BENCH=1`` (``bash run.sh bench``).

Each benchmark reports through the ``report`` fixture: a readable block on stdout and one
JSON line appended to ``tests/perf/results/latest.jsonl`` (git-ignored), so runs on the
same machine can be compared. Benchmarks assert sanity only, never timing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers.results import append_result

collect_ignore_glob = [] if os.environ.get("ESTATE_BENCH") == "1" else ["test_bench_*.py"]

Report = Callable[[str, dict[str, Any]], None]


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


@pytest.fixture
def report() -> Report:
    """``report(name, figures)``: print the figures as a block and append them as a JSON line."""

    def write(name: str, figures: dict[str, Any]) -> None:
        width = max(len(key) for key in figures)
        lines = [f"== {name} " + "=" * max(3, 60 - len(name))]
        lines += [f"  {key.ljust(width)}  {_shown(value)}" for key, value in figures.items()]
        print("\n" + "\n".join(lines), flush=True)
        append_result(name, figures)

    return write
