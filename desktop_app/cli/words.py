"""The window-less commands' lines in the chosen language, rendered as the window renders them.

The commands produce ``Message`` codes; ``printer(lang)`` words and prints them. Chinese
is the source language and needs no catalogue, so a Chinese run loads nothing of Qt;
another language reads the program's ``.qm`` through ``QTranslator`` (no QApplication
is needed for that).
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.domain.messages import Message
from desktop_app.paths import resource_dir
from desktop_app.ui.i18n.messages import Translate, render

Say = Callable[[Message], None]


def _source(context: str, source: str) -> str:
    return source


def translator(lang: str) -> Translate:
    """``(context, source) -> text`` in ``lang``; the Chinese source when no catalogue is found."""
    if lang.startswith("zh"):
        return _source
    from PySide6.QtCore import QTranslator

    from desktop_app.i18n_build import ensure_built  # a source checkout may lack the .qm

    ensure_built(f"estate_call_{lang}", resource_dir() / "translations")
    catalogue = QTranslator()
    if not catalogue.load(f"estate_call_{lang}", str(resource_dir() / "translations")):
        return _source

    def translate(context: str, source: str) -> str:
        return catalogue.translate(context, source) or source

    return translate


def printer(lang: str, out: Callable[[str], None] = print) -> Say:
    """Print each message in ``lang``, one line each."""
    words = translator(lang)
    return lambda message: out(render(message, words))
