"""The cost of the API client over bare httpx: 5,000 ``savecallback`` posts each way.

Both paths post the same 5,000 payloads to the embedded demo server over loopback, in
50 short alternating blocks (A B, then B A, …) so that drift on a busy shared machine
falls on both alike. The figure that matters is the ratio of the median times per request; the target
is at most 1.15×. Only sanity is asserted: every request answered, every write recorded.
"""

from __future__ import annotations

import collections
import statistics
import time
from collections.abc import Callable
from typing import Any

import httpx

from desktop_app.api import ApiClient, make_http_client
from desktop_app.api.wire import endpoint
from desktop_app.demo.server import DemoServer

REQUESTS = 5_000
ROUNDS = 50
PER_ROUND = REQUESTS // ROUNDS
WARM_UP = 50  # reads only, so the server's write count stays exact
TARGET_RATIO = 1.15


def payloads() -> list[dict[str, Any]]:
    return [
        {
            "user_id": 29,
            "phone_no": f"139{i:08d}",
            "owner_name": f"基准客户{i}",
            "package_id": 467,
            "pro_id": 141,
            "call_back_item_name": "继续跟进",
        }
        for i in range(REQUESTS)
    ]


def timed(send: Callable[[dict[str, Any]], None], batch: list[dict[str, Any]], into: list[float]) -> None:
    clock = time.perf_counter
    for payload in batch:
        started = clock()
        send(payload)
        into.append(clock() - started)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def test_api_client_overhead_over_bare_httpx(report: Callable[[str, dict[str, Any]], None]) -> None:
    work = payloads()
    times: dict[str, list[float]] = {"client": [], "bare": []}
    round_ratios: list[float] = []
    bare_replies: collections.Counter[int] = collections.Counter()

    with DemoServer(host="127.0.0.1", port=0) as server, make_http_client() as api_http:
        client = ApiClient(api_http, server.base_url)
        bare = httpx.Client(trust_env=False, timeout=10.0)
        url = endpoint(server.base_url)

        def via_client(payload: dict[str, Any]) -> None:
            client.send_write("savecallback", payload)

        def via_bare(payload: dict[str, Any]) -> None:
            response = bare.post(url, params={"action_name": "savecallback"}, json=payload)
            bare_replies[response.status_code] += 1

        with bare:
            for _ in range(WARM_UP):
                client.getcallback()
                bare.get(url, params={"action_name": "getcallback"}).raise_for_status()

            paths = {"client": via_client, "bare": via_bare}
            wall_started = time.perf_counter()
            for number in range(ROUNDS):
                batch = work[number * PER_ROUND : (number + 1) * PER_ROUND]
                order = ("client", "bare") if number % 2 == 0 else ("bare", "client")
                for name in order:
                    timed(paths[name], batch, times[name])
                round_ratios.append(
                    statistics.median(times["client"][-PER_ROUND:])
                    / statistics.median(times["bare"][-PER_ROUND:])
                )
            wall_s = time.perf_counter() - wall_started

        written = server.writes("savecallback")

    median_client = statistics.median(times["client"])
    median_bare = statistics.median(times["bare"])
    ratio = median_client / median_bare
    report(
        "api: savecallback through ApiClient vs bare httpx",
        {
            "requests_per_path": REQUESTS,
            "rounds": f"{ROUNDS} x {PER_ROUND} per path, alternating order",
            "client_median_us": median_client * 1e6,
            "bare_median_us": median_bare * 1e6,
            "client_p90_us": percentile(times["client"], 0.9) * 1e6,
            "bare_p90_us": percentile(times["bare"], 0.9) * 1e6,
            "client_p99_us": percentile(times["client"], 0.99) * 1e6,
            "bare_p99_us": percentile(times["bare"], 0.99) * 1e6,
            "overhead_median_us": (median_client - median_bare) * 1e6,
            "ratio_of_medians": ratio,
            "ratio_of_means": statistics.fmean(times["client"]) / statistics.fmean(times["bare"]),
            "ratio_median_of_rounds": statistics.median(round_ratios),
            "target_ratio": f"<= {TARGET_RATIO}",
            "target_met": ratio <= TARGET_RATIO,
            "client_per_second": REQUESTS / sum(times["client"]),
            "bare_per_second": REQUESTS / sum(times["bare"]),
            "wall_s": wall_s,
            "server_writes": len(written),
        },
    )

    # Sanity only: everything was answered and recorded, twice per payload.
    assert len(times["client"]) == len(times["bare"]) == REQUESTS
    assert bare_replies == {200: REQUESTS}
    assert len(written) == 2 * REQUESTS
    assert all(w.answered for w in written)
    owners = collections.Counter(w.payload["owner_name"] for w in written)
    assert owners == {p["owner_name"]: 2 for p in work}
