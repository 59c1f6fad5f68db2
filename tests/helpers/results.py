"""Measured figures, appended as JSON lines to ``tests/perf/results/latest.jsonl`` (git-ignored).

Benchmarks and the bundle's measurements write one line each, with the machine they ran
on, so runs on the same machine can be compared.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parents[1] / "perf" / "results" / "latest.jsonl"


def append_result(name: str, figures: dict[str, Any]) -> None:
    entry = {
        "bench": name,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        **figures,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(entry, ensure_ascii=False) + "\n")
