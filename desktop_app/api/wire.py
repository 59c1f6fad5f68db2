"""Decoding the old server's replies: charsets, the ``"errmsg "`` key, HTML where JSON was due.

Kept apart from the client so each quirk of ``spec/api.md`` has one small function and
its own test.
"""

from __future__ import annotations

import codecs
import json
from typing import Any
from urllib.parse import urlsplit

import httpx

from desktop_app.domain.writes import WriteKind

WRITE_ACTIONS = tuple(kind.action for kind in WriteKind)


def decode_text(content: bytes, declared_charset: str | None) -> str:
    """Decode by the declared charset, else UTF-8, else GBK (quirk 4).

    A UTF-8 byte order mark is dropped whatever the header says.
    """
    if content.startswith(codecs.BOM_UTF8):
        declared_charset = "utf-8-sig"
    if declared_charset:
        try:
            return content.decode(declared_charset)
        except (LookupError, UnicodeDecodeError):
            pass
    for charset in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(charset)
        except UnicodeDecodeError:
            continue
    return content.decode("utf-8", errors="replace")


def charset_of(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None


def parse_json_object(text: str) -> dict[str, Any] | None:
    """The body as a JSON object, or None for HTML, empty or otherwise non-JSON text."""
    stripped = text.strip()
    if not stripped.startswith("{"):
        return None
    try:
        value = json.loads(stripped)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def error_message(body: dict[str, Any]) -> str | None:
    """The ``errmsg`` member under any spacing of its name (quirk 1), or None."""
    for key, value in body.items():
        if isinstance(key, str) and key.strip().lower() == "errmsg":
            return "" if value is None else str(value).strip()
    return None


def is_ok(message: str | None) -> bool:
    """``"ok"`` in any case and spacing is success for the write actions (quirk 2)."""
    return message is not None and message.strip().lower() == "ok"


def normalize_server_url(raw: Any, entry_url: str) -> str | None:
    """The base URL named by ``get_server_url``, with the entry URL's scheme (quirk 3).

    A scheme in the answer is dropped, so an https entry URL is never downgraded.
    Returns None for an empty or malformed answer, so the caller keeps the entry URL.
    """
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not text or any(ch.isspace() or ch in "?#" for ch in text):
        return None
    if "://" in text:
        given, _, text = text.partition("://")
        if given.lower() not in ("http", "https"):
            return None
    text = text.rstrip("/")
    scheme = urlsplit(entry_url).scheme or "http"
    candidate = f"{scheme}://{text}"
    try:
        parts = urlsplit(candidate)
        port = parts.port
        url = httpx.URL(candidate)
    except (ValueError, httpx.InvalidURL):
        return None
    if not parts.hostname or not url.host or parts.netloc.endswith(":"):
        return None
    if port is not None and not 0 < port < 65536:
        return None
    return candidate


def endpoint(base_url: str) -> str:
    """The one endpoint path every action is posted to."""
    return base_url.rstrip("/") + "/ihk/weixin"
