"""Honest times on the work screen and in 今日: 卡片时长 stops while the program is closed,
拨号到结果 is kept when the dial key was used, and each is named for what it is."""

from __future__ import annotations

import dataclasses
import time

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from desktop_app.ui.today.view import TodayView
from tests.helpers.app_driver import DEMO_USER_ID, AppFactory, log_in, wait_for_card
from tests.helpers.day import DAY, USER, at
from tests.helpers.day import log_call as call
from tests.helpers.widgets import child

HOUR = 3600.0


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(QUrl(url)) or True)
    return urls


def test_a_restored_card_does_not_count_the_time_the_program_was_closed(qtbot, app_factory: AppFactory) -> None:
    first = app_factory()
    window = log_in(qtbot, first)
    wait_for_card(qtbot, window)
    card = window.card
    assert card is not None
    first.shutdown()  # the card's clock stops here

    second = app_factory()
    store = second.store
    paused = store.cards().load(DEMO_USER_ID)
    assert paused is not None and paused.phone_id == card.phone_id
    assert 0.0 <= paused.shown_s < 60.0
    # An hour passes with the program closed.
    store.cards().save(dataclasses.replace(paused, shown_at=paused.shown_at - HOUR))

    window = log_in(qtbot, second)
    wait_for_card(qtbot, window)
    restored = window.card
    assert restored is not None and restored.phone_id == card.phone_id
    assert restored.on_card_s(time.time()) < 60.0  # not an hour
    elapsed = child(window, QLabel, "phoneElapsed")
    qtbot.waitUntil(lambda: elapsed.text().startswith("已显示 0:"), timeout=3000)

    qtbot.keyClick(window, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: len(store.calllog().between(0, time.time() + 1, DEMO_USER_ID)) == 1, timeout=3000)
    (row,) = store.calllog().between(0, time.time() + 1, DEMO_USER_ID)
    assert row.duration_s is not None and row.duration_s < 60.0
    assert row.dial_s is None


def test_the_time_from_the_dial_key_to_the_result_is_kept(qtbot, app_factory: AppFactory, opened) -> None:
    app = app_factory()
    window = log_in(qtbot, app)
    wait_for_card(qtbot, window)
    card = window.card
    assert card is not None and card.dialed_at is None
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert len(opened) == 1
    dialled = window.card
    assert dialled is not None and dialled.dialed_at is not None
    assert app.store.cards().load(DEMO_USER_ID) == dialled  # kept across a restart too
    qtbot.keyClick(window, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(app.store.calllog().between(0, time.time() + 1, DEMO_USER_ID)) == 1, timeout=3000)
    (row,) = app.store.calllog().between(0, time.time() + 1, DEMO_USER_ID)
    assert row.dial_s is not None and 0.0 <= row.dial_s <= row.duration_s


@pytest.mark.gui_reads("view without a pool")
def test_today_names_card_time_and_dial_time(qtbot, store) -> None:
    call(store, at(9, 5), "接受邀请", duration=100.0)
    call(store, at(9, 8), "无人接听", duration=20.0)
    with store.transaction() as db:
        db.execute("UPDATE call_log SET dial_s = 40.0 WHERE item_name = '接受邀请'")
    view = TodayView(store, USER, clock=lambda: at(10), today=lambda: DAY)
    qtbot.addWidget(view)
    view.refresh()
    captions = [label.text() for label in view.findChildren(QLabel)]
    assert "平均卡片时长" in captions and "平均时长" not in captions
    details = child(view, QLabel, "todayDetails").text()
    assert "卡片时长合计 2:00" in details
    assert "拨号到结果 平均 0:40（1 通用拨号键）" in details
    assert "通话总时长" not in details
