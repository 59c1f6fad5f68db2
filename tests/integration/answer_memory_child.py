"""Reads one huge answer with ``read_answer`` and reports how much its memory peak grew.

Run in a child process, so the figure is the reader's alone (the demo server sending the
answer lives in the parent): ``python answer_memory_child.py BASE_URL MAX_BYTES [client]``;
with ``client`` the answers are read the way the program reads them, through
``ApiClient`` (the outcome is then its error's message code, or "json"). It
warms up with a small read (imports, connection, buffers), then reads
``get_gender_type`` — the action the parent made huge — and prints one JSON line: the
outcome, the growth of the resident set's peak and tracemalloc's peak.
"""

from __future__ import annotations

import json
import resource
import sys
import tracemalloc

import httpx

from desktop_app.api import ApiClient, ApiError
from desktop_app.api.answer import AnswerFailure, read_answer


def peak_rss_bytes() -> int:
    """The resident set's peak. On Linux VmHWM: ru_maxrss there starts at the parent's
    size when it forked, which would hide this process's own growth."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # bytes on macOS


def main() -> None:
    base_url, max_bytes = sys.argv[1], int(sys.argv[2])
    through_client = sys.argv[3:] == ["client"]
    with httpx.Client(timeout=httpx.Timeout(10.0, connect=2.0), trust_env=False) as http:
        api = ApiClient(http, base_url, deadline_s=20, max_bytes=max_bytes)

        def read(action: str) -> str:
            if through_client:
                try:
                    getattr(api, action)()
                except ApiError as exc:
                    return str(exc.message.code.value)
                return "json"
            request = http.build_request("GET", f"{base_url}/ihk/weixin?action_name={action}")
            try:
                value = read_answer(http, request, deadline_s=20, max_bytes=max_bytes)
            except AnswerFailure as exc:
                return exc.why.value
            return "json" if isinstance(value, dict) else "other"

        assert read("getcallback") == "json"
        before = peak_rss_bytes()
        outcome = read("get_gender_type")
        rss_growth = peak_rss_bytes() - before
        tracemalloc.start()
        again = read("get_gender_type")
        traced_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(
        json.dumps({"outcome": outcome, "again": again, "rss_growth": rss_growth, "traced_peak": traced_peak})
    )


if __name__ == "__main__":
    main()
