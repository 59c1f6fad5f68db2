"""Message codes of the input area (see domain.messages)."""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode


class InputCode(MessageCode):
    """Codes with the prefix ``input.``."""
