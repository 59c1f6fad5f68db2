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


_BY_VALUE: dict[str, MessageCode] = {code.value: code for enum in ALL for code in enum}


def code_named(value: str) -> MessageCode | None:
    """The code whose dotted name is ``value`` (e.g. read back from the database), or None."""
    return _BY_VALUE.get(value)


__all__ = ["ALL", "code_named", "ApiCode", "CommandCode", "ConfigCode", "InputCode", "StoreCode", "SyncCode"]
