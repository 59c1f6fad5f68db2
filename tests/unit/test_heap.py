"""heap: what lives past startup is frozen, and given back when the window goes."""

from __future__ import annotations

import gc
import weakref

from desktop_app import heap


def walked_by_the_collector() -> set[int]:
    """Ids of the objects a full collection looks at (frozen ones are not among them)."""
    return {id(o) for o in gc.get_objects()}


def test_settling_takes_the_live_objects_out_of_full_collections_and_release_gives_them_back() -> None:
    kept = [[n] for n in range(1000)]  # lists are tracked by the collector; plain object()s are not
    walked = walked_by_the_collector()
    assert all(id(k) in walked for k in kept)
    try:
        frozen = heap.settle_after_startup()
        assert frozen >= len(kept)
        walked = walked_by_the_collector()
        assert not any(id(k) in walked for k in kept), "a full collection would still walk them"
        later = [0]
        assert id(later) in walked_by_the_collector(), "objects made afterwards are collected as usual"
    finally:
        heap.release()
    walked = walked_by_the_collector()
    assert all(id(k) in walked for k in kept)
    assert gc.get_freeze_count() == 0


def test_cycles_left_after_release_are_collected_again() -> None:
    class Node:
        other: object

    a, b = Node(), Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    heap.settle_after_startup()
    try:
        del a, b
        gc.collect()
        assert gone() is not None, "frozen: the collector never looked at the cycle"
    finally:
        heap.release()
    gc.collect()
    assert gone() is None, "given back: the cycle is freed"
