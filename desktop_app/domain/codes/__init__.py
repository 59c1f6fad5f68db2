"""Every message code of the program, by area: the one registry the UI must cover.

A code added to any of these enums is rendered by the same completeness test
(every code, both languages, arguments filled).
"""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode

from .api import ApiCode
from .command import CommandCode
from .config import ConfigCode
from .input import InputCode
from .store import StoreCode
from .sync import SyncCode

ALL: tuple[type[MessageCode], ...] = (ApiCode, StoreCode, SyncCode, InputCode, ConfigCode, CommandCode)

__all__ = ["ALL", "ApiCode", "CommandCode", "ConfigCode", "InputCode", "StoreCode", "SyncCode"]
