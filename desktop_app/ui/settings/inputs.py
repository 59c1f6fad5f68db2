"""The settings dialog's input widgets, built alike, and the one way to read, fill and watch them.

Every field holds its raw value (``read_input``); the dialog types it with the config's
own rule (``coerce``) and checks it with the same rule, so a value is judged here as it
is in the files. A spin box whose text is not a number in its range (left empty, or
half typed) gives that text, which the rule refuses with its reason. A value a field
holds is compared and saved with ``DECIMALS`` places, the precision the spin boxes show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop_app.config import InvalidValue, coerce

from ..i18n.messages import list_text
from ..widgets.naming import named

DECIMALS = 2
# What may part two names in a names field: commas (either width), 、 and semicolons.
NAME_SEPARATORS = re.compile(r"[,，、;；]")


def seconds_spin(name: str, bounds: tuple[float, float], suffix: str, off: str = "") -> QDoubleSpinBox:
    """A number within ``bounds`` (a config range), in half steps; ``off`` names the lowest value."""
    spin = named(QDoubleSpinBox(), name)
    spin.setDecimals(DECIMALS)
    spin.setRange(*bounds)
    spin.setSingleStep(0.5)
    spin.setSuffix(suffix)
    spin.setSpecialValueText(off)
    return spin


def whole_spin(name: str, bounds: tuple[int, int], suffix: str = "") -> QSpinBox:
    spin = named(QSpinBox(), name)
    spin.setRange(*bounds)
    spin.setSuffix(suffix)
    return spin


def time_edit(name: str, example: str) -> QLineEdit:
    """A time of day typed as 时:分; the config rule says what it accepts."""
    edit = named(QLineEdit(), name)
    edit.setPlaceholderText(example)
    edit.setMaxLength(5)
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00:00") * 2)  # a time, not a sentence
    return edit


class NamesEdit(QLineEdit):
    """Feedback item names, as the server spells them, parted by 、 or a comma."""

    def names(self) -> tuple[str, ...]:
        return tuple(name.strip() for name in NAME_SEPARATORS.split(self.text()) if name.strip())

    def set_names(self, names: Iterable[str]) -> None:
        self.setText(list_text(names))


def names_edit(name: str) -> NamesEdit:
    edit = named(NamesEdit(), name)
    edit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", "例如：接受邀请、继续跟进"))
    return edit


def read_input(widget: QWidget) -> Any:
    """What the field holds, untyped: text stripped, a number, a tick, a choice or names."""
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return str(widget.currentData())
    if isinstance(widget, QDoubleSpinBox | QSpinBox):
        if not widget.hasAcceptableInput():
            return widget.cleanText().strip()  # not a number in range: the rule says why
        if isinstance(widget, QDoubleSpinBox):
            return round(widget.value(), DECIMALS)
        return widget.value()
    if isinstance(widget, NamesEdit):
        return widget.names()
    assert isinstance(widget, QLineEdit), widget
    return widget.text().strip()


def load_input(widget: QWidget, value: Any) -> None:
    """Show ``value`` (as ``Settings`` holds it) in the field."""
    if isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    elif isinstance(widget, QDoubleSpinBox | QSpinBox):
        widget.setValue(value)
    elif isinstance(widget, NamesEdit):
        widget.set_names(value)
    else:
        assert isinstance(widget, QLineEdit), widget
        widget.setText("" if value is None else str(value))


def edited(widget: QWidget) -> SignalInstance | None:
    """The signal that says the agent changed the field (None: a tick or a choice, always valid)."""
    if isinstance(widget, QDoubleSpinBox | QSpinBox):
        return widget.lineEdit().textChanged  # the box's own signal skips text that is no number
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    return None


def typed(key: str, raw: Any) -> Any:
    """``raw`` as ``Settings`` holds ``key`` (the config's rule), or as typed when the rule refuses it.

    The CA file stays as typed (the rule would make it absolute): the dialog checks it itself.
    """
    if key == "ca_bundle":
        return raw or None
    try:
        return coerce(key, raw, None)
    except InvalidValue:
        return raw
