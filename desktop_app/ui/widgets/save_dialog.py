"""The save dialog of an export: in the agent's Documents folder (or the last one used), in the
agent's language, with a dated file name already filled in.

Windows and macOS get their own dialog, in the system's language; elsewhere (and in
tests, offscreen) Qt's own, whose words come from Qt's translations, which
``look.install_translators`` loads with the program's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

NATIVE_DIALOG_PLATFORMS = ("windows", "cocoa")


def save_dialog(parent: QWidget, caption: str, default_path: str, filters: str) -> QFileDialog:
    """The save dialog, in the folder and with the file name of ``default_path``.

    Windows and macOS get their own dialog (in the system's language); elsewhere, and
    offscreen, Qt's own, whose words come from Qt's translations (``look.install_translators``).
    """
    dialog = QFileDialog(parent, caption)
    dialog.setObjectName("exportDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(filters)
    if QGuiApplication.platformName() not in NATIVE_DIALOG_PLATFORMS:
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    default = Path(default_path)
    dialog.setDefaultSuffix(default.suffix.lstrip("."))
    dialog.setDirectory(str(default.parent))
    dialog.selectFile(default.name)
    return dialog


def ask_save_path(parent: QWidget, caption: str, default_path: str, filters: str) -> str:
    """The save dialog (modal); returns the chosen path or "" when cancelled."""
    dialog = save_dialog(parent, caption, default_path, filters)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return ""
        chosen = dialog.selectedFiles()
        return str(chosen[0]) if chosen else ""
    finally:
        dialog.deleteLater()
