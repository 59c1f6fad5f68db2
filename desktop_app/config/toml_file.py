"""The configuration files: read with ``tomllib``, the agent's own written with ``tomli-w``.

Both files are flat TOML tables whose keys are the field names of ``Settings``. A file
an old Notepad saved as GBK is read too. The agent's file is replaced atomically and
readable by its owner only, and saving keeps the other valid settings in it.
"""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.domain.codes import ConfigCode
from desktop_app.domain.messages import Message, MessageError, msg
from desktop_app.private_files import write_private_file

from .rules import InvalidValue, coerce
from .settings import KEYS


class ConfigError(MessageError):
    """Settings that cannot be saved; ``message`` says why, and nothing was written."""


@dataclass(frozen=True)
class TomlText:
    """A file's table and the text it came from (to find the line of each key)."""

    table: dict[str, Any]
    text: str

    def line_of(self, key: str) -> int | None:
        """The line where ``key`` is set (``key =``, ``"key" =``, ``key.sub =`` or ``[key]``)."""
        name = re.escape(key)
        pattern = re.compile(rf"""^[ \t]*\[*[ \t]*(?:{name}|"{name}"|'{name}')[ \t]*[=.\]]""", re.MULTILINE)
        match = pattern.search(self.text)
        return None if match is None else self.text.count("\n", 0, match.start()) + 1


@dataclass(frozen=True)
class Unusable:
    """A file that exists but is ignored as a whole: why, and the line when known."""

    message: Message
    line: int | None = None


def read_toml(path: Path) -> TomlText | Unusable | None:
    """The table in ``path``; None when there is no such file (the first run has none)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return Unusable(msg(ConfigCode.FILE_UNREADABLE, exc.strerror or str(exc)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")  # saved as ANSI by an old Notepad
    try:
        return TomlText(tomllib.loads(text), text)
    except tomllib.TOMLDecodeError as exc:
        line, detail = _decode_error_line(exc, text)
        return Unusable(msg(ConfigCode.FILE_NOT_TOML, detail), line)


def _decode_error_line(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, str]:
    message = str(exc)
    match = re.search(r"\s*\(at line (\d+), column \d+\)", message)
    if match:
        return int(match.group(1)), message[: match.start()] + message[match.end() :]
    match = re.search(r"\s*\(at end of document\)", message)
    if match:
        return max(1, text.count("\n") + (0 if text.endswith("\n") else 1)), message[: match.start()]
    return None, message


def dump_toml(values: Mapping[str, Any]) -> str:
    """A flat TOML table, keys in the order of ``Settings``' fields, no comments."""
    order = {key: i for i, key in enumerate(KEYS)}
    ordered = sorted(values.items(), key=lambda kv: order.get(kv[0], len(order)))
    import tomli_w  # only when saving: kept out of start-up

    return tomli_w.dumps({key: str(value) if isinstance(value, Path) else value for key, value in ordered})


def save_user_settings(path: Path, changes: Mapping[str, Any]) -> None:
    """Write ``changes`` into the user's TOML file, keeping its other valid settings.

    A value of None removes the key (the lower layers apply again). An unknown key, a
    bad value or ``data_dir`` raise ``ConfigError``, and nothing is written. The file is
    replaced atomically and readable by its owner only.
    """
    checked: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in KEYS:
            raise ConfigError(msg(ConfigCode.UNKNOWN_KEY, key))
        if key == "data_dir":
            raise ConfigError(msg(ConfigCode.DATA_DIR_IN_USER_FILE))
        if value is None:
            checked[key] = None
            continue
        try:
            checked[key] = coerce(key, value, None)
        except InvalidValue as exc:
            raise ConfigError(msg(ConfigCode.VALUE_INVALID, key, shown(value), exc.message)) from None
    values = _existing_user_values(path)
    for key, value in checked.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    write_private_file(path, dump_toml(values).encode("utf-8"))


def shown(value: Any) -> str:
    """A value as written, for a message: text in quotes, shortened past 60 characters."""
    text = f'"{value}"' if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _existing_user_values(path: Path) -> dict[str, Any]:
    read = read_toml(path)
    if isinstance(read, Unusable) and path.is_file():
        # Not TOML: keep the text for whoever wants it back, then start afresh.
        with contextlib.suppress(OSError):
            os.replace(path, path.with_name(path.name + ".bak"))
    if not isinstance(read, TomlText):
        return {}
    values: dict[str, Any] = {}
    for key, raw in read.table.items():
        if key in KEYS and key != "data_dir":
            try:
                values[key] = coerce(key, raw, path.parent)
            except InvalidValue:
                continue
    return values
