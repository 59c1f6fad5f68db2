"""Screenshots of 回访, 历史 and a card with its repeat-number hint, at 1024×600 and 1366×728.

The whole program against the loopback demo server, with a few weeks of this agent's
calls, notes and callbacks written into its database first, as a real PC would hold
them. Each state is checked before it is photographed.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget, QWidget

from desktop_app.store.callbacks import Callbacks, CallbackTarget
from desktop_app.store.cards import PhoneCard
from desktop_app.store.notes import CallNotes
from desktop_app.sync.calls import record_feedback
from desktop_app.ui.application import Application
from tests.helpers.app_driver import AppFactory, log_in
from tests.helpers.screens import require_cjk_font, save_picture
from tests.helpers.widgets import child, flush_events

SIZES = (QSize(1024, 600), QSize(1366, 728))
USER = 29
HOUR = 3600.0
DAY = 86400.0

pytestmark = pytest.mark.screenshots

PEOPLE = (
    ("13912345678", "欧阳娜娜", "继续跟进", "周末带家人看样板间"),
    ("13800000001", "李雷", "无人接听", ""),
    ("13655551234", "韩梅梅", "拒绝", "已在别处买房，别再打"),
    ("02087654321", "张伟", "接受邀请", "周六上午到售楼处"),
    ("13711112222", "王芳", "继续跟进", "要三房，预算 300 万以内"),
)


@pytest.fixture
def app(app_factory: AppFactory) -> Application:
    require_cjk_font()
    return app_factory(phone_reserve_size=2)


def _card(phone: str, owner: str, shown_at: float, pro: tuple[int, str] = (141, "星汇云锦")) -> PhoneCard:
    return PhoneCard(USER, pro[0], pro[1], 467, "一期业主", 1, phone, owner, shown_at)


def seed(app: Application, current: PhoneCard) -> None:
    store, now = app.store, time.time()
    notes = CallNotes(store.db())
    for days, (phone, owner, item, note) in enumerate(PEOPLE * 3):
        at = now - (days + 1) * 0.7 * DAY
        client_id = record_feedback(store.outbox(), _card(phone, owner, at - 40), item, now=at)
        if note and days < len(PEOPLE):
            notes.set(client_id, USER, phone, note, now=at)
    for hours_ago, item in ((50.0, "无人接听"), (26.0, "继续跟进")):
        at = now - hours_ago * HOUR
        record_feedback(store.outbox(), _card(current.phone_no, current.owner_name, at - 40), item, now=at)
    callbacks = Callbacks(store.db())
    plan = (
        (PEOPLE[0], -2 * HOUR, "周末带家人看样板间，先约时间"),
        (PEOPLE[3], -20 * 60, "确认周六上午到访"),
        (PEOPLE[4], 1.5 * HOUR, "发户型图后回电"),
        (PEOPLE[1], DAY + 2 * HOUR, ""),
        (PEOPLE[2], 3 * DAY, "节后再问一次"),
    )
    for (phone, owner, _item, _note), offset, note in plan:
        target = CallbackTarget.of_card(_card(phone, owner, now))
        callbacks.schedule(target, now + offset, note, now=now - 3 * HOUR)


def save(qtbot, window: QWidget, size: QSize, name: str) -> None:
    """The window at ``size``, or as short as the work screen allows on this layout.

    The work screen's own minimum height (pickers, card, feedback keys) is fitted to
    600-pixel screens elsewhere; until then a 600-pixel picture is taken at that minimum,
    and its file name says the height it really has.
    """
    size = QSize(size.width(), max(size.height(), window.minimumSizeHint().height()))
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size, timeout=2000)
    flush_events()
    picture = window.grab()
    assert picture.size() == size, f"{name}: {picture.size()}"
    path = save_picture(picture, f"{name}_{size.width()}x{size.height()}.png")
    assert QImage(str(path)).size() == size
    assert path.stat().st_size > 8_000, f"{name} is nearly blank"


def test_screenshots_of_callbacks_history_and_the_repeat_hint(qtbot, app: Application) -> None:
    window = log_in(qtbot, app)
    qtbot.waitUntil(
        lambda: window.card is not None and window.pickers.current_package() is not None, timeout=5000
    )
    app.tasks.wait_idle(5000)
    card = window.card
    assert card is not None
    seed(app, card)
    controller = window.followups.controller

    # -- the card, called twice before on this PC -------------------------------------------
    again = PhoneCard(**{**card.__dict__, "shown_at": time.time()})
    with qtbot.waitSignal(controller.hintShown, timeout=5000):
        assert window.flow.offer(again)
    controller.check_due()
    due = child(window, QWidget, "callbacksDue")
    qtbot.waitUntil(due.isVisible, timeout=5000)
    hint = child(window, QLabel, "repeatHint")
    assert hint.isVisible() and "本机已打过 2 次" in hint.text()
    for size in SIZES:
        save(qtbot, window, size, "work_repeat_hint")

    # -- 回访 (F10): due, later today, later ------------------------------------------------
    qtbot.keyClick(window, Qt.Key.Key_F10)
    callbacks = child(window, QTreeWidget, "callbacksList")
    qtbot.waitUntil(lambda: callbacks.isVisible() and callbacks.topLevelItemCount() == 8, timeout=5000)
    for size in SIZES:
        save(qtbot, window, size, "callbacks")

    # -- 历史 (F11): a part of a number typed, a row opened ----------------------------------
    qtbot.keyClick(window, Qt.Key.Key_F11)
    search = child(window, QLineEdit, "historySearch")
    qtbot.waitUntil(search.hasFocus, timeout=2000)
    history = child(window, QTreeWidget, "historyList")
    view = window.followups.history_view
    qtbot.keyClicks(search, "139")
    qtbot.waitUntil(lambda: history.topLevelItemCount() == 3, timeout=5000)
    with qtbot.waitSignal(view.detailShown, timeout=5000):
        history.setCurrentItem(history.topLevelItem(0))
    assert "通话 3 次" in view.detail.toPlainText()
    for size in SIZES:
        save(qtbot, window, size, "history")

    # -- back on the card: 预约回访 (F6) and 备注 (Ctrl+M) open in place under it -------------
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    scheduler = child(window, QWidget, "callbackScheduler")
    qtbot.waitUntil(scheduler.isVisible, timeout=2000)
    for size in SIZES:
        save(qtbot, window, size, "callback_scheduler")
    qtbot.keyClick(scheduler.focusWidget() or scheduler, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not scheduler.isVisible(), timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    editor = child(window, QWidget, "noteEditor")
    qtbot.waitUntil(editor.isVisible, timeout=2000)
    for size in SIZES:
        save(qtbot, window, size, "note_editor")
