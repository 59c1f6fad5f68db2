"""Message codes of the sync area (see domain.messages)."""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode


class SyncCode(MessageCode):
    """Codes with the prefix ``sync.``."""
