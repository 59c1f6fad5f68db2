"""The figures of the outbox that IT and the agent read: rows per state, what is still to
send to the configured server, and what waits for another one.

``figures`` reads them through an open store; ``read_only_figures`` reads them from a
folder that cannot be written (a read-only share, a copied profile), changing nothing,
the rows still in the WAL file included.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from desktop_app.domain.outbox_states import State, pending_count

from .errors import translate
from .outbox import Outbox


@dataclass(frozen=True)
class QueueFigures:
    counts: dict[State, int]
    pending_here: int  # still to send to the configured server
    elsewhere: dict[str, int] = field(default_factory=dict)  # waiting for another server, by server
    unconfirmed: int = 0  # 未确认: uncertain for a day or 20 tries (``domain.outbox_states``)

    @property
    def pending(self) -> int:
        """Every row not yet confirmed by a server (what the status bar calls 待同步)."""
        return pending_count(self.counts)


def figures(outbox: Outbox, now: float) -> QueueFigures:
    return QueueFigures(
        outbox.counts(), outbox.pending_here(), outbox.pending_elsewhere(), outbox.unconfirmed_count(now)
    )


def read_only_figures(path: Path, server_url: str | None, now: float) -> QueueFigures:
    """The figures of the database at ``path`` without writing a byte.

    With its ``-wal`` and ``-shm`` files beside it SQLite reads it read-only, the WAL
    included; without a WAL file there is nothing but the file itself to read, which
    ``immutable`` allows in a folder where no ``-shm`` can be made.
    """
    uri = path.resolve().as_uri()
    has_wal = Path(f"{path}-wal").exists()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro" if has_wal else f"{uri}?immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise translate(exc) from exc
    try:
        db = sqlite_utils.Database(conn, execute_plugins=False)
        outbox = Outbox(db, server=server_url)
        columns = {str(r[1]) for r in conn.execute("PRAGMA table_info(outbox)").fetchall()}
        if not columns:
            return QueueFigures({state: 0 for state in State}, 0)
        if "server" not in columns:  # made by an older version: no row is bound yet
            counts = outbox.counts()
            return QueueFigures(counts, pending_count(counts), unconfirmed=outbox.unconfirmed_count(now))
        return figures(outbox, now)
    except sqlite3.Error as exc:
        raise translate(exc) from exc
    finally:
        conn.close()
