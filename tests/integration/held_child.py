"""The window with one write in its undo window, in a process of its own.

``python held_child.py DATA_DIR SERVER_URL MARKER HOLD_S`` starts a sync engine (as the
window does), enqueues one feedback held for HOLD_S seconds, prints MARKER after COMMIT
and then waits on its stdin: when that closes it stops the engine and ends; a test may
kill it with SIGKILL instead, inside the window.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from desktop_app.api import make_http_client
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import CallLogEntry
from desktop_app.sync.engine import SyncEngine
from tests.helpers.writes import feedback


def main() -> None:
    data_dir, server_url, marker, hold_s = Path(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
    store = LocalStore(data_dir, server_url=server_url)
    with make_http_client(1.0, 2.0) as http:
        engine = SyncEngine(store, http, server_url)
        engine.start()
        now = time.time()
        entry = CallLogEntry(user_id=29, kind="savecallback")
        store.outbox().enqueue("savecallback", feedback(marker), entry, now=now, hold_until=now + hold_s)
        engine.wake()
        print(marker, flush=True)
        sys.stdin.read()
        engine.stop()
    store.close()


if __name__ == "__main__":
    main()
