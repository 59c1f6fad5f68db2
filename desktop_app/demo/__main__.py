"""``python -m desktop_app.demo [--port 8080]``: the demo server alone, in the foreground.

For training rooms and for trying the client against a server one can break on purpose
(the fault switches are reachable from a Python shell importing ``DemoServer``).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from .server import DemoServer


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop_app.demo", description="本机演示服务器(仅 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=0, help="端口(默认由系统分配)")
    parser.add_argument("--verbose", action="store_true", help="记录每个请求")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(asctime)s %(levelname)s %(message)s"
    )

    stopping = threading.Event()

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, on_signal)

    try:
        server = DemoServer(port=args.port).start()
    except OSError as exc:
        print(f"演示服务器无法启动(端口 {args.port}): {exc}", file=sys.stderr)
        return 1
    try:
        print(f"演示服务器已启动: {server.base_url}")
        print("演示账号(工号 / 密码 / 姓名 / 状态):")
        for user in server.data.users:
            print(f"  {user.user_num} / {user.pwd} / {user.user_name} / {user.status}")
        print("按 Ctrl+C 停止。", flush=True)
        while not stopping.wait(0.5):
            pass
    finally:
        server.stop()
    print("演示服务器已停止。", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
