"""The GUI thread's share of the GIL: the program sets a short switch interval.

At Python's default (5 ms) each call from Qt into Python could wait that long for the
sync engine or a pool thread; the event-loop stall benchmark shows the difference.
"""

from __future__ import annotations

import sys

import pytest

from desktop_app.ui.look import GUI_SWITCH_INTERVAL_S


def test_building_the_program_sets_the_short_switch_interval(app) -> None:
    assert app.login_window is not None
    assert sys.getswitchinterval() == pytest.approx(GUI_SWITCH_INTERVAL_S)
    assert GUI_SWITCH_INTERVAL_S < 0.005  # shorter than the interpreter's default
