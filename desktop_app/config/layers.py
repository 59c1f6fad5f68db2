"""The settings as the layers give them, each value with its source; never fatal.

A file that is not valid TOML is ignored as a whole, an unknown key or a bad value on
its own, and each case becomes a ``ConfigProblem`` (with the file and line) for the
program to show. ``data_dir`` is not accepted in the user's file, because that file's
own location depends on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from desktop_app.domain.codes import ConfigCode
from desktop_app.domain.messages import Message, msg
from desktop_app.paths import AppPaths

from .rules import InvalidValue, coerce
from .settings import KEYS, Settings
from .sources import ConfigProblem, Layer, LoadedConfig, Source
from .toml_file import TomlText, Unusable, read_toml, shown

ENV_VARS: dict[str, str] = {
    "ESTATE_SERVER_URL": "server_url",
    "ESTATE_MACHINE_NO": "machine_no",
    "ESTATE_CONNECT_TIMEOUT": "connect_timeout_s",
    "ESTATE_READ_TIMEOUT": "read_timeout_s",
    "ESTATE_REQUEST_DEADLINE": "request_deadline_s",
    "ESTATE_CA_BUNDLE": "ca_bundle",
    "ESTATE_LANG": "lang",
    "ESTATE_DATA_DIR": "data_dir",
    "ESTATE_PHONE_RESERVE": "phone_reserve_size",
}

# argparse destination → (Settings field, the flag as typed)
FLAGS: dict[str, tuple[str, str]] = {
    "server": ("server_url", "--server"),
    "data_dir": ("data_dir", "--data-dir"),
    "lang": ("lang", "--lang"),
    "demo": ("demo", "--demo"),
}


class _Layers:
    """Accumulates values layer by layer, with the source of each and the problems met."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.origins: dict[str, Source] = {}
        self.problems: list[ConfigProblem] = []

    def add_file(self, layer: Layer, path: Path | None) -> None:
        if path is None:
            return
        read = read_toml(path)
        if isinstance(read, Unusable):
            self.problems.append(ConfigProblem(Source(layer, path, read.line), read.message))
        if not isinstance(read, TomlText):
            return
        for key, raw in read.table.items():
            source = Source(layer, path, read.line_of(key))
            if key not in KEYS:
                code = ConfigCode.UNKNOWN_SECTION if isinstance(raw, dict) else ConfigCode.UNKNOWN_KEY
                self._ignore(source, msg(code, key))
            elif key == "data_dir" and layer is Layer.USER_FILE:
                self._ignore(source, msg(ConfigCode.DATA_DIR_IN_USER_FILE))
            else:
                self._set(key, raw, path.parent, source)

    def add_value(self, key: str, raw: Any, source: Source) -> None:
        self._set(key, raw, None, source)

    def _set(self, key: str, raw: Any, base: Path | None, source: Source) -> None:
        try:
            self.values[key] = coerce(key, raw, base)
        except InvalidValue as exc:
            self._ignore(source, msg(ConfigCode.VALUE_INVALID, key, shown(raw), exc.message))
        else:
            self.origins[key] = source

    def _ignore(self, source: Source, reason: Message) -> None:
        self.problems.append(ConfigProblem(source, msg(ConfigCode.IGNORED, reason)))


def load_settings(
    *,
    default_file: Path | None,
    user_file: Path | None,
    environ: Mapping[str, str],
    flags: Mapping[str, Any],
) -> LoadedConfig:
    """Settings from every layer (see ``Layer``); never raises for bad input.

    ``flags`` may be ``vars(args)`` of the command line: only ``server``, ``data_dir``,
    ``lang`` and ``demo`` are read, and None (or ``demo`` False) means "not given".
    Missing files are not a problem; the first run has no user file.
    """
    layers = _Layers()
    layers.add_file(Layer.IT_FILE, default_file)
    layers.add_file(Layer.USER_FILE, user_file)
    for name, key in ENV_VARS.items():
        raw = environ.get(name)
        if raw is not None and raw.strip():
            layers.add_value(key, raw, Source(Layer.ENV, name=name))
    for dest, (key, flag) in FLAGS.items():
        raw = flags.get(dest)
        if raw is None or raw is False:
            continue
        layers.add_value(key, raw, Source(Layer.FLAG, name=flag))
    settings = Settings(**layers.values)
    return LoadedConfig(settings, tuple(layers.problems), dict(layers.origins))


def load_for_startup(
    *,
    default_file: Path | None,
    environ: Mapping[str, str],
    flags: Mapping[str, Any],
    default_paths: Callable[[], AppPaths] = AppPaths.default,
) -> tuple[AppPaths, LoadedConfig]:
    """The folders and the settings as the program starts.

    The data folder is settled first from every layer but the user's file; the user's
    ``config.toml`` is then read from that folder's config directory.
    """
    first = load_settings(default_file=default_file, user_file=None, environ=environ, flags=flags)
    data_dir = first.settings.data_dir
    paths = default_paths() if data_dir is None else AppPaths.under(data_dir)
    loaded = load_settings(
        default_file=default_file, user_file=paths.config_file, environ=environ, flags=flags
    )
    return paths, loaded

