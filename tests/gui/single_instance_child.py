"""A second (or first) program start, for the single-instance tests.

``python single_instance_child.py DATA_DIR RUNTIME_DIR COMMAND [--at T] [--serve N] [--lifetime S]``
runs the election for DATA_DIR. As the first instance it prints ``first`` and serves:
``activate`` is answered at once, ``sync`` a moment later from a timer (as the window
answers after a sync pass); it quits after N requests, or after S seconds whatever
happens. Otherwise it prints the running instance's reply as one JSON line. ``--at``
holds the election until that wall-clock time, so several children elect together.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QTimer

from desktop_app.ui.single_instance import ACTIVATE, InstanceRequest, InstanceServer, place_for, start_or_ask


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("runtime_dir")
    parser.add_argument("command", nargs="?", default=ACTIVATE)
    parser.add_argument("--at", type=float, default=0.0)
    parser.add_argument("--serve", type=int, default=1)
    parser.add_argument("--lifetime", type=float, default=20.0)
    args = parser.parse_args()

    app = QCoreApplication(sys.argv[:1])
    place = place_for(args.data_dir, runtime_dir=args.runtime_dir)
    time.sleep(max(0.0, args.at - time.time()))  # a start time, not a synchronisation
    outcome = start_or_ask(place, args.command, {"from": os.getpid()}, timeout_s=10)
    if not isinstance(outcome, InstanceServer):
        print(json.dumps({"answered": outcome.answered, "data": outcome.data}), flush=True)
        return 0
    if not outcome.is_listening():
        print(f"not listening: {outcome.error}", flush=True)
        return 2

    served: list[str] = []

    def on_request(request: InstanceRequest) -> None:
        served.append(request.command)
        if request.command == ACTIVATE:
            request.reply(activated=True, pid=os.getpid(), asker=request.args.get("from"))
        else:
            QTimer.singleShot(200, lambda: request.reply(sent=3, pending=0, pid=os.getpid()))
        if len(served) >= args.serve:
            QTimer.singleShot(400, app.quit)

    outcome.requested.connect(on_request)
    QTimer.singleShot(int(args.lifetime * 1000), app.quit)
    print("first", flush=True)
    app.exec()
    outcome.close()
    print("served " + ",".join(served), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
