"""The CSV save dialog: in the agent's Documents folder, a dated file name, the agent's language.

Offscreen (as on a Linux desktop) Qt's own dialog is used; its words come from Qt's
translations, loaded with the program's (``look.install_translators``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit

from desktop_app.ui.look import install_translators
from desktop_app.ui.qt_gaps import QtGaps
from desktop_app.ui.today.view import TodayView
from desktop_app.ui.widgets.save_dialog import save_dialog
from tests.helpers.day import DAY, USER, at


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    """A home folder of the test's own, with a Documents folder in it."""
    folder = tmp_path / "张 三"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    return folder


@pytest.fixture
def speaking(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    """``speaking(lang)`` installs the program's translators; removed after the test."""
    installed = []

    def use(lang: str) -> None:
        installed.extend(install_translators(qapp, lang))

    yield use
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def labels(dialog: QFileDialog) -> list[str]:
    """The dialog's labels as read (a mnemonic's & and its (&X) dropped)."""
    return [re.sub(r"\(&\w\)|&", "", label.text()) for label in dialog.findChildren(QLabel)]


@pytest.mark.gui_reads("view without a pool")
def test_the_export_starts_in_documents_with_a_dated_name(qtbot, store, home: Path) -> None:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert Path(documents) == home / "Documents"
    view = TodayView(store, USER, clock=lambda: at(18), today=lambda: DAY)
    qtbot.addWidget(view)
    asked: list[str] = []
    view.ask_path = lambda parent, caption, default, filters: asked.append(default) or ""
    assert view.export_csv() is None
    assert Path(asked[0]) == home / "Documents" / f"通话记录-{DAY.isoformat()}.csv"


def test_qt_own_dialog_in_chinese_in_that_folder(qtbot, home: Path, speaking) -> None:
    speaking("zh_CN")
    target = home / "Documents" / "通话记录-2026-11-28.csv"
    dialog = save_dialog(None, "导出今日通话记录", str(target), "CSV 文件 (*.csv)")
    qtbot.addWidget(dialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)  # offscreen: Qt's own
    assert Path(dialog.directory().absolutePath()) == home / "Documents"
    assert dialog.defaultSuffix() == "csv"
    dialog.show()
    qtbot.waitExposed(dialog)
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name is not None and name.text() == target.name
    words = labels(dialog)
    assert "查找范围：" in words and "文件类型：" in words
    assert not {"Look in:", "Files of type:"} & set(words)
    dialog.reject()


def test_english_leaves_qt_in_english(qapp: QApplication, speaking) -> None:
    # Qt's texts are English at the source: an English agent gets no Chinese gap-filler.
    before = len(qapp.findChildren(QtGaps))
    speaking("en")
    assert len(qapp.findChildren(QtGaps)) == before


def test_the_gap_filler_leaves_every_other_text_to_the_rest(qapp: QApplication, speaking) -> None:
    speaking("zh_CN")
    assert QApplication.translate("WorkWindow", "通话结果 (按数字键)") == "通话结果 (按数字键)"
    assert QApplication.translate("QFileDialog", "File &name:") == "文件名称(&N)："
