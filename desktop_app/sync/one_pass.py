"""One forced sync pass and what it did: for ``--sync``, and for the window when a
``--sync`` started beside it asks it to sync instead.

The report travels between the two processes as plain JSON data (``to_data`` /
``from_data``), so the command prints the same lines whoever did the work.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from desktop_app.domain.message_json import from_json, to_json
from desktop_app.domain.messages import Message
from desktop_app.domain.outbox_states import State
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import Outbox
from desktop_app.store.queue_figures import figures

from .engine import SyncEngine

SYNC_DEADLINE_S = 120.0  # the longest one forced pass may take


@dataclass(frozen=True)
class PassReport:
    sent: int  # writes the server confirmed during the pass
    attention: int  # writes the server refused, waiting for the agent (需处理)
    pending: int  # still to send to the configured server
    elsewhere: dict[str, int] = field(default_factory=dict)  # waiting for another server, by server
    offline: Message | None = None  # why the server was not reached, when it was not

    @property
    def done(self) -> bool:
        """Nothing is left waiting, for this server or another."""
        return self.pending == 0 and not self.elsewhere

    def to_data(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "attention": self.attention,
            "pending": self.pending,
            "elsewhere": dict(self.elsewhere),
            "offline": to_json(self.offline) if self.offline is not None else None,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> PassReport | None:
        """The report in a reply; None when the reply does not carry one."""
        try:
            elsewhere = {str(k): int(v) for k, v in dict(data.get("elsewhere") or {}).items()}
            offline = data.get("offline")
            return cls(
                sent=int(data["sent"]),
                attention=int(data["attention"]),
                pending=int(data["pending"]),
                elsewhere=elsewhere,
                offline=from_json(offline) if isinstance(offline, str) else None,
            )
        except (KeyError, TypeError, ValueError):
            return None


def sync_pass(engine: SyncEngine, store: LocalStore, deadline_s: float) -> PassReport | None:
    """Send what can be sent now (``SyncEngine.pass_now``), then read where the queue stands.

    None when the pass did not end within ``deadline_s``.
    """
    summary = engine.pass_now(deadline_s)
    if summary is None:
        return None
    servers = engine.servers
    outbox = Outbox(store.db(), server=servers.entry_url if servers else None)
    found = figures(outbox, time.time())
    status = engine.status()
    offline = status.last_error if summary.reached is False else None
    return PassReport(
        sent=summary.sent,
        attention=found.counts.get(State.ATTENTION, 0),
        pending=found.pending_here,
        elsewhere=found.elsewhere,
        offline=offline,
    )
