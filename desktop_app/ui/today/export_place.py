"""Where the 统计 view's CSV goes and what state each row is in: the export's helpers.

The folder chosen last time is remembered per PC (a preference); the state of each
row's write is the queue view's words for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError

log = logging.getLogger(__name__)

EXPORT_DIR_PREF = "today.export_dir"

AskPath = Callable[[QWidget, str, str, str], str]


def export_dir(store: LocalStore) -> Path:
    """The folder used last time, else the agent's documents."""
    try:
        remembered = store.prefs().get(EXPORT_DIR_PREF)
    except StoreError:
        remembered = None
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    # A Documents folder that does not exist would leave the dialog in the program's folder.
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_dir(store: LocalStore, folder: Path) -> None:
    try:
        store.prefs().set(EXPORT_DIR_PREF, str(folder))
    except StoreError as exc:
        log.info("export folder not remembered: %s", exc.message)
