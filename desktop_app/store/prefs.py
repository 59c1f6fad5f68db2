"""Small settings remembered between runs: the last 工号, each agent's last project and package.

They only make the next start quicker; losing them loses nothing the agent recorded.
Setting a key to None removes it.
"""

from __future__ import annotations

import time

import sqlite_utils

from .errors import guarded
from .transaction import write_transaction


class Prefs:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    @guarded
    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._db.execute("SELECT value FROM prefs WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row is not None else default

    @guarded
    def set(self, key: str, value: str | None) -> None:
        with write_transaction(self._db) as db:
            if value is None:
                db.execute("DELETE FROM prefs WHERE key = ?", (key,))
            else:
                db.execute(
                    "INSERT INTO prefs (key, value, updated_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET"
                    " value = excluded.value, updated_at = excluded.updated_at",
                    (key, str(value), time.time()),
                )
