"""The program's link to its server: the HTTP client and the sync engine, replaceable.

Settings saved in the dialog (server, timeouts, company CA) take effect at once: a new
``Connection`` is opened and swapped into ``EngineSlot``, which every window uses in
place of the engine itself, so nothing keeps talking to the old server. The old engine
is stopped off the UI thread (its sending thread may be in the middle of a request); its
client stays open until the program ends, so a read already under way with it (a reserve
refill, a list) ends normally instead of failing on a closed client.
"""

from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass

import httpx
from PySide6.QtWidgets import QApplication

from desktop_app.api import ApiClient, make_http_client
from desktop_app.config import Settings
from desktop_app.domain.messages import Message
from desktop_app.logsetup import request_logger
from desktop_app.store.db import LocalStore
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.status import SyncStatus

from .i18n import fill
from .status_bridge import StatusBridge

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Connection:
    http: httpx.Client
    engine: SyncEngine
    note: str | None = None  # a problem the agent should read (an unusable CA file)

    def stop_engine(self) -> None:
        """Stop the engine (blocks up to its stop timeout: run it off the UI thread)."""
        self.engine.stop()

    def close(self) -> None:
        """Stop the engine, then the client."""
        self.engine.stop()
        self.http.close()


def open_connection(settings: Settings, store: LocalStore, bridge: StatusBridge) -> Connection:
    """A client and an engine for ``settings``; the engine is not started."""
    note = None
    try:
        http = make_http_client(
            settings.connect_timeout_s,
            settings.read_timeout_s,
            settings.ca_bundle or True,
            server_url=settings.server_url,
        )
    except (OSError, ssl.SSLError) as exc:
        # A CA file that went missing or is not PEM must not stop the program: the
        # public CAs still verify, and a server signed by the company CA says so.
        log.warning("CA bundle %s unusable: %s", settings.ca_bundle, exc)
        note = fill(
            QApplication.translate("Application", "公司 CA 证书 %1 无法使用(%2)，已改用公共证书机构。"),
            settings.ca_bundle,
            exc,
        )
        http = make_http_client(settings.connect_timeout_s, settings.read_timeout_s, True)
    engine = SyncEngine(
        store,
        http,
        settings.server_url,
        on_status=bridge.changed.emit,
        observer=request_logger,
        request_deadline_s=settings.request_deadline_s,
    )
    return Connection(http, engine, note)


def session_ended_text(server_url: str | None) -> str:
    """Why the agent is back at the login window after the server was changed."""
    return fill(
        QApplication.translate("Application", "服务器已改为 %1，请用该服务器的工号重新登录。"),
        server_url or QApplication.translate("Application", "(未设置)"),
    )


class EngineSlot:
    """The engine in use now, for windows that outlive a change of connection."""

    def __init__(self, engine: SyncEngine) -> None:
        self.current = engine

    def wake(self) -> None:
        self.current.wake()

    def sync_now(self) -> None:
        self.current.sync_now()

    def client(self) -> ApiClient:
        return self.current.client()

    def note_reachable(self) -> None:
        self.current.note_reachable()

    def note_unreachable(self, error: Message) -> None:
        self.current.note_unreachable(error)

    def status(self) -> SyncStatus:
        return self.current.status()
