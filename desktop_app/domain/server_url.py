"""What a usable server URL is, and its one normal spelling.

One rule for every URL the program posts to: the entry URL an agent or IT types
(``config``) and the base URL the entry server names in ``get_server_url``
(``api.wire``). A usable URL is ``http`` or ``https``, has an ASCII host name or an
IP address, a port in 1-65535 when one is written, and no ``?`` or ``#`` part (the
program appends its own endpoint path).

``normalize`` writes the same URL always the same way (scheme and host in lower case,
an IPv6 address in its shortest form, no default port, no trailing slash), so two
spellings of one server compare equal.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

from desktop_app.domain.codes import ConfigCode
from desktop_app.domain.messages import Message, MessageError, msg

SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
EXAMPLE = "https://localhost:8443/estate"

_NAME = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?")
_DOTTED_NUMBERS = re.compile(r"[0-9]+(?:\.[0-9]+){3}")


class ServerUrlError(MessageError):
    """A server URL that cannot be used; ``message`` says why (a ``ConfigCode``)."""


def check(text: str) -> Message | None:
    """None for a usable server URL, else the first thing wrong with it."""
    text = text.strip()
    if any(ch.isspace() for ch in text):
        return msg(ConfigCode.SERVER_URL_SPACE)
    if any(not ch.isprintable() for ch in text):
        return msg(ConfigCode.SERVER_URL_CONTROL)
    if "://" not in text:
        return msg(ConfigCode.SERVER_URL_NO_SCHEME, EXAMPLE)
    try:
        parts = urlsplit(text)
    except ValueError:  # an unclosed "[" of an IPv6 address
        return msg(ConfigCode.SERVER_URL_BAD_HOST)
    if parts.scheme.lower() not in SCHEMES:
        return msg(ConfigCode.SERVER_URL_SCHEME)
    if not parts.hostname:
        return msg(ConfigCode.SERVER_URL_NO_HOST, EXAMPLE)
    if _port(parts) is None:
        return msg(ConfigCode.SERVER_URL_BAD_PORT)
    if not _host_ok(parts.hostname):
        return msg(ConfigCode.SERVER_URL_BAD_HOST)
    if parts.query or parts.fragment or "?" in text or "#" in text:
        return msg(ConfigCode.SERVER_URL_QUERY, EXAMPLE)
    return None


def normalize(text: str) -> str:
    """``text`` in its one spelling; raises ``ServerUrlError`` when it is not usable.

    ``HTTP://Example.COM:80/estate/`` becomes ``http://example.com/estate``. The path
    keeps its case (servers may tell paths apart by it); a user name or password
    written before ``@`` is kept as it is.
    """
    problem = check(text)
    if problem is not None:
        raise ServerUrlError(problem)
    parts = urlsplit(text.strip())
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if ":" in host:  # IPv6, in its shortest form
        import ipaddress

        host = f"[{ipaddress.IPv6Address(host).compressed}]"
    port = parts.port
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    userinfo, at, _ = parts.netloc.rpartition("@")
    return f"{scheme}://{userinfo}{at}{host}{parts.path.rstrip('/')}"


def _port(parts: SplitResult) -> int | None:
    """The port, 0 when none is written; None when what is written is not a usable port."""
    if parts.netloc.endswith(":"):
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    if port is None:
        return 0
    return port if 0 < port < 65536 else None


def _host_ok(host: str) -> bool:
    """An IPv4 or IPv6 address, or a host name of ASCII letters, digits, ``-`` and ``_``."""
    import ipaddress  # only when a URL is checked: kept out of start-up

    if ":" in host:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    if _DOTTED_NUMBERS.fullmatch(host):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return False
        return True
    return _NAME.fullmatch(host) is not None
