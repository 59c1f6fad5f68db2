"""heap: what lives past startup is frozen, and given back when the window goes."""

from __future__ import annotations

import gc

from desktop_app import heap


def test_settling_freezes_the_live_objects_and_release_gives_them_back() -> None:
    kept = [object() for _ in range(1000)]
    try:
        frozen = heap.settle_after_startup()
        assert frozen == gc.get_freeze_count() >= len(kept)
    finally:
        heap.release()
    assert gc.get_freeze_count() == 0


def test_cycles_left_after_release_are_collected_again() -> None:
    class Node:
        other: object

    a, b = Node(), Node()
    a.other, b.other = b, a
    heap.settle_after_startup()
    del a, b
    assert gc.collect() == 0  # frozen: never looked at
    heap.release()
    assert gc.collect() >= 2  # given back: the cycle is freed
