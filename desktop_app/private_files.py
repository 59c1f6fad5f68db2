"""The one owner-only policy for what the program writes: folders 0700, files 0600.

The program's folders and files hold customer names and numbers, the agent's
settings and logs; no other account on the PC may read them. The modes matter on
POSIX; Windows ignores them, and the per-user profile protects the data there.

Two kinds of folder:
- the program's own (data, config, logs): created owner-only, and an existing one is
  tightened to owner-only (``make_private_dir``);
- a folder the agent chose for an export: a missing one is created owner-only, an
  existing one (the Desktop, say) is never changed (``write_private_file``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def make_private_dir(folder: Path) -> None:
    """Create the program's ``folder`` (see ``create_dirs``), and tighten it if it existed.

    An existing but wider ``folder`` is a leak, so it is set to 0700; on a folder that
    is not ours (a shared ``--data-dir``) that fails quietly, and using the folder may
    still work.
    """
    create_dirs(folder)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(folder, DIR_MODE)


def write_private_file(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (temp file + ``os.replace``), mode 0600.

    A missing folder is created owner-only; an existing one is left as it is (it may
    be one the agent chose). A reader never sees half a file.
    """
    create_dirs(path.parent)
    import tempfile  # only when writing: kept out of start-up

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def create_dirs(folder: Path) -> None:
    """Create ``folder`` and each missing parent with mode 0700; existing ones keep their mode.

    (``Path.mkdir(parents=True)`` would give the parents it creates the default mode.)
    """
    missing: list[Path] = []
    current = folder
    while not current.is_dir() and current != current.parent:
        missing.append(current)
        current = current.parent
    for one in reversed(missing):
        one.mkdir(mode=DIR_MODE, exist_ok=True)


def open_private(path: Path | str, flags: int) -> int:
    """``os.open`` with ``O_CREAT``: a new file is 0600, and an older, wider one is tightened.

    ``flags`` says how (``os.O_WRONLY | os.O_APPEND`` for a log, ``os.O_TRUNC`` for a
    fresh copy); the caller owns the returned descriptor.
    """
    fd = os.open(path, flags | os.O_CREAT, FILE_MODE)
    if os.name == "posix":
        try:
            os.fchmod(fd, FILE_MODE)
        except OSError:
            os.close(fd)
            raise
    return fd


def protect_file(path: Path | str) -> None:
    """Set an existing file to 0600; a file that is gone or not ours is left alone."""
    with contextlib.suppress(OSError):
        os.chmod(path, FILE_MODE)
