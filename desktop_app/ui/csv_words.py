"""The words of the day's CSV file in the agent's language (``export_csv`` itself has none)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.writes import WriteKind
from desktop_app.export_csv import COLUMNS
from desktop_app.store.calllog import CallLogRow
from desktop_app.store.db import LocalStore
from desktop_app.store.notes import CallNotes

from .i18n.messages import QT_TRANSLATE_NOOP
from .queue.model import kind_text

_COLUMN_NAMES = {
    "time": QT_TRANSLATE_NOOP("CsvExport", "时间"),
    "kind": QT_TRANSLATE_NOOP("CsvExport", "类型"),
    "project": QT_TRANSLATE_NOOP("CsvExport", "项目"),
    "package": QT_TRANSLATE_NOOP("CsvExport", "信息包"),
    "customer": QT_TRANSLATE_NOOP("CsvExport", "客户"),
    "phone": QT_TRANSLATE_NOOP("CsvExport", "电话"),
    "feedback": QT_TRANSLATE_NOOP("CsvExport", "反馈"),
    "customer_name": QT_TRANSLATE_NOOP("CsvExport", "电子客姓名"),
    "gender": QT_TRANSLATE_NOOP("CsvExport", "性别"),
    "customer_type": QT_TRANSLATE_NOOP("CsvExport", "客户类型"),
    "recommend": QT_TRANSLATE_NOOP("CsvExport", "推荐项目"),
    "follow": QT_TRANSLATE_NOOP("CsvExport", "跟进"),
    "duration_s": QT_TRANSLATE_NOOP("CsvExport", "卡片时长(秒)"),
    "dial_s": QT_TRANSLATE_NOOP("CsvExport", "拨号到结果(秒)"),
    "state": QT_TRANSLATE_NOOP("CsvExport", "状态"),
    "note": QT_TRANSLATE_NOOP("CsvExport", "备注"),
}


def csv_header() -> list[str]:
    """The column names, in the order of ``export_csv.COLUMNS``."""
    return [QCoreApplication.translate("CsvExport", _COLUMN_NAMES[column]) for column in COLUMNS]


def csv_notes(store: LocalStore, rows: Sequence[CallLogRow]) -> dict[str, str]:
    """The agent's notes on these calls, for the note column."""
    return CallNotes(store.db()).for_calls([row.client_id for row in rows])


def csv_kind_names() -> dict[str, str]:
    """Each write kind by the name the queue view gives it."""
    return {kind.value: kind_text(kind) for kind in WriteKind}
