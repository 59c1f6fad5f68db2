import random

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.sync.backoff import (
    ROW_BASE_DELAY_S,
    ROW_MAX_DELAY_S,
    backoff_window,
    next_attempt,
    row_retry_at,
)


def test_window_doubles_from_base_and_is_capped() -> None:
    assert [backoff_window(n, base=1.0, cap=60.0) for n in range(0, 9)] == [
        0.0,
        1.0,
        2.0,
        4.0,
        8.0,
        16.0,
        32.0,
        60.0,
        60.0,
    ]


def test_huge_attempt_counts_stay_at_the_cap() -> None:
    assert backoff_window(10_000, base=1.0, cap=60.0) == 60.0


@given(st.integers(min_value=0, max_value=500), st.floats(min_value=0, max_value=2e9), st.integers())
def test_next_attempt_is_within_the_window(attempts: int, now: float, seed: int) -> None:
    at = next_attempt(attempts, now, random.Random(seed))
    assert now <= at <= now + backoff_window(attempts)


def test_full_jitter_spreads_many_clients_over_the_whole_window() -> None:
    # 1,000 PCs that failed five times each, back at the same instant.
    times = sorted(next_attempt(5, 100.0, random.Random(seed)) for seed in range(1000))
    window = backoff_window(5)
    assert times[0] < 100.0 + window * 0.05
    assert times[-1] > 100.0 + window * 0.95
    # No tenth of the window holds more than twice its fair share.
    buckets = [0] * 10
    for t in times:
        buckets[min(9, int((t - 100.0) / window * 10))] += 1
    assert max(buckets) < 200


def test_same_seed_same_schedule() -> None:
    a = [next_attempt(n, 0.0, random.Random(7)) for n in range(1, 6)]
    b = [next_attempt(n, 0.0, random.Random(7)) for n in range(1, 6)]
    assert a == b


# -- each row's own backoff ----------------------------------------------------------------


def test_a_rows_window_grows_with_its_own_failures_up_to_the_cap() -> None:
    windows = [backoff_window(n, ROW_BASE_DELAY_S, ROW_MAX_DELAY_S) for n in range(1, 8)]
    assert windows == [30.0, 60.0, 120.0, 240.0, 300.0, 300.0, 300.0]


@given(st.integers(min_value=1, max_value=10_000), st.integers())
def test_a_row_is_still_retried_at_the_cap_however_often_it_failed(attempts: int, seed: int) -> None:
    at = row_retry_at(attempts, 1000.0, random.Random(seed))
    assert 1000.0 <= at <= 1000.0 + ROW_MAX_DELAY_S


def stuck_write_sends(seed: int, seconds: int = 60) -> int:
    """How often a write that always fails is sent when the engine looks once a second."""
    rng = random.Random(seed)
    sends, due = 0, 0.0
    for now in range(seconds):
        if due <= now:
            sends += 1
            due = row_retry_at(sends, float(now), rng)
    return sends


def test_a_write_that_always_fails_is_not_hammered() -> None:
    # Full jitter allows no hard bound, only a rare one: over 2,000 seeds a write that
    # always fails is sent at most 4 times in its first minute in 98 % of them, never
    # more than 6 times, and 2 to 3 times a minute on the average.
    counts = [stuck_write_sends(seed) for seed in range(2000)]
    assert sum(c <= 4 for c in counts) >= 0.98 * len(counts)
    assert max(counts) <= 6
    assert 2.0 <= sum(counts) / len(counts) <= 3.5
    # Over an hour it settles at the cap: about one try every 150 s.
    assert stuck_write_sends(1, seconds=3600) <= 40
