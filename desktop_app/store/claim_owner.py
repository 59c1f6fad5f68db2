"""Who holds an outbox row while it is being sent, and whether that holder still lives.

A claim names its owner: the host, the process id, the process's start mark (so a
process id the system later gives to another program is not taken for the owner) and
a random token (one per sync engine, so two engines of one process are told apart).
Another process may take over a claimed row only when its lease ran out or its owner
is certainly gone; a row whose owner is alive and whose lease runs is never touched.
The lease is at least twice the request deadline, so a request that runs to its
deadline still ends inside it.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import uuid
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache

# The default total deadline of one request (settings.request_deadline_s); the lease is
# twice that, so a claim outlives any request sent under it.
REQUEST_DEADLINE_S = 15.0
LEASE_FACTOR = 2.0
LEASE_S = LEASE_FACTOR * REQUEST_DEADLINE_S


def lease_for(request_deadline_s: float) -> float:
    """The lease of a claim for requests bounded by ``request_deadline_s``."""
    return LEASE_FACTOR * max(request_deadline_s, 0.0)


class Liveness(Enum):
    ALIVE = "alive"
    DEAD = "dead"
    UNKNOWN = "unknown"  # another host, or a system that cannot tell: only the lease counts


@dataclass(frozen=True)
class ClaimOwner:
    """One claimant: a process (host, pid, start mark) and a token of its own."""

    host: str
    pid: int
    start: str  # an opaque mark of when the process started ("" when the system does not say)
    token: str

    def key(self) -> str:
        """The owner as stored in ``outbox.claimed_by`` (compact JSON)."""
        return json.dumps(
            [self.host, self.pid, self.start, self.token], ensure_ascii=False, separators=(",", ":")
        )

    @classmethod
    def from_key(cls, key: str) -> ClaimOwner | None:
        """The owner a stored key names; None when the key is not one (then the row counts as unowned)."""
        try:
            host, pid, start, token = json.loads(key)
        except (ValueError, TypeError):
            return None
        if not (
            isinstance(host, str)
            and isinstance(pid, int)
            and isinstance(start, str)
            and isinstance(token, str)
        ):
            return None
        return cls(host, pid, start, token)

    def claimant(self) -> ClaimOwner:
        """The same process under a fresh token (one per sync engine)."""
        return replace(self, token=uuid.uuid4().hex)


@cache
def this_process() -> ClaimOwner:
    """The owner naming this process (one token per process; engines take ``claimant()``)."""
    pid = os.getpid()
    return ClaimOwner(host=host_name(), pid=pid, start=start_mark(pid) or "", token=uuid.uuid4().hex)


def host_name() -> str:
    with contextlib.suppress(OSError):
        return socket.gethostname()
    return ""


def liveness(owner: ClaimOwner, me: ClaimOwner | None = None) -> Liveness:
    """Whether ``owner``'s process still runs, as far as this PC can tell."""
    me = me or this_process()
    if owner.host != me.host:
        return Liveness.UNKNOWN
    if owner.pid == me.pid and owner.start == me.start:
        return Liveness.ALIVE
    if owner.pid <= 0:
        return Liveness.DEAD
    if sys.platform.startswith("linux"):
        return _linux_liveness(owner)
    if sys.platform == "win32":
        return _windows_liveness(owner)
    return _posix_liveness(owner)


def certainly_gone(key: str | None, me: ClaimOwner | None = None) -> bool:
    """Whether the owner a stored key names has certainly ended: its process is dead, or the
    key names no owner (empty, or written by an older version). Whatever may still live
    (alive, another host, cannot tell) is not gone: its rows wait for their own time limit."""
    owner = None if key is None else ClaimOwner.from_key(key)
    return owner is None or liveness(owner, me) is Liveness.DEAD


def start_mark(pid: int) -> str | None:
    """When process ``pid`` started, as an exact mark; None when it does not run (or cannot be told)."""
    try:
        if sys.platform.startswith("linux"):
            state, ticks = _linux_stat(pid)
            return None if state in ("Z", "X") else f"t{ticks}"
        if sys.platform == "win32":
            found = _windows_process(pid)
            return None if found is None or not found[0] else f"f{found[1]}"
    except (OSError, ValueError, IndexError):
        return None
    return ""


# -- Linux: /proc/<pid>/stat gives the state and the start time in clock ticks ----------------------


def _linux_stat(pid: int) -> tuple[str, int]:
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return fields[0], int(fields[19])  # stat(5) fields 3 and 22, counted after "pid (comm)"


def _linux_liveness(owner: ClaimOwner) -> Liveness:
    try:
        state, ticks = _linux_stat(owner.pid)
    except FileNotFoundError:
        return Liveness.DEAD
    except (OSError, ValueError, IndexError):
        return Liveness.UNKNOWN
    if state in ("Z", "X"):  # exited, not yet reaped
        return Liveness.DEAD
    if owner.start and owner.start != f"t{ticks}":
        return Liveness.DEAD  # the id now belongs to another program
    return Liveness.ALIVE


# -- Windows: the creation time of the process, and whether it has exited --------------------------


def _windows_process(pid: int) -> tuple[bool, int] | None:
    """(still running, creation FILETIME) of ``pid``; None when there is no such process."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    query_limited_information = 0x1000
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        error_invalid_parameter = 87
        if kernel32.GetLastError() == error_invalid_parameter:  # no such process
            return None
        raise OSError("OpenProcess failed")
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            raise OSError("GetExitCodeProcess failed")
        still_active = 259
        creation, exit_, kernel, user = (wintypes.FILETIME() for _ in range(4))
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in (creation, exit_, kernel, user))):
            raise OSError("GetProcessTimes failed")
        return code.value == still_active, (creation.dwHighDateTime << 32) | creation.dwLowDateTime
    finally:
        kernel32.CloseHandle(handle)


def _windows_liveness(owner: ClaimOwner) -> Liveness:
    try:
        found = _windows_process(owner.pid)
    except OSError:
        return Liveness.UNKNOWN  # e.g. another user's process: it exists, but cannot be asked
    if found is None or not found[0]:
        return Liveness.DEAD
    if owner.start and owner.start != f"f{found[1]}":
        return Liveness.DEAD
    return Liveness.ALIVE


# -- other systems: only whether the id is in use ---------------------------------------------------


def _posix_liveness(owner: ClaimOwner) -> Liveness:
    try:
        os.kill(owner.pid, 0)
    except ProcessLookupError:
        return Liveness.DEAD
    except OSError:  # it exists, owned by someone else
        return Liveness.UNKNOWN
    return Liveness.ALIVE  # (the id may have been reused: the lease still bounds the wait)
