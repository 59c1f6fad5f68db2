"""Where the first instance listens: a name per normalised data folder and OS user, and a lock.

Plain Python, apart from ``single_instance`` (QtNetwork): the start asks whether anybody
listens before the login window's first paint, and QtNetwork loads only if somebody does.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import stat
import sys
import tempfile
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """The listening name of the instance for one data folder and user, and its election lock."""

    server: str  # what QLocalServer.listen and QLocalSocket.connectToServer take
    lock: str  # the QLockFile path that serialises the election


def place_for(
    data_dir: str | os.PathLike[str], *, user: str | None = None, runtime_dir: str | None = None
) -> Place:
    """The place of the instance owning ``data_dir`` for ``user`` (default: this OS user).

    ``runtime_dir`` (Unix only) overrides the private folder the socket lives in.
    """
    name = instance_name(data_dir, user)
    if sys.platform == "win32":
        return Place(server=name, lock=os.path.join(tempfile.gettempdir(), name + ".lock"))
    folder = runtime_dir if runtime_dir is not None else private_runtime_dir()
    server = os.path.join(folder, name)
    return Place(server=server, lock=server + ".lock")


def instance_name(data_dir: str | os.PathLike[str], user: str | None = None) -> str:
    """``estate-call-`` and a hash of the normalised folder and the user (short: Unix socket
    paths are limited to ~100 bytes)."""
    folder = normalised_folder(data_dir)
    who = os_user() if user is None else user
    digest = hashlib.sha256(f"{folder}\0{who}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"estate-call-{digest[:24]}"


def normalised_folder(data_dir: str | os.PathLike[str]) -> str:
    """One spelling per folder: absolute, links resolved, case folded where the OS ignores case."""
    return os.path.normcase(os.path.realpath(os.path.abspath(os.path.expanduser(os.fspath(data_dir)))))


def os_user() -> str:
    """The OS user as a name (and the uid on Unix, which names cannot fake)."""
    try:
        name = getpass.getuser()
    except Exception:  # no USERNAME/LOGNAME and no pwd entry
        name = ""
    if hasattr(os, "getuid"):
        return f"{name}:{os.getuid()}"
    return name or os.path.expanduser("~")


def private_runtime_dir() -> str:
    """A folder for the socket that only this user can enter.

    ``$XDG_RUNTIME_DIR`` when there is one; else ``estate-call-<uid>`` in the temp folder,
    made with mode 0700 and used only if it is ours and private. Failing that, the temp
    folder itself (others could then take the name first: the program still runs, only
    without its single-instance guard).
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isdir(runtime) and os.access(runtime, os.W_OK | os.X_OK):
        return runtime
    base = tempfile.gettempdir()
    if not hasattr(os, "getuid"):
        return base
    folder = os.path.join(base, f"estate-call-{os.getuid()}")
    with contextlib.suppress(FileExistsError, OSError):
        os.mkdir(folder, 0o700)
    try:
        info = os.lstat(folder)
    except OSError:
        return base
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077
    return folder if private else base
