"""Which server an outbox row is for: the entry server of the session that made it.

A row is only ever sent to the server it was made for. When IT changes the server
setting, rows made for the old one wait until the agent sends them to the new one
(``Outbox.rebind``) or discards them (``Outbox.discard_bound_to``), both audited.
Rows made before rows named their server (or while none was configured) are bound to
the configured server the first time the database is opened with one.
"""

from __future__ import annotations

import logging

import sqlite_utils

from desktop_app.domain.server_url import ServerUrlError, normalize

from .transaction import write_transaction

log = logging.getLogger(__name__)


def server_key(url: str) -> str:
    """The one spelling a row records (``domain.server_url.normalize``); an unusable
    URL (it was never accepted by the configuration) is kept trimmed as it is."""
    try:
        return normalize(url)
    except ServerUrlError:
        return url.strip().rstrip("/")


def bind_unbound(db: sqlite_utils.Database, server_url: str) -> int:
    """Bind every row that names no server to ``server_url``; returns how many were bound."""
    with write_transaction(db):
        cursor = db.execute("UPDATE outbox SET server = ? WHERE server IS NULL", (server_key(server_url),))
    if cursor.rowcount:
        log.info("%d outbox rows bound to the configured server", cursor.rowcount)
    return int(cursor.rowcount)


def adopt_all(db: sqlite_utils.Database, server_url: str) -> int:
    """Bind every row to ``server_url``: for the training database, whose rows are all for
    the embedded demo server, wherever (on whichever port) it runs this time."""
    key = server_key(server_url)
    with write_transaction(db):
        cursor = db.execute("UPDATE outbox SET server = ? WHERE server IS NOT ?", (key, key))
    return int(cursor.rowcount)
