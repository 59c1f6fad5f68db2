"""Words of Qt's own dialogs that Qt's Chinese translation lacks.

The ``qtbase_zh_CN`` catalogue shipped with Qt translates ``Look in:`` but not the
``&Look in:`` and ``Files of &type:`` its file dialog shows, so the save dialog of the
CSV export said them in English. This translator answers just those, after Qt's own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

ZH_CN: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class QtGaps(QTranslator):
    """A translator of a fixed table (context, source) → text; others it leaves to the rest."""

    def __init__(self, table: dict[tuple[str, str], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = dict(table)

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": Qt takes an empty string for a translation and would show nothing.
        return self._table.get((context, source_text))

    def isEmpty(self) -> bool:
        return not self._table
