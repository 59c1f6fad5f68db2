"""Message codes of the command area (see domain.messages)."""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode


class CommandCode(MessageCode):
    """Codes with the prefix ``command.``."""
