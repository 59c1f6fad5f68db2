"""The card's package, the previous call within reach, and the form that stays with its call.

The whole program against the demo server over loopback, with its real SQLite store; what
the server received is read from its recorded writes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

from desktop_app.config import Settings
from desktop_app.demo.server import DemoServer
from desktop_app.store.outbox import OutboxItem, State
from desktop_app.ui.application import Application
from desktop_app.ui.work.window import WorkWindow
from tests.helpers.app_driver import AppFactory, log_in, number, reserve_count, wait_for_card
from tests.helpers.widgets import child

ACCEPTED, FOLLOW_UP, NO_ANSWER = Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3  # 接受邀请, 继续跟进, 无人接听


def press(qtbot, window: WorkWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window, key, modifier)


def answer(qtbot, window: WorkWindow, key: Qt.Key) -> str:
    """Press a feedback key on the card shown; the number answered, once the next card is up."""
    shown = number(window)
    press(qtbot, window, key)
    qtbot.waitUntil(lambda: number(window) not in ("", shown) and window.card is not None, timeout=5000)
    return shown


def feedbacks_for(server: DemoServer, phone_no: str) -> list[str]:
    return [
        w.payload["call_back_item_name"]
        for w in server.writes("savecallback")
        if w.payload["phone_no"] == phone_no
    ]


def logged_calls(app: Application, phone_no: str) -> list[str]:
    rows = app.store.calllog().for_day(dt.date.today(), 29)
    return [r.item_name for r in rows if r.phone_no == phone_no and r.kind == "savecallback"]


def item_of(app: Application, phone_no: str) -> OutboxItem | None:
    found = [item for item in app.store.outbox().items_since(0) if item.payload.get("phone_no") == phone_no]
    return found[-1] if found else None


def state_of(app: Application, phone_no: str) -> State | None:
    item = item_of(app, phone_no)
    return None if item is None else item.state


def tried_and_waiting(app: Application, phone_no: str) -> bool:
    """Not reached, back in the queue until its next try (not claimed now)."""
    item = item_of(app, phone_no)
    return item is not None and item.state is State.QUEUED and item.last_error is not None


def test_picking_another_package_keeps_the_card_marked_and_its_reserve(
    qtbot, app: Application, demo_server
) -> None:
    window = log_in(qtbot, app)
    wait_for_card(qtbot, window)
    packages = child(window, QComboBox, "packagePicker")
    qtbot.waitUntil(lambda: packages.count() > 1 and reserve_count(window) == 3, timeout=5000)
    card = window.card
    assert card is not None
    source = child(window, QLabel, "phoneSource")
    assert source.text() == f"{card.pro_name} / {card.package_name}" and not source.property("other")
    kept = app.store.reserve().peek_ids(29, card.package_id)

    packages.setCurrentIndex((packages.currentIndex() + 1) % packages.count())
    other = packages.currentData()
    assert other.package_id != card.package_id
    # The card stays (its number was handed to this agent), marked as from the other package.
    assert window.card == card and number(window) == card.phone_no
    assert source.property("other") is True
    assert card.package_name in source.text() and card.pro_name in source.text()
    qtbot.waitUntil(lambda: app.store.reserve().count(29, other.package_id) == 3, timeout=5000)

    # Its feedback goes to its own package; the next card comes from the new choice.
    answered = answer(qtbot, window, FOLLOW_UP)
    qtbot.waitUntil(lambda: feedbacks_for(demo_server, answered) == ["继续跟进"], timeout=5000)
    [sent] = [w.payload for w in demo_server.writes("savecallback") if w.payload["phone_no"] == answered]
    assert (sent["pro_id"], sent["package_id"]) == (card.pro_id, card.package_id)
    assert window.card is not None and window.card.package_id == other.package_id
    assert not source.property("other")
    # The old package's reserve was kept for when the agent comes back to it.
    assert app.store.reserve().peek_ids(29, card.package_id) == kept
    packages.setCurrentIndex(
        packages.findData(
            next(
                p for p in map(packages.itemData, range(packages.count())) if p.package_id == card.package_id
            )
        )
    )
    answer(qtbot, window, NO_ANSWER)
    assert window.card is not None and window.card.phone_id == kept[0]


def test_the_customer_of_the_previous_call(qtbot, app: Application, demo_server) -> None:
    window = log_in(qtbot, app)
    wait_for_card(qtbot, window)
    owner = window.card.owner_name
    add_previous = child(window, QPushButton, "previousAddCustomer")
    assert not add_previous.isEnabled() and not child(window, QPushButton, "previousCorrect").isEnabled()
    answered = answer(qtbot, window, FOLLOW_UP)
    assert add_previous.isEnabled()
    strip = child(window, QLabel, "previousSummary")
    assert answered in strip.text() and "继续跟进" in strip.text()
    assert "Ctrl+F2" in child(window, QPushButton, "previousAddCustomer").text()

    press(qtbot, window, Qt.Key.Key_F2, Qt.KeyboardModifier.ControlModifier)
    form = window.customer_form
    qtbot.waitUntil(form.isVisible, timeout=2000)
    assert (form.name_edit.text(), form.phone_edit.text()) == (owner, answered)
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: len(demo_server.writes("save_to_customer")) == 1, timeout=5000)
    assert demo_server.writes("save_to_customer")[0].payload["customer_phone"] == answered
    rows = app.store.calllog().for_day(dt.date.today(), 29)
    [customer] = [r for r in rows if r.kind == "save_to_customer"]
    assert (customer.phone_no, customer.owner_name) == (answered, owner)


def test_correcting_a_queued_call_sends_one_write(qtbot, app: Application, demo_server) -> None:
    window = log_in(qtbot, app)
    wait_for_card(qtbot, window)
    qtbot.waitUntil(lambda: reserve_count(window) == 3, timeout=5000)
    demo_server.set_down(True)
    answered = answer(qtbot, window, NO_ANSWER)  # the next card from the reserve
    qtbot.waitUntil(lambda: tried_and_waiting(app, answered), timeout=5000)

    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # 更正 → 继续跟进
    assert "继续跟进" in child(window, QLabel, "previousSummary").text()
    assert logged_calls(app, answered) == ["继续跟进"]
    demo_server.set_down(False)
    app.engine.sync_now()
    qtbot.waitUntil(lambda: state_of(app, answered) is State.SENT, timeout=10000)
    assert feedbacks_for(demo_server, answered) == ["继续跟进"]


def test_correcting_a_sent_call_sends_a_second_feedback_and_counts_it_once(
    qtbot, app: Application, demo_server
) -> None:
    window = log_in(qtbot, app)
    wait_for_card(qtbot, window)
    answered = answer(qtbot, window, Qt.Key.Key_4)  # 拒绝, a slip of the finger
    qtbot.waitUntil(lambda: state_of(app, answered) is State.SENT, timeout=5000)

    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # 更正 → 接受邀请
    qtbot.waitUntil(lambda: feedbacks_for(demo_server, answered) == ["拒绝", "接受邀请"], timeout=10000)
    assert logged_calls(app, answered) == ["接受邀请"]
    window.show_today()  # 今日: one call, with its latest result
    window.today_view.refresh()

    def one_call() -> bool:
        stats = window.today_view.stats()
        return stats is not None and stats.by_feedback == (("接受邀请", 1),)

    qtbot.waitUntil(one_call, timeout=5000)


def test_the_form_stays_with_its_call_when_f5_shows_the_next(qtbot, app: Application, demo_server) -> None:
    window = log_in(qtbot, app)
    wait_for_card(qtbot, window)
    first = window.card
    assert first is not None
    press(qtbot, window, Qt.Key.Key_F2)
    form = window.customer_form
    qtbot.waitUntil(form.isVisible, timeout=2000)
    form.name_edit.insert("甲")
    qtbot.keyClick(form.name_edit, Qt.Key.Key_F5)  # the next number, the form still open
    qtbot.waitUntil(lambda: window.card is not None and window.card.phone_id != first.phone_id, timeout=5000)
    assert form.isVisible() and form.phone_edit.text() == first.phone_no
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(demo_server.writes("save_to_customer")) == 1, timeout=5000)
    assert demo_server.writes("save_to_customer")[0].payload["customer_phone"] == first.phone_no
    [customer] = [r for r in app.store.calllog().for_day(dt.date.today(), 29) if r.kind == "save_to_customer"]
    assert (customer.phone_id, customer.phone_no, customer.package_id) == (
        first.phone_id,
        first.phone_no,
        first.package_id,
    )


def test_a_form_first_item_records_at_the_key_and_waits_for_the_form(
    qtbot, app_factory: AppFactory, demo_server
) -> None:
    app = app_factory(form_first_items=Settings().form_first_items)
    window = log_in(qtbot, app)
    wait_for_card(qtbot, window)
    shown = number(window)
    press(qtbot, window, ACCEPTED)
    form = window.customer_form
    qtbot.waitUntil(form.isVisible, timeout=2000)
    assert logged_calls(app, shown) == ["接受邀请"]  # committed at the key
    assert window.card is None and number(window) == shown  # no next card under the form
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: number(window) not in ("", shown), timeout=5000)
    qtbot.waitUntil(lambda: feedbacks_for(demo_server, shown) == ["接受邀请"], timeout=5000)
    assert demo_server.writes("save_to_customer") == []
