"""The program's settings: one typed, frozen ``Settings`` object, built once and passed in.

Layers, lowest to highest precedence (a higher layer overrides the ones below it, key by
key; see ``sources.Layer``):

1. the built-in defaults of ``Settings``;
2. ``default_config.toml`` beside the executable, written by IT for every PC;
3. the user's ``config.toml`` in the config folder (written by the settings dialog);
4. environment variables: ``ESTATE_SERVER_URL``, ``ESTATE_MACHINE_NO``,
   ``ESTATE_CONNECT_TIMEOUT``, ``ESTATE_READ_TIMEOUT``, ``ESTATE_REQUEST_DEADLINE``,
   ``ESTATE_CA_BUNDLE``, ``ESTATE_LANG``, ``ESTATE_DATA_DIR``, ``ESTATE_PHONE_RESERVE``;
5. command-line flags: ``--server``, ``--data-dir``, ``--lang``, ``--demo``.

The package: ``settings`` (the model and its bounds), ``rules`` (what each value
accepts), ``sources`` (where a value came from, typed), ``layers`` (loading) and
``toml_file`` (reading and writing the files). Problems are ``Message``s with a
``ConfigCode``; the UI words them.
"""

from __future__ import annotations

from desktop_app.private_files import write_private_file

from .layers import ENV_VARS, FLAGS, load_for_startup, load_settings
from .rules import (
    InvalidValue,
    coerce,
    dial_link,
    time_of_day,
    validate_dial_template,
    validate_server_url,
    validate_value,
)
from .settings import (
    CONNECT_TIMEOUT_RANGE,
    DIAL_SCHEMES,
    KEYS,
    LANGS,
    MACHINE_NO_MAX,
    PHONE_PLACEHOLDER,
    READ_TIMEOUT_RANGE,
    REQUEST_DEADLINE_RANGE,
    RESERVE_RANGE,
    Settings,
)
from .sources import BUILT_IN, ConfigProblem, Layer, LoadedConfig, Source
from .toml_file import ConfigError, dump_toml, save_user_settings

__all__ = [
    "BUILT_IN",
    "CONNECT_TIMEOUT_RANGE",
    "DIAL_SCHEMES",
    "ENV_VARS",
    "FLAGS",
    "KEYS",
    "LANGS",
    "MACHINE_NO_MAX",
    "PHONE_PLACEHOLDER",
    "READ_TIMEOUT_RANGE",
    "REQUEST_DEADLINE_RANGE",
    "RESERVE_RANGE",
    "ConfigError",
    "ConfigProblem",
    "InvalidValue",
    "Layer",
    "LoadedConfig",
    "Settings",
    "Source",
    "coerce",
    "dial_link",
    "dump_toml",
    "load_for_startup",
    "load_settings",
    "save_user_settings",
    "time_of_day",
    "validate_dial_template",
    "validate_server_url",
    "validate_value",
    "write_private_file",
]
