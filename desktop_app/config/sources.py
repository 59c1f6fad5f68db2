"""Where a value came from, and what was wrong with a piece of configuration.

A ``Source`` is data (the layer, the file and line, the variable or flag), so the
settings dialog can tell which keys a higher layer sets without reading text back,
and the UI words it in the agent's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path

from desktop_app.domain.codes import ConfigCode
from desktop_app.domain.messages import Message, msg

from .settings import Settings


class Layer(IntEnum):
    """The configuration layers, lowest precedence first: a higher one wins key by key."""

    DEFAULT = 0  # the built-in defaults of ``Settings``
    IT_FILE = 1  # ``default_config.toml`` beside the executable, written by IT
    USER_FILE = 2  # the agent's ``config.toml`` (written by the settings dialog)
    ENV = 3  # an ``ESTATE_…`` environment variable
    FLAG = 4  # a command-line flag


@dataclass(frozen=True)
class Source:
    """One place a setting can be written: a layer, and in it a file and line or a name."""

    layer: Layer
    path: Path | None = None  # the file, for IT_FILE and USER_FILE
    line: int | None = None  # the line in that file, when known
    name: str | None = None  # the environment variable or the flag as typed

    @property
    def above_user_file(self) -> bool:
        """Set by a layer the settings dialog cannot override (environment, command line)."""
        return self.layer > Layer.USER_FILE

    def describe(self) -> Message:
        """This place, for the agent or IT: "配置文件 … 第 3 行", "环境变量 ESTATE_LANG"."""
        if self.layer is Layer.ENV:
            return msg(ConfigCode.SOURCE_ENV, self.name or "")
        if self.layer is Layer.FLAG:
            return msg(ConfigCode.SOURCE_FLAG, self.name or "")
        if self.path is None:
            return msg(ConfigCode.SOURCE_DEFAULT)
        if self.line is None:
            return msg(ConfigCode.SOURCE_FILE, str(self.path))
        return msg(ConfigCode.SOURCE_FILE_LINE, str(self.path), self.line)


BUILT_IN = Source(Layer.DEFAULT)


@dataclass(frozen=True)
class ConfigProblem:
    """One ignored piece of configuration: where it is and what is wrong with it."""

    source: Source
    message: Message

    def located(self) -> Message:
        """The problem with its place, as one message for the start-up notice and the log."""
        return msg(ConfigCode.PROBLEM_AT, self.source.describe(), self.message)


@dataclass(frozen=True)
class LoadedConfig:
    """The settings, the problems met on the way, and where each value came from."""

    settings: Settings
    problems: tuple[ConfigProblem, ...] = ()
    origins: Mapping[str, Source] = field(default_factory=dict)  # key → its source; absent = built in

    def origin(self, key: str) -> Source:
        """Where the value of ``key`` came from (``BUILT_IN`` when no layer set it)."""
        return self.origins.get(key, BUILT_IN)

    def locked(self) -> dict[str, Source]:
        """Keys set above the agent's own file, with what sets them."""
        return {key: source for key, source in self.origins.items() if source.above_user_file}
