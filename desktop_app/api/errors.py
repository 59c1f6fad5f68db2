"""The four ways a call to the server can fail, as the sync layer must tell them apart.

What matters is not the exception httpx raised but what it means for a write:
- NotReached: nothing was delivered; retry later, no duplicate possible.
- NoAnswer: the request may have been processed; a retry may duplicate it.
- Refused: the server read the request and said no (its ``errmsg``); the item is at fault.
- Malformed: the server answered JSON, but not in the documented shape.
"""

from __future__ import annotations


class ApiError(Exception):
    """Base of every failure of a server call."""

    def __init__(self, action: str, message: str) -> None:
        super().__init__(f"{action}: {message}")
        self.action = action
        self.message = message


class NotReached(ApiError):
    """Refused connection, DNS, connect timeout, 5xx/404, proxy or portal HTML, non-JSON."""


class NoAnswer(ApiError):
    """The request went out, then the reply was lost (read timeout, reset): delivery unknown."""


class Refused(ApiError):
    """The server answered with an ``errmsg`` other than ok; ``message`` is its text."""


class Malformed(ApiError):
    """JSON came back, but members the contract promises are missing or of the wrong kind."""
