"""Child processes of the tests: the program's own command line and small stand-in programs.

A child runs this tree (``PYTHONPATH``) without the shell's ``ESTATE_`` settings, so
only what the test passes counts; ``main.py`` runs with its stdin closed and its output
captured as text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"


def child_env(**extra: str) -> dict[str, str]:
    """This tree on the path, none of the shell's ``ESTATE_`` settings, and ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESTATE_")}
    env.update(PYTHONPATH=str(ROOT), **extra)
    return env


def run_main(*args: str, timeout: float = 120, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """``main.py ARGS`` to its end: exit code, stdout and stderr."""
    return subprocess.run(
        [sys.executable, str(MAIN), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=child_env(**extra_env),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )


def start_main(*args: str, **extra_env: str) -> subprocess.Popen[str]:
    """``main.py ARGS`` started and left running; read its end with ``communicate``."""
    return subprocess.Popen(
        [sys.executable, str(MAIN), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        env=child_env(**extra_env),
        cwd=ROOT,
    )


def start_child(script: Path, *args: str) -> subprocess.Popen[str]:
    """A stand-in program (a script beside the tests) that talks over its stdin and stdout."""
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        stdout=subprocess.PIPE,
        stdin=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=child_env(),
        cwd=ROOT,
    )
