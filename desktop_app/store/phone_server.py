"""Cards and reserved phones belong to the server that handed them out.

A phone id, a package id and a user id mean something only on the server that issued
them. When the program is pointed at another server, the current cards and the reserve
of the old one are forgotten, so none of them is shown, answered or sent to the new one.
(Queued writes are not touched: each keeps its own server.)
"""

from __future__ import annotations

from .db import LocalStore
from .errors import guarded
from .transaction import write_transaction

SERVER_KEY = "phones.server_url"


@guarded
def bind_phones_to(store: LocalStore, server_url: str | None) -> bool:
    """Record ``server_url`` as the phones' server; True when phones of another one were dropped."""
    prefs = store.prefs()
    before = prefs.get(SERVER_KEY)
    if before == (server_url or None):
        return False
    dropped = False
    if before is not None:
        with write_transaction(store.db()) as db:
            dropped = bool(
                db.execute("DELETE FROM current_card").rowcount
                + db.execute("DELETE FROM phone_reserve").rowcount
            )
    prefs.set(SERVER_KEY, server_url or None)
    return dropped
