"""A ``Message`` as text that can be stored (the outbox keeps why a write is not sent yet).

JSON of the code's dotted name and the arguments, nested messages included, so a row
written in one language reads in any other. Text that is not such JSON was written by
an earlier version, which stored the server's words (or a Chinese sentence of its own)
as they were: it comes back as the server's words.
"""

from __future__ import annotations

import json
from typing import Any

from .codes import ApiCode, code_named
from .messages import Arg, Message


def to_json(message: Message) -> str:
    return json.dumps(_encode(message), ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> Message:
    """The stored message; anything unreadable comes back as the server's words."""
    try:
        decoded = _decode(json.loads(text))
    except (ValueError, TypeError, KeyError):
        decoded = None
    return decoded if isinstance(decoded, Message) else Message(ApiCode.REFUSED, (text,))


def _encode(value: Arg) -> Any:
    if isinstance(value, Message):
        return {"code": value.code.value, "args": [_encode(a) for a in value.args]}
    if isinstance(value, tuple):
        return {"items": list(value)}
    return value


def _decode(value: Any) -> Arg:
    if isinstance(value, dict) and "code" in value:
        code = code_named(value["code"])
        if code is None:
            raise KeyError(value["code"])
        return Message(code, tuple(_decode(a) for a in value.get("args", [])))
    if isinstance(value, dict) and "items" in value:
        return tuple(str(item) for item in value["items"])
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    raise TypeError(type(value).__name__)
