"""Which server to talk to: the entry URL, or the one its ``get_server_url`` names.

The entry URL is what IT configured. Its ``get_server_url`` answer (host and path, no
scheme) is used while it works; when it fails the entry URL is used again, and the
named server is not tried again for a while, so a stale answer cannot keep a PC offline.
"""

from __future__ import annotations

import threading

from desktop_app.api import normalize_server_url

RETRY_NAMED_AFTER_S = 300.0


class ServerPicker:
    def __init__(self, entry_url: str) -> None:
        self.entry_url = entry_url.rstrip("/")
        self._named: str | None = None
        self._named_failed_at: float | None = None
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        with self._lock:
            return self._named or self.entry_url

    def adopt(self, raw_server_url: str, now: float) -> str:
        """Take the entry URL's ``get_server_url`` answer; returns the base URL now in use."""
        named = normalize_server_url(raw_server_url, self.entry_url)
        with self._lock:
            recently_failed = (
                self._named_failed_at is not None and now - self._named_failed_at < RETRY_NAMED_AFTER_S
            )
            if named is not None and not recently_failed:
                self._named = named.rstrip("/")
            return self._named or self.entry_url

    def named_failed(self, now: float) -> bool:
        """The named server could not be reached: fall back to the entry URL.

        Returns True when this changed the server in use (worth an immediate retry).
        """
        with self._lock:
            if self._named is None:
                return False
            self._named = None
            self._named_failed_at = now
            return True
