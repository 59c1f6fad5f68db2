"""When the server last confirmed a write, as the outbox remembers it across restarts.

The sync engine counts its own successes from the moment it starts; without this, a
restart after a day whose writes were all sent would say 尚未同步 (never synced).
"""

from __future__ import annotations

from .db import LocalStore
from .errors import guarded


@guarded
def last_sent_at(store: LocalStore) -> float | None:
    """The newest ``sent_at`` of the outbox (None when nothing was ever sent)."""
    row = store.db().execute("SELECT max(sent_at) FROM outbox WHERE state = 'sent'").fetchone()
    return float(row[0]) if row is not None and row[0] is not None else None
