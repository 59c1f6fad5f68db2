"""Answer bodies of a hostile server: odd ``errmsg`` shapes, deep nesting, huge padding.

The client must survive all of these without crashing, hanging or holding the whole
answer in memory (spec/api.md, quirks 2 and 9). Each function only builds bytes; when
and for which request they are sent is ``server.py``'s business. Huge answers are
produced piece by piece, so the demo server never holds them either.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .actions import error_key

# errmsg_shape switch: what a write's (or read's) answer becomes once the action has run.
_ERRMSG_VALUES: dict[str, Any] = {
    "null": None,  # {"errmsg ": null}
    "zero": 0,
    "true": True,
    "list": ["ok"],
    "object": {"ok": True},
}
ERRMSG_SHAPES = (*_ERRMSG_VALUES, "undecodable", "array", "empty")

# after_receipt switch: the action has run (a write is recorded), then the answer is one of these.
AFTER_RECEIPT = ("502", "html", "non_json", "empty", "reset")

PAD_CHUNK = 64 * 1024
MB = 1 << 20


def shape_body(action: str, shape: str) -> bytes:
    """The body of one ``errmsg`` shape, with the action's own spelling of the member."""
    key = json.dumps(error_key(action))
    if shape == "undecodable":
        # 0xFF starts no character in UTF-8, GBK or GB18030: no charset decodes this.
        return b"{" + key.encode() + b': "\xff\xfe\xff ok"}'
    if shape == "array":
        return ("[{" + key + ': "ok"}]').encode()
    if shape == "empty":
        return b""
    if shape not in _ERRMSG_VALUES:
        raise ValueError(f"unknown errmsg shape {shape!r}")
    return ("{" + key + ": " + json.dumps(_ERRMSG_VALUES[shape]) + "}").encode()


def _member_slot(data: bytes, name: str) -> tuple[bytes, bytes]:
    """The JSON object ``data`` cut open where one more member goes: (up to its value, after it)."""
    body = data.rstrip()
    if not body.endswith(b"}"):
        raise ValueError("not a JSON object")
    inner = body[:-1].rstrip()
    separator = b"" if inner.endswith(b"{") else b","
    return inner + separator + json.dumps(name).encode() + b":", b"}"


def with_nesting(data: bytes, depth: int) -> bytes:
    """The answer object with a member ``nested`` holding ``depth`` nested arrays."""
    if depth <= 0:
        return data
    head, tail = _member_slot(data, "nested")
    return head + b"[" * depth + b"]" * depth + tail


def padded(data: bytes, megabytes: float) -> tuple[Iterator[bytes], int]:
    """The answer object grown by a ``padding`` string to ``megabytes`` more, as (pieces, length)."""
    size = int(megabytes * MB)
    if size <= 0:
        return iter((data,)), len(data)
    head, tail = _member_slot(data, "padding")
    head, tail = head + b'"', b'"' + tail

    def pieces() -> Iterator[bytes]:
        yield head
        chunk = b"x" * PAD_CHUNK
        left = size
        while left > 0:
            yield chunk[:left] if left < PAD_CHUNK else chunk
            left -= PAD_CHUNK
        yield tail

    return pieces(), len(head) + size + len(tail)
