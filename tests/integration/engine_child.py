"""A program's sync engine in a process of its own, standing in for the window.

``python engine_child.py DATA_DIR SERVER_URL`` opens the store for SERVER_URL, starts
the engine thread (as the window does) and prints ``started``; when its stdin closes it
stops the engine and prints ``sent N``: how many writes the server confirmed to it.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from desktop_app.api import WRITE_ACTIONS, CallRecord, make_http_client
from desktop_app.store.db import LocalStore
from desktop_app.sync.engine import SyncEngine


def main() -> None:
    data_dir, server_url = Path(sys.argv[1]), sys.argv[2]
    sent = 0
    lock = threading.Lock()

    def observe(record: CallRecord) -> None:
        nonlocal sent
        if record.action in WRITE_ACTIONS and record.outcome == "ok":
            with lock:
                sent += 1

    store = LocalStore(data_dir, server_url=server_url)
    with make_http_client(1.0, 5.0) as http:
        engine = SyncEngine(store, http, server_url, observer=observe)
        engine.start()
        print("started", flush=True)
        sys.stdin.read()
        engine.stop()
    store.close()
    print(f"sent {sent}", flush=True)


if __name__ == "__main__":
    main()
