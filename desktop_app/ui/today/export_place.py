"""Where the 统计 view's CSV goes and what state each row is in: the export's helpers.

The folder chosen last time is remembered per PC (a preference); the state of each
row's write is the queue view's words for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.store.calllog import CallLogRow
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError

from ..queue.model import state_text

log = logging.getLogger(__name__)

EXPORT_DIR_PREF = "today.export_dir"

AskPath = Callable[[QWidget, str, str, str], str]


def ask_save_path(parent: QWidget, caption: str, default_path: str, filters: str) -> str:
    """The platform's save dialog; returns the chosen path or "" when cancelled."""
    path, _selected = QFileDialog.getSaveFileName(parent, caption, default_path, filters)
    return str(path)


def state_texts(store: LocalStore, user_id: int, rows: list[CallLogRow]) -> dict[str, str]:
    """The outbox state text of each row's write, as the queue view shows it."""
    if not rows:
        return {}
    since = min(row.created_at for row in rows)
    items = store.outbox().items_since(since, user_id=user_id)
    return {item.client_id: state_text(item) for item in items}


def export_dir(store: LocalStore) -> Path:
    """The folder used last time, else the agent's documents."""
    try:
        remembered = store.prefs().get(EXPORT_DIR_PREF)
    except StoreError:
        remembered = None
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_dir(store: LocalStore, folder: Path) -> None:
    try:
        store.prefs().set(EXPORT_DIR_PREF, str(folder))
    except StoreError as exc:
        log.info("export folder not remembered: %s", exc.message)
