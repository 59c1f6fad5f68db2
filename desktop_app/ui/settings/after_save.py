"""The running settings after the dialog's OK: the changed keys as the files now say them.

The application calls this once the dialog has written the user's file; it lives apart
from the dialog because it reads the configuration layers, not the form.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from desktop_app.config import Settings, load_settings


def settings_after_save(
    before: Settings, changed: Iterable[str], default_file: Path | None, user_file: Path
) -> Settings:
    """``before`` with the ``changed`` keys as the configuration files now say them.

    The files are read again (IT's default, then the user's), so a key removed from the
    user's file (saved as None) gets IT's value back, and a relative path is resolved
    as at start-up. Keys not changed keep their value: the dialog never writes a key
    that an environment variable or a flag sets.
    """
    files = load_settings(default_file=default_file, user_file=user_file, environ={}, flags={}).settings
    return dataclasses.replace(before, **{key: getattr(files, key) for key in changed})
