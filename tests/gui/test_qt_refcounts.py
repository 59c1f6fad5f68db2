"""Guard against a Qt binding that miscounts references to True, False and None.

PySide6 6.12.0 on Python 3.11 drops a reference to ``True`` on every signal emit and to
``None`` on every void call; a window open all day then aborts with "Fatal Python error:
bool_dealloc". The lock pins a release without the bug; this test fails if an upgrade
brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

ROUNDS = 2000


class _Emitter(QObject):
    as_object = Signal(object)
    as_bool = Signal(bool)
    plain = Signal()


def _counts() -> tuple[int, int, int]:
    return sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)


def test_signals_and_void_calls_keep_reference_counts(qtbot) -> None:
    emitter = _Emitter()
    emitter.as_object.connect(lambda _value: None)
    emitter.as_bool.connect(lambda _value: None)
    emitter.plain.connect(lambda: None)
    label = QLabel()
    qtbot.addWidget(label)

    before = _counts()
    for i in range(ROUNDS):
        emitter.as_object.emit(i % 2 == 0)
        emitter.as_bool.emit(i % 2 == 1)
        emitter.plain.emit()
        label.setText("在线")
        label.setVisible(False)
    after = _counts()

    drift = [a - b for a, b in zip(after, before, strict=True)]
    assert all(abs(d) < ROUNDS // 10 for d in drift), f"True/False/None refcount drift {drift}"
