"""A database locked by another program never freezes a key press, and loses nothing.

The GUI thread's connection waits at most ``UI_BUSY_TIMEOUT_MS`` for a lock. Past it the
feedback is not recorded, the card stays with a note saying so, and the same key
records it once the lock is gone.
"""

from __future__ import annotations

import sqlite3
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.store.outbox import State
from desktop_app.ui.application import UI_BUSY_TIMEOUT_MS
from tests.helpers.app_driver import log_in, wait_for_card
from tests.helpers.widgets import child


def test_a_key_press_behind_a_locked_database_is_told_and_can_be_pressed_again(qtbot, app) -> None:
    window = log_in(qtbot, app)
    wait_for_card(qtbot, window)
    card = window.card
    assert card is not None
    app.engine.stop()  # only the other program and the key press write

    other = sqlite3.connect(str(app.store.path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        started = time.monotonic()
        qtbot.keyClick(window, Qt.Key.Key_1)
        took = time.monotonic() - started
        assert took < UI_BUSY_TIMEOUT_MS / 1000 + 0.5, f"the key press froze for {took:.2f} s"
        assert window.card == card  # nothing recorded, the card stays
        note = child(window, QLabel, "phoneMessage").text()
        assert note.startswith("没有保存") and "忙" in note
    finally:
        other.execute("ROLLBACK")
        other.close()

    qtbot.keyClick(window, Qt.Key.Key_1)  # the same key again: recorded now
    assert window.card is None or window.card.phone_id != card.phone_id
    counts = app.store.outbox().counts()
    assert counts.get(State.QUEUED, 0) == 1
