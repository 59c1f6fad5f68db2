"""Ageing out callbacks, history and notes at start-up, on the background pool.

IT sets how long they are kept (``history_keep_days``, default 365); the removal works in
short transactions (``History.prune``), so the sync engine and the login never wait for it.
"""

from __future__ import annotations

import logging

from desktop_app.store.db import LocalStore
from desktop_app.store.history import History, PruneResult

from ..tasks import BackgroundTasks

log = logging.getLogger(__name__)


def prune_in_background(store: LocalStore, tasks: BackgroundTasks, keep_days: int) -> None:
    def done(result: PruneResult) -> None:
        log.info(
            "history older than %d days removed: %d calls, %d writes, %d notes, %d callbacks",
            keep_days,
            result.calls,
            result.writes,
            result.notes,
            result.callbacks,
        )

    def failed(exc: BaseException) -> None:
        log.warning("history not pruned: %s", exc)

    tasks.run(lambda: History(store.db()).prune(keep_days=keep_days), done, failed)
