import random

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.sync.backoff import backoff_window, next_attempt


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
