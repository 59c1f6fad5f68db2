"""Whether a data folder can hold the local database, asked before anything is opened.

A folder in the database's place, or a folder or file that cannot be written, is IT's
to fix: saying which, in words, is better than SQLite's own ("unable to open",
"readonly"). Kept out of the ``store`` package so the window can ask before its first
paint without loading SQLite's layers.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.domain.codes import StoreCode
from desktop_app.domain.messages import Message, msg

READ_ONLY_CODES = (StoreCode.FOLDER_READ_ONLY, StoreCode.FILE_READ_ONLY)


def place_problem(path: Path) -> Message | None:
    """Why the database cannot be kept at ``path``, or None."""
    if path.is_dir():
        return msg(StoreCode.PATH_IS_FOLDER, str(path))
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        return msg(StoreCode.FOLDER_READ_ONLY, str(folder))
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return msg(StoreCode.FILE_READ_ONLY, str(path))
    return None
