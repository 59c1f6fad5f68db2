"""The four ways a call to the server can fail, as the sync layer must tell them apart.

What matters is not the exception httpx raised but what it means for a write:
- NotReached: nothing was delivered (connection refused, DNS, connect timeout, TLS
  failure); retry later, no duplicate possible. For a read also an answer that shows the
  server is not there: an HTTP error status, a proxy's or portal's page, an empty or
  non-JSON body.
- NoAnswer: the request went out and no valid answer came back (the deadline, a reset,
  and for a write any answer that is not JSON): it may have been processed; a retry may
  duplicate it.
- Refused: the server read the request and said no (a string ``errmsg`` other than ok);
  the item is at fault.
- Malformed: the server answered JSON, but not in the documented shape (an ``errmsg``
  that is not text included); for a write, delivery is uncertain as with NoAnswer.

Each carries a ``Message`` (``ApiCode``) for the agent; the window words it.
"""

from __future__ import annotations

from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import Message, MessageError, msg


class ApiError(MessageError):
    """Base of every failure of a server call."""

    def __init__(self, action: str, message: Message) -> None:
        super().__init__(message)
        self.args = (f"{action}: {message}",)
        self.action = action


class NotReached(ApiError):
    """Nothing left this PC; for a read also an error status, a page or a non-JSON body."""


class NoAnswer(ApiError):
    """The request went out and no valid answer came back: delivery unknown."""


class Refused(ApiError):
    """The server answered with a string ``errmsg`` other than ok; ``errmsg`` is its own words."""

    def __init__(self, action: str, errmsg: str) -> None:
        super().__init__(action, msg(ApiCode.REFUSED, errmsg) if errmsg else msg(ApiCode.REFUSED_SILENTLY))
        self.errmsg = errmsg


class Malformed(ApiError):
    """JSON came back, but members the contract promises are missing or of the wrong kind."""

    def __init__(self, action: str, detail: str) -> None:
        super().__init__(action, msg(ApiCode.MALFORMED, detail))
        self.detail = detail
