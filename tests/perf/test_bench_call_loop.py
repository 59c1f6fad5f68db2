"""The call loop: from the feedback key to the next number painted, with a 100 ms server.

The demo server (a child process) adds 100 ms to every answer. Three ways of moving on
to the next phone, ~30 presses each, in the same run:

1. the program with the phone reserve (3 phones; full before every press): the feedback
   is committed locally and the next card comes from SQLite — target at most 15 ms;
2. the program with the reserve off: the feedback is committed locally, then the next
   phone is fetched with ``getphone`` — target at most 115 ms (one round trip);
3. what a naive client does, "save first, then fetch": ``savecallback`` and then
   ``getphone`` through the ``ApiClient``, in a plain loop — two round trips, >= 200 ms.

Between presses the program is left to finish its background work (the agent is on the
phone meanwhile). Only sanity is asserted: every press showed a new number, every
feedback reached the server.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_app import FEEDBACK_KEYS, PaintWatch, log_in, percentile, start_app, wait_for_card
from demo_process import DemoProcess

from desktop_app.api import ApiClient, make_http_client
from desktop_app.domain.actions import Action
from desktop_app.domain.writes import feedback_payload
from tests.helpers.app_driver import number_label, settled
from tests.helpers.widgets import flush_events

Report = Callable[[str, dict[str, Any]], None]

PRESSES = 30
WARM_UP = 3
LATENCY_S = 0.1


def program_presses(qtbot: Any, data_dir: Path, server: DemoProcess, reserve: int) -> list[float]:
    app = start_app(data_dir, server.base_url, phone_reserve_size=reserve)
    try:
        window = log_in(qtbot, app)
        wait_for_card(qtbot, window)
        watch = PaintWatch(number_label(window))
        times: list[float] = []
        for n in range(WARM_UP + PRESSES):
            qtbot.waitUntil(lambda: settled(app, window, reserve), timeout=10000)
            flush_events()  # the last repaint and status update, delivered before the press
            took = watch.press(qtbot, window, FEEDBACK_KEYS[n % len(FEEDBACK_KEYS)])
            if n >= WARM_UP:
                times.append(took)
        qtbot.waitUntil(lambda: app.engine.status().pending == 0, timeout=10000)
        watch.close()
        return times
    finally:
        app.shutdown()


def naive_loop(server: DemoProcess) -> list[float]:
    times: list[float] = []
    with make_http_client(1.0, 3.0, True) as http:
        client = ApiClient(http, server.base_url)
        phone = client.getphone(29, 467)
        for n in range(WARM_UP + PRESSES):
            started = time.perf_counter()
            payload = feedback_payload(
                user_id=29,
                phone_no=phone.phone_no,
                owner_name=phone.owner_name,
                package_id=467,
                pro_id=141,
                item_name="继续跟进",
            )
            client.send_write(Action.SAVECALLBACK, payload)
            phone = client.getphone(29, 467)
            if n >= WARM_UP:
                times.append(time.perf_counter() - started)
    return times


def summary(name: str, times: list[float]) -> dict[str, float]:
    return {
        f"{name}_median_ms": statistics.median(times) * 1000,
        f"{name}_p90_ms": percentile(times, 0.90) * 1000,
        f"{name}_max_ms": max(times) * 1000,
    }


def test_call_loop_latency(qtbot: Any, tmp_path: Path, report: Report) -> None:
    with DemoProcess() as server:
        server.set_fault("latency_s", LATENCY_S)
        with_reserve = program_presses(qtbot, tmp_path / "reserve", server, reserve=3)
        without_reserve = program_presses(qtbot, tmp_path / "no_reserve", server, reserve=0)
        naive = naive_loop(server)
        feedbacks = server.count("savecallback")

    median = {k: statistics.median(v) for k, v in (("r", with_reserve), ("n", without_reserve), ("b", naive))}
    report(
        "call loop: feedback key to next number painted (server latency 100 ms)",
        {
            "presses_each": PRESSES,
            "server_latency_ms": LATENCY_S * 1000,
            **summary("reserve", with_reserve),
            "reserve_target": "<= 15 ms",
            **summary("no_reserve", without_reserve),
            "no_reserve_target": "<= 115 ms",
            **summary("naive_save_then_fetch", naive),
            "naive_expected": ">= 200 ms",
            "naive_over_reserve": median["b"] / median["r"],
            "naive_over_no_reserve": median["b"] / median["n"],
            "no_reserve_over_reserve": median["n"] / median["r"],
        },
    )
    assert len(with_reserve) == len(without_reserve) == len(naive) == PRESSES
    # Every press of the program and every naive save reached the server.
    assert feedbacks == 3 * (WARM_UP + PRESSES)
    # Sanity, not timing: a naive loop makes two round trips of at least the added latency.
    assert min(naive) >= 2 * LATENCY_S
