"""Message codes of the store area (see domain.messages)."""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode


class StoreCode(MessageCode):
    """Codes with the prefix ``store.``."""
