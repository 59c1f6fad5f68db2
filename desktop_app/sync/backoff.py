"""When to try again: exponential backoff with full jitter, as pure functions.

Kept apart from threads and timers so the policy is tested on its own, and so that a
hundred PCs coming back online together spread their first retries over the window
instead of striking the server at the same instant.

Two clocks of failure use it, with their own bounds:

- the **engine's**: consecutive failures to reach the server (nothing left the PC); it
  decides when an offline engine probes again, and any answer resets it;
- **each row's**: the times one write went out and no valid answer came back (its
  ``attempts``). It grows with that row's failures alone, so a write the server chokes
  on is tried less and less often, however well the server answers everything else
  (a successful probe does not reset it), while the rows behind it keep flowing. At its
  cap it is still tried, every few minutes, for as long as it takes.
"""

from __future__ import annotations

import random

BASE_DELAY_S = 1.0
MAX_DELAY_S = 60.0

ROW_BASE_DELAY_S = 30.0
ROW_MAX_DELAY_S = 300.0


def backoff_window(attempts: int, base: float = BASE_DELAY_S, cap: float = MAX_DELAY_S) -> float:
    """The longest wait after ``attempts`` consecutive failures (1 → base, doubling, capped)."""
    if attempts <= 0:
        return 0.0
    exponent = min(attempts - 1, 32)  # 2**32 * base is past any cap; avoids huge floats
    return float(min(cap, base * (2**exponent)))


def next_attempt(
    attempts: int,
    now: float,
    rng: random.Random,
    base: float = BASE_DELAY_S,
    cap: float = MAX_DELAY_S,
) -> float:
    """The time of the next try: uniformly anywhere in ``[now, now + window]`` (full jitter)."""
    return now + rng.uniform(0.0, backoff_window(attempts, base, cap))


def row_retry_at(
    attempts: int,
    now: float,
    rng: random.Random,
    base: float = ROW_BASE_DELAY_S,
    cap: float = ROW_MAX_DELAY_S,
) -> float:
    """When a write that went out ``attempts`` times with no valid answer is tried again."""
    return next_attempt(attempts, now, rng, base, cap)
