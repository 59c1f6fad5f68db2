"""The settings dialog's input widgets, built alike: named, bounded by the config's ranges.

A value a field holds is compared and saved with ``DECIMALS`` places, the precision the
spin boxes show.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox

from ..widgets.naming import named

DECIMALS = 2


def seconds_spin(name: str, bounds: tuple[float, float], suffix: str) -> QDoubleSpinBox:
    """A number of seconds within ``bounds`` (a config range), in half-second steps."""
    spin = named(QDoubleSpinBox(), name)
    spin.setDecimals(DECIMALS)
    spin.setRange(*bounds)
    spin.setSingleStep(0.5)
    spin.setSuffix(suffix)
    return spin
