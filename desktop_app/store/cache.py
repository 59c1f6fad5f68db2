"""The last known server lists (projects, packages, feedback and customer types).

The pickers and the customer form must work offline, so every list read from the
server is kept here as JSON with the time it was fetched; the caller decides whether
a cached list is good enough and tells the agent its age.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import sqlite_utils

from desktop_app.domain.codes import StoreCode
from desktop_app.domain.messages import msg

from .errors import StoreError, guarded
from .transaction import write_transaction

log = logging.getLogger(__name__)

CALLBACK_ITEMS_KEY = "callback_items"
CUSTOMER_TYPES_KEY = "customer_types"
GENDER_TYPES_KEY = "gender_types"


def projects_key(user_id: int) -> str:
    return f"projects:{user_id}"


def packages_key(user_id: int, pro_id: int) -> str:
    return f"packages:{user_id}:{pro_id}"


class ReferenceCache:
    """Key → (JSON value, fetched_at), one row per list."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    @guarded
    def put(self, key: str, value: Any, now: float | None = None) -> None:
        try:
            text = json.dumps(value, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise StoreError(msg(StoreCode.CANNOT_CACHE, key, str(exc))) from exc
        fetched_at = time.time() if now is None else now
        with write_transaction(self._db) as db:
            db.execute(
                "INSERT INTO reference_cache (key, value, fetched_at) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value, fetched_at = excluded.fetched_at",
                (key, text, fetched_at),
            )

    @guarded
    def get(self, key: str) -> tuple[Any, float] | None:
        """(value, fetched_at), or None when never cached (or the stored text is unreadable)."""
        row = self._db.execute(
            "SELECT value, fetched_at FROM reference_cache WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        try:
            return json.loads(row[0]), float(row[1])
        except ValueError:
            log.warning("cached %s unreadable; ignored", key)
            return None
