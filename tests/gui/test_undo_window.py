"""The undo window on the work screen, against the demo server over loopback.

A feedback is committed at the key press and held; Ctrl+Z (or ``undoButton``) inside
the window takes it back: the card comes back and nothing reaches the server.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_app.store.held_writes import HeldWrites
from desktop_app.store.outbox import State
from tests.gui import test_work_window
from tests.gui.test_work_window import feedback_items, wait_for_card
from tests.helpers.widgets import child

world = test_work_window.world  # the same windows, engine and demo server
LONG = 60.0  # far longer than any test step: the window never runs out under a test's feet


def ready(qtbot, win) -> None:
    """A card up and its feedback keys live."""
    wait_for_card(qtbot, win)
    qtbot.waitUntil(lambda: bool(win.feedback.items) and win.feedback.buttons()[0].isEnabled(), timeout=5000)


def test_ctrl_z_inside_the_window_brings_the_card_back_and_nothing_is_sent(qtbot, world, demo_server):
    win = world.window(undo_window_s=LONG)
    ready(qtbot, win)
    card = win.card
    first_item = win.feedback.items[0].item_name

    qtbot.keyClick(win, Qt.Key.Key_1)
    assert win.card != card  # the next card at once, as always
    button = child(win, QPushButton, "undoButton")
    assert button.isVisible() and "Ctrl+Z" in button.text()
    [held] = feedback_items(world.store)
    assert HeldWrites(world.store.db()).is_held(held.client_id, held.created_at + 1)
    world.engine.sync_now()  # 立即同步 does not release the hold

    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert win.card == card  # the card came back
    assert win.card_view.number.text() == card.phone_no
    assert not button.isVisible()
    undone = world.store.outbox().get(held.client_id)
    assert undone is not None and undone.state is State.DISCARDED  # kept as an audit row

    # A second feedback on the returned card, let go as at logout: only it arrives.
    second_item = win.feedback.items[1].item_name
    qtbot.keyClick(win, Qt.Key.Key_2)
    win.undo.release_all()
    qtbot.waitUntil(lambda: len(demo_server.writes("savecallback")) >= 1, timeout=5000)
    sent = [str(w) for w in demo_server.writes("savecallback")]
    assert len(sent) == 1 and second_item in sent[0] and card.phone_no in sent[0]
    assert first_item != second_item


def test_the_window_ends_by_itself_and_the_write_goes(qtbot, world, demo_server):
    win = world.window(undo_window_s=0.5)
    ready(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_1)
    [held] = feedback_items(world.store)
    assert world.store.outbox().get(held.client_id).state is State.QUEUED
    qtbot.waitUntil(lambda: len(demo_server.writes("savecallback")) == 1, timeout=5000)
    button = child(win, QPushButton, "undoButton")
    qtbot.waitUntil(lambda: not button.isVisible(), timeout=2000)
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # too late: nothing happens
    assert len(demo_server.writes("savecallback")) == 1


def test_undo_button_takes_back_a_customer_and_ctrl_z_in_a_field_undoes_typing(qtbot, world, demo_server):
    win = world.window(undo_window_s=LONG)
    ready(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_1)
    qtbot.keyClick(win, Qt.Key.Key_F2)
    name = win.customer_form.name_edit
    name.clear()
    qtbot.keyClicks(name, "Wang")
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert name.text() != "Wang"  # the field undid the typing …
    [held] = feedback_items(world.store)
    assert world.store.outbox().get(held.client_id).state is State.QUEUED  # … not the feedback

    child(win, QPushButton, "undoButton").click()
    assert world.store.outbox().get(held.client_id).state is State.DISCARDED
