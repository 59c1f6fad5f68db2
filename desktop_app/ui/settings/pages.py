"""The settings dialog's pages (服务器 / 打电话 / 回访与统计): which keys each shows, and their rows.

Tabs keep the dialog as short as its longest page, so it fits a 1024×600 screen with
every setting. Each row is the field's name, its input and, under it, the shared red
error line (``<objectName>Error``). A key set above the user's file is shown disabled,
with what sets it in its tooltip, and so is a button beside it.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..i18n import fill
from ..widgets.field_error import error_label
from ..widgets.naming import named

# (page, its keys in order); the titles are ``page_titles()``.
PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "server",
        (
            "server_url",
            "machine_no",
            "connect_timeout_s",
            "read_timeout_s",
            "request_deadline_s",
            "ca_bundle",
        ),
    ),
    (
        "work",
        (
            "next_phone_after_feedback",
            "phone_reserve_size",
            "show_expired_projects",
            "dial_template",
            "form_first_items",
            "undo_window_s",
            "lang",
        ),
    ),
    (
        "followups",
        (
            "callback_end_of_day",
            "callback_morning",
            "callback_afternoon",
            "history_keep_days",
            "stats_goal_per_hour",
            "stats_accepted_items",
        ),
    ),
)
PAGE_NAMES = {
    "server": "settingsPageServer",
    "work": "settingsPageWork",
    "followups": "settingsPageFollowUps",
}


def page_titles() -> dict[str, str]:
    return {
        "server": QCoreApplication.translate("SettingsDialog", "服务器"),
        "work": QCoreApplication.translate("SettingsDialog", "打电话"),
        "followups": QCoreApplication.translate("SettingsDialog", "回访与统计"),
    }


def page_of(key: str) -> int:
    """The index of the page that shows ``key``."""
    return next(index for index, (_page, keys) in enumerate(PAGES) if key in keys)


def build_page(
    page: str,
    inputs: Mapping[str, QWidget],
    labels: Mapping[str, str],
    locks: Mapping[str, str],
    *,
    beside: Mapping[str, QWidget],
    below: Mapping[str, QWidget],
) -> tuple[QWidget, dict[str, QLabel]]:
    """The page's widget and the error line of each of its keys.

    ``beside`` puts a widget right of a key's input (the CA file's 浏览…), ``below`` one
    under its error line (the server's connection test).
    """
    holder = named(QWidget(), PAGE_NAMES[page])
    form = QFormLayout(holder)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    errors: dict[str, QLabel] = {}
    for key in dict(PAGES)[page]:
        widget = inputs[key]
        errors[key] = error = error_label(f"{widget.objectName()}Error")
        cell = QVBoxLayout()
        cell.setSpacing(2)
        extra = beside.get(key)
        if extra is not None:
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            row.addWidget(extra)
            cell.addLayout(row)
        else:
            cell.addWidget(widget)
        cell.addWidget(error)
        if key in below:
            cell.addWidget(below[key])
        form.addRow("" if isinstance(widget, QCheckBox) else labels[key], cell)
        reason = locks.get(key)
        if reason is not None:
            widget.setEnabled(False)
            widget.setToolTip(fill(QCoreApplication.translate("SettingsDialog", "由%1 设定"), reason))
            if extra is not None:
                extra.setEnabled(False)
    return holder, errors
