"""When did this process start? For ``--measure-startup``, measured from process creation.

Python's own clocks start at import; the operating system knows the real start. Linux
gives it in /proc, Windows through GetProcessTimes; elsewhere the import of this module
is the best estimate.
"""

from __future__ import annotations

import os
import sys
import time

_IMPORTED_AT = time.time()


def process_start_time() -> float:
    """The process's creation time as a ``time.time()`` value."""
    try:
        if sys.platform.startswith("linux"):
            return _linux_start()
        if sys.platform == "win32":
            return _windows_start()
    except (OSError, ValueError, AttributeError):
        pass
    return _IMPORTED_AT


def _linux_start() -> float:
    with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    start_ticks = int(fields[19])  # field 22 of stat(5), counted after "pid (comm)"
    with open("/proc/uptime", encoding="ascii") as f:
        uptime = float(f.read().split()[0])
    ticks = os.sysconf("SC_CLK_TCK")
    return time.time() - uptime + start_ticks / ticks


def _windows_start() -> float:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    creation, exit_, kernel, user = (wintypes.FILETIME() for _ in range(4))
    handle = kernel32.GetCurrentProcess()
    if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in (creation, exit_, kernel, user))):
        raise OSError("GetProcessTimes failed")
    filetime = (creation.dwHighDateTime << 32) | creation.dwLowDateTime
    return filetime / 10_000_000 - 11_644_473_600  # 100 ns ticks since 1601 → Unix time
