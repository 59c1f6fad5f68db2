"""What the sync engine tells the window: a snapshot, immutable, cheap to pass by signal."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.messages import Message
from desktop_app.domain.outbox_states import State, pending_count


@dataclass(frozen=True)
class SyncStatus:
    online: bool | None  # None until a request has told either way
    since: float | None  # when ``online`` last changed
    queued: int
    uncertain: int
    attention: int
    in_flight: int
    last_success: float | None  # the last write the server confirmed
    last_error: Message | None  # why the server was last not reached
    base_url: str | None  # the server in use; None when none is configured

    @property
    def pending(self) -> int:
        """Writes not yet confirmed by the server (what the agent calls 待同步)."""
        return pending_count(
            {State.QUEUED: self.queued, State.UNCERTAIN: self.uncertain, State.IN_FLIGHT: self.in_flight}
        )
