"""The demo server in a child process, with its fault switches reachable over a pipe.

A benchmark of the client must measure the client alone: a server in the same process
would add its threads to the client's interpreter (its requests compete for the GIL with
the UI thread) and its recorded writes to the client's memory. The child serves on
127.0.0.1 with a port chosen by the OS and reads one command per line on stdin:

    set <fault> <json value>    e.g. ``set latency_s 0.1``, ``set hang true``
    count <action>              how many writes of that action it accepted
    quit

and answers each with one line (``ok``, a number, or ``error <text>``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import TracebackType
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[2]


class DemoProcess:
    """``with DemoProcess() as server:`` a demo server on ``server.base_url`` in a child process."""

    def __init__(self) -> None:
        self._child: subprocess.Popen[str] | None = None
        self.base_url = ""
        self.pid = 0

    def __enter__(self) -> DemoProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ESTATE_")}
        env["PYTHONPATH"] = str(ROOT)
        child = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=ROOT,
        )
        self._child = child
        self.pid = child.pid
        first = self._line()
        if not first.startswith("url "):
            self.__exit__(None, None, None)
            raise RuntimeError(f"demo server child did not start: {first!r}")
        self.base_url = first.split(" ", 1)[1]
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        try:
            if child.poll() is None and child.stdin is not None:
                child.stdin.write("quit\n")
                child.stdin.flush()
            child.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            child.kill()
            child.wait(timeout=10)
        finally:
            for stream in (child.stdin, child.stdout):
                if stream is not None:
                    stream.close()

    def set_fault(self, name: str, value: Any) -> None:
        answer = self._ask(f"set {name} {json.dumps(value)}")
        if answer != "ok":
            raise RuntimeError(answer)

    def count(self, action: str) -> int:
        return int(self._ask(f"count {action}"))

    def _ask(self, command: str) -> str:
        child = self._child
        assert child is not None and child.stdin is not None
        child.stdin.write(command + "\n")
        child.stdin.flush()
        return self._line()

    def _line(self) -> str:
        child = self._child
        assert child is not None and child.stdout is not None
        line = child.stdout.readline()
        if not line:
            raise RuntimeError("the demo server child ended")
        return line.strip()


def _serve(commands: IO[str], answers: IO[str]) -> None:
    from desktop_app.demo.server import DemoServer

    with DemoServer() as server:
        print(f"url {server.base_url}", file=answers, flush=True)
        for line in commands:
            verb, _, rest = line.strip().partition(" ")
            try:
                if verb == "quit":
                    break
                if verb == "set":
                    name, _, value = rest.partition(" ")
                    if not hasattr(server.faults, name):
                        raise ValueError(f"no fault {name}")
                    setattr(server.faults, name, json.loads(value))
                    answer = "ok"
                elif verb == "count":
                    answer = str(len(server.writes(rest)))
                else:
                    raise ValueError(f"unknown command {verb!r}")
            except (ValueError, TypeError) as exc:
                answer = f"error {exc}"
            print(answer, file=answers, flush=True)


if __name__ == "__main__":
    _serve(sys.stdin, sys.stdout)
