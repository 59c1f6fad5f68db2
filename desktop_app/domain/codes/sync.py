"""Message codes of the sync area (see domain.messages): login, lists, the sync engine."""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode


class SyncCode(MessageCode):
    """Codes with the prefix ``sync.``."""

    NO_SERVER = "sync.no_server"
    SERVER_UNREACHABLE = "sync.server_unreachable"
    SERVER_ODD_REPLY = "sync.server_odd_reply"
    # A pass of the sync engine ended by an error of the program; the rows it held are
    # resent later (possibly twice, flagged). %1: the error's technical name.
    PASS_FAILED = "sync.pass_failed"
    # Login; NO_OFFLINE_RECORD's %1 says why the server could not decide (one of the three above).
    NO_OFFLINE_RECORD = "sync.no_offline_record"
    OFFLINE_PASSWORD_WRONG = "sync.offline_password_wrong"
    AGENT_CHANGED = "sync.agent_changed"
