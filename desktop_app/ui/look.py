"""The program's look and language: font, style sheet and Qt translators."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.paths import resource_dir

from .qt_gaps import ZH_CN, QtGaps

log = logging.getLogger(__name__)

PREFERRED_FONTS = ("Noto Sans CJK SC", "Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC")

# Every call from Qt into Python (a model's data(), a slot, a paint) takes the GIL. While
# the sync engine and the pool threads run Python, the GUI thread waits for it up to the
# interpreter's switch interval each time: at Python's 5 ms, a table sizing its columns
# during a drain waited tens of milliseconds. At 1 ms the window stays live, and the
# threads' own work is no slower to measure (5,000 writes drained in the same time).
GUI_SWITCH_INTERVAL_S = 0.001


def apply_font(app: QApplication) -> None:
    """Simplified-Chinese glyph shapes: the first CJK SC font the system has."""
    families = set(QFontDatabase.families())
    for family in PREFERRED_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSizeF(max(app.font().pointSizeF(), 10.5))
            app.setFont(font)
            return


def apply_style(app: QApplication) -> None:
    sheet = resource_dir() / "style.qss"
    try:
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))
    except OSError:
        log.warning("style sheet %s not found; using the platform look", sheet)


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Chinese is the source language; other languages load the project's .qm and Qt's own."""
    installed: list[QTranslator] = []
    if lang.startswith("zh"):
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt_dirs = [
            str(resource_dir() / "translations"),
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        ]
        names = ["qtbase_zh_CN"]
    else:
        QLocale.setDefault(QLocale(lang))
        qt_dirs = [
            str(resource_dir() / "translations"),
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        ]
        names = [f"estate_call_{lang}", f"qtbase_{lang}"]
        from desktop_app.i18n_build import ensure_built  # a source checkout may lack the .qm

        ensure_built(names[0], resource_dir() / "translations")
    for name in names:
        for folder in qt_dirs:
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                installed.append(translator)
                break
        else:
            if name.startswith("estate_call"):
                log.warning("translation %s not found", name)
    if lang.startswith("zh"):  # what Qt's own Chinese catalogue lacks (qt_gaps)
        gaps = QtGaps(ZH_CN, app)
        app.installTranslator(gaps)
        installed.append(gaps)
    return installed


def qt_application() -> QApplication:
    """The one QApplication, created on first use; the GUI thread's share of the GIL set."""
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    return qt_app


def prepare_qt_app(lang: str) -> QApplication:
    """The QApplication with the program's name, language, font and style sheet."""
    qt_app = qt_application()
    qt_app.setApplicationName("EstateCall")
    install_translators(qt_app, lang)  # first: the display name below is translated
    qt_app.setApplicationDisplayName(QApplication.translate("Application", "电话营销"))
    apply_font(qt_app)
    apply_style(qt_app)
    return qt_app
