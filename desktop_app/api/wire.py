"""Decoding the old server's replies: charsets, the ``"errmsg "`` key, HTML where JSON was due.

Kept apart from the client so each quirk of ``spec/api.md`` has one small function and
its own test.
"""

from __future__ import annotations

import codecs
import json
from typing import Any
from urllib.parse import urlsplit

from desktop_app.domain import server_url
from desktop_app.domain.writes import WriteKind

WRITE_ACTIONS = tuple(kind.action for kind in WriteKind)


def decode_text(content: bytes, declared_charset: str | None) -> str:
    """Decode by the declared charset, else UTF-8, else GBK (quirk 4).

    A UTF-8 byte order mark is dropped whatever the header says. Bytes no charset fits
    come out as UTF-8 with replacement characters.
    """
    text = decode_strict(content, declared_charset)
    return content.decode("utf-8", errors="replace") if text is None else text


def decode_strict(content: bytes, declared_charset: str | None) -> str | None:
    """``decode_text`` without the last resort: None when no charset fits the bytes."""
    if content.startswith(codecs.BOM_UTF8):
        declared_charset = "utf-8-sig"
    if declared_charset:
        try:
            return content.decode(declared_charset)
        except (LookupError, UnicodeError):  # unknown names, and codecs such as idna
            pass
    for charset in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(charset)
        except UnicodeDecodeError:
            continue
    return None


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


def is_error_key(key: object) -> bool:
    """``errmsg`` under any spacing of its name (quirk 1): ``"errmsg "`` is the same member."""
    return isinstance(key, str) and key.strip().lower() == "errmsg"


def error_message(body: dict[str, Any]) -> str | None:
    """The ``errmsg`` member under any spacing of its name (quirk 1), or None."""
    for key, value in body.items():
        if is_error_key(key):
            return "" if value is None else str(value).strip()
    return None


def is_ok(message: str | None) -> bool:
    """``"ok"`` in any case and spacing is success for the write actions (quirk 2)."""
    return message is not None and message.strip().lower() == "ok"


def normalize_server_url(raw: Any, entry_url: str) -> str | None:
    """The base URL named by ``get_server_url``, with the entry URL's scheme (quirk 3).

    A scheme in the answer is dropped, so an https entry URL is never downgraded.
    Returns None for an empty or malformed answer (the rule of ``domain.server_url``),
    so the caller keeps the entry URL.
    """
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if "://" in text:
        given, _, text = text.partition("://")
        if given.lower() not in server_url.SCHEMES:
            return None
    scheme = urlsplit(entry_url).scheme or "http"
    try:
        return server_url.normalize(f"{scheme}://{text}")
    except server_url.ServerUrlError:
        return None


def endpoint(base_url: str) -> str:
    """The one endpoint path every action is posted to."""
    return base_url.rstrip("/") + "/ihk/weixin"
