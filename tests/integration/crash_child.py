"""A process the crash test kills with SIGKILL at random moments.

It enqueues feedback rows as fast as it can while a sync engine drains them to the demo
server, and prints each row's marker only after ``enqueue`` has returned (i.e. after
COMMIT), so the parent knows exactly which rows were promised.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_app.api import make_http_client
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import CallLogEntry
from desktop_app.sync.engine import SyncEngine


def main() -> None:
    data_dir, base_url, prefix = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    store = LocalStore(data_dir)
    http = make_http_client(1.0, 2.0)
    engine = SyncEngine(
        store,
        http,
        base_url,
        backoff_base_s=0.05,
        backoff_cap_s=0.2,
        row_backoff_base_s=0.05,
        row_backoff_cap_s=0.2,
    )
    engine.start()
    outbox = store.outbox()
    n = 0
    while True:
        marker = f"{prefix}-{n}"
        payload = {
            "user_id": 29,
            "phone_no": "13800000000",
            "owner_name": marker,
            "package_id": 1,
            "pro_id": 1,
            "call_back_item_name": "继续跟进",
        }
        outbox.enqueue("savecallback", payload, CallLogEntry(user_id=29, kind="savecallback"))
        engine.wake()
        sys.stdout.write(marker + "\n")
        sys.stdout.flush()
        n += 1


if __name__ == "__main__":
    main()
