"""Decoding the old server's replies: charsets, the ``"errmsg "`` key, the server URL it names.

Kept apart from the client so each quirk of ``spec/api.md`` has one small function and
its own test.
"""

from __future__ import annotations

import codecs
from typing import Any
from urllib.parse import urlsplit

from desktop_app.domain import server_url
from desktop_app.domain.writes import WriteKind

WRITE_ACTIONS = tuple(kind.action for kind in WriteKind)


def decode_strict(content: bytes, declared_charset: str | None) -> str | None:
    """Decode by the declared charset, else UTF-8, else GBK (quirk 4); None when none fits.

    A UTF-8 byte order mark is dropped whatever the header says.
    """
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


def is_error_key(key: object) -> bool:
    """``errmsg`` under any spacing of its name (quirk 1): ``"errmsg "`` is the same member."""
    return isinstance(key, str) and key.strip().lower() == "errmsg"


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
