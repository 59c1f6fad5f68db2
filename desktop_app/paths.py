"""Where the program keeps its files on this PC.

The per-user folders come from ``platformdirs``; ``--data-dir`` (or ``data_dir`` in the
configuration) moves everything, configuration and logs included, under one folder so a
portable install or a test keeps all it writes in one place. The folders hold customer
data, so they are created readable by their owner only.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop_app.private_files import make_private_dir

APP_NAME = "EstateCall"
APP_AUTHOR = "EstateCall"

CONFIG_FILE_NAME = "config.toml"
DEFAULT_CONFIG_FILE_NAME = "default_config.toml"
LOG_FILE_NAME = "estate-call.log"
DB_FILE_NAME = "estate-call.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    """The three folders the program writes to."""

    data_dir: Path
    config_dir: Path
    log_dir: Path

    @classmethod
    def default(cls) -> AppPaths:
        """The platform's per-user folders (e.g. ``%LOCALAPPDATA%\\EstateCall\\EstateCall``)."""
        dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR, roaming=False)
        return cls(
            data_dir=Path(dirs.user_data_dir),
            config_dir=Path(dirs.user_config_dir),
            log_dir=Path(dirs.user_log_dir),
        )

    @classmethod
    def under(cls, data_dir: Path) -> AppPaths:
        """Everything under one folder: ``data_dir``, ``data_dir/config``, ``data_dir/logs``."""
        base = Path(data_dir)
        return cls(data_dir=base, config_dir=base / "config", log_dir=base / "logs")

    @classmethod
    def for_data_dir(cls, data_dir: Path | None) -> AppPaths:
        """``under(data_dir)`` when one is set, else the platform default."""
        return cls.default() if data_dir is None else cls.under(data_dir)

    @property
    def config_file(self) -> Path:
        """The user's own settings file (written by the settings dialog)."""
        return self.config_dir / CONFIG_FILE_NAME

    @property
    def log_file(self) -> Path:
        return self.log_dir / LOG_FILE_NAME

    @property
    def db_file(self) -> Path:
        """The local database (see ``store.db``)."""
        return self.data_dir / DB_FILE_NAME

    def ensure(self) -> AppPaths:
        """Create the folders owner-only (see ``private_files``); returns self for chaining."""
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            make_private_dir(folder)
        return self


def default_config_file() -> Path:
    """IT's ``default_config.toml``: beside the executable in the bundle, else in resources/."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent / DEFAULT_CONFIG_FILE_NAME
    return Path(__file__).resolve().parent.parent / "resources" / DEFAULT_CONFIG_FILE_NAME


def resource_dir() -> Path:
    """The shipped ``resources`` folder (style sheet, translations), also inside the bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
