"""One program per data folder and OS user: a second start talks to the first one.

The first start listens on a local socket (a Unix socket in a folder only this user can
enter; a named pipe open to this user on Windows) named by a hash of the normalised
data folder and the OS user. A later start connects to it and sends one request —
``activate`` (bring the window to the front) or ``sync`` (sync now and say what was
done) — and gets one reply. The election runs under a lock file, so two starts at the
same moment cannot both become the first; a name left behind by a crash (connecting
is refused) is removed before listening.

The protocol is one JSON line each way, UTF-8:
``{"protocol": 1, "command": "sync", "args": {}}`` then ``{"ok": true, …}`` or
``{"ok": false, "error": CODE}``. The server side runs on the thread that owns it (the
UI thread), driven by its event loop; the asking side blocks, within a time limit, and
needs no event loop (it runs before one exists, or in ``--sync``).

Only QtCore and QtNetwork: no widgets, so the command line can use it too.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QLockFile, QObject

from ..instance_place import Place, instance_name, normalised_folder, os_user, place_for, private_runtime_dir
from .asking import Reply, ask, connect, converse
from .protocol import (
    ACTIVATE,
    COMMANDS,
    DEFAULT_ASK_TIMEOUT_S,
    DEFAULT_REPLY_TIMEOUT_S,
    MAX_LINE_BYTES,
    PROTOCOL,
    READ_TIMEOUT_S,
    SYNC,
)
from .server import InstanceRequest, InstanceServer

__all__ = [
    "ACTIVATE",
    "COMMANDS",
    "DEFAULT_ASK_TIMEOUT_S",
    "DEFAULT_REPLY_TIMEOUT_S",
    "MAX_LINE_BYTES",
    "PROTOCOL",
    "READ_TIMEOUT_S",
    "SYNC",
    "InstanceRequest",
    "InstanceServer",
    "Place",
    "Reply",
    "ask",
    "instance_name",
    "normalised_folder",
    "os_user",
    "place_for",
    "private_runtime_dir",
    "start_or_ask",
]

log = logging.getLogger(__name__)


def start_or_ask(
    place: Place,
    command: str = ACTIVATE,
    args: Mapping[str, Any] | None = None,
    *,
    timeout_s: float = DEFAULT_ASK_TIMEOUT_S,
    reply_timeout_s: float = DEFAULT_REPLY_TIMEOUT_S,
    parent: QObject | None = None,
) -> InstanceServer | Reply:
    """Become the first instance (an InstanceServer) or ask the one running (its Reply).

    The returned server may not be listening (``error`` says why, e.g. the name is taken
    by another user): the program then runs alone, without the guard.
    """
    end = time.monotonic() + timeout_s
    lock = QLockFile(place.lock)
    locked = lock.tryLock(max(0, int(timeout_s * 1000)))
    if not locked:
        log.warning("single instance: no election lock %s (%s); going on without", place.lock, lock.error())
    try:
        connected = connect(place.server, end)
        if connected is None:
            server = InstanceServer(place.server, reply_timeout_s=reply_timeout_s, parent=parent)
            server.listen()
            return server
    finally:
        if locked:
            lock.unlock()
    if isinstance(connected, Reply):
        return connected
    return converse(connected, command, args, end)
