"""The test suite must leave every file git tracks as it found it.

``snapshot()`` is taken when the session starts and again when it ends: the list of
changed tracked files and a hash of their differences from HEAD, so a file already
edited by the developer counts as changed by the tests only if its content moved.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _git(*args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def snapshot() -> tuple[str, str] | None:
    """(changed tracked files, hash of their diff), or None outside a git checkout."""
    status = _git("status", "--porcelain", "--untracked-files=no")
    diff = _git("diff", "--no-ext-diff", "--binary", "HEAD")
    if status is None or diff is None:
        return None
    return status.decode("utf-8", "replace"), hashlib.sha256(diff).hexdigest()


def changed_by_the_run(before: tuple[str, str] | None, after: tuple[str, str] | None) -> str | None:
    """A message naming what the run changed, or None when nothing tracked moved."""
    if before is None or after is None or before == after:
        return None
    old = set(before[0].splitlines())
    now = set(after[0].splitlines())
    lines = sorted(now - old) or sorted(now)
    return "the test suite changed tracked files:\n" + "\n".join(f"  {line}" for line in lines)
