"""The wire of the single-instance guard: one JSON line each way, and what a request may say."""

from __future__ import annotations

import json
from typing import Any

PROTOCOL = 1
ACTIVATE = "activate"
SYNC = "sync"
COMMANDS = (ACTIVATE, SYNC)
MAX_LINE_BYTES = 64 * 1024
DEFAULT_ASK_TIMEOUT_S = 5.0
DEFAULT_REPLY_TIMEOUT_S = 120.0  # a sync pass may take a while; the asker sets its own limit
READ_TIMEOUT_S = 5.0  # a connection that sends no request line within this is dropped


def json_line(raw: bytes) -> dict[str, Any] | None:
    """The JSON object on one line; None for anything else (bad UTF-8, bad JSON, not an object)."""
    try:
        value = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def request_problem(data: dict[str, Any] | None) -> str:
    """Why a request line is not one this server takes ("" when it is)."""
    if data is None:
        return "not_json"
    if data.get("protocol") != PROTOCOL:
        return "protocol"
    if data.get("command") not in COMMANDS:
        return "unknown_command"
    if not isinstance(data.get("args", {}), dict):
        return "bad_args"
    return ""
