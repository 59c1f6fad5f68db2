"""Message codes of the api area (see domain.messages)."""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode


class ApiCode(MessageCode):
    """Codes with the prefix ``api.``."""
