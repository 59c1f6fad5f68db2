"""Keep the objects that live as long as the program out of garbage collection.

A full collection walks every tracked object in the interpreter while holding the GIL,
so it pauses every thread, the UI's included. Once the agent's work window is up,
almost all of those objects (modules, classes, Qt wrappers, the window itself) stay to
the end; walking them again at every full collection cost ~25 ms of frozen UI while
the sync engine drained a backlog. After one last collection they are moved to the
permanent generation (``gc.freeze``), and full collections walk only what came later.
"""

from __future__ import annotations

import gc
import logging
import time

log = logging.getLogger(__name__)


def settle_after_startup() -> int:
    """Collect once, then freeze what is left; returns how many objects were frozen."""
    started = time.perf_counter()
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    log.debug("heap settled: %d objects frozen in %.0f ms", frozen, (time.perf_counter() - started) * 1000)
    return frozen


def release() -> None:
    """Give frozen objects back to the collector (the work window is going away)."""
    gc.unfreeze()
