"""A process killed with SIGKILL inside the undo window of its one write.

It enqueues one feedback held for an hour (far beyond the test), with a running sync
engine, prints the marker after COMMIT and then waits to be killed.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from desktop_app.api import make_http_client
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import CallLogEntry
from desktop_app.sync.engine import SyncEngine

HOLD_S = 3600.0


def main() -> None:
    data_dir, base_url, marker = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    store = LocalStore(data_dir)
    engine = SyncEngine(store, make_http_client(1.0, 2.0), base_url)
    engine.start()
    payload = {
        "user_id": 29,
        "phone_no": "13800000000",
        "owner_name": marker,
        "package_id": 1,
        "pro_id": 1,
        "call_back_item_name": "继续跟进",
    }
    now = time.time()
    entry = CallLogEntry(user_id=29, kind="savecallback")
    store.outbox().enqueue("savecallback", payload, entry, now=now, hold_until=now + HOLD_S)
    engine.wake()
    sys.stdout.write(marker + "\n")
    sys.stdout.flush()
    threading.Event().wait()  # until killed


if __name__ == "__main__":
    main()
