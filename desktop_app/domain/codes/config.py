"""Message codes of the config area (see domain.messages)."""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode


class ConfigCode(MessageCode):
    """Codes with the prefix ``config.``."""
