"""预约回访, 历史, the repeat-number hint and notes on the work screen.

Real SQLite files, the real demo server over loopback, the window built as the program
builds it; the window's clock is a fake one the tests move, so a callback falls due
without waiting an hour.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTreeWidget

from desktop_app.api import ApiClient
from desktop_app.config import Settings
from desktop_app.export_csv import BOM
from desktop_app.store.callbacks import Callbacks, CallbackState, CallbackTarget
from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.store.history import History, HistoryQuery
from desktop_app.store.notes import CallNotes
from desktop_app.store.outbox import Outcome
from desktop_app.sync.auth import log_in
from desktop_app.sync.calls import record_feedback
from desktop_app.sync.phones import PhoneSupply
from desktop_app.ui.status_bridge import StatusBridge
from desktop_app.ui.work.window import WorkWindow
from tests.helpers.app_driver import start_app
from tests.helpers.fakes import fast_engine
from tests.helpers.widgets import child
from tests.helpers.writes import settle

USER = 29


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def world(qtbot, tmp_path, tasks, http, demo_server):
    """Windows over a data folder that can be closed and opened again (a restart)."""

    class World:
        def __init__(self) -> None:
            self.clock = Clock()
            self.windows: list[WorkWindow] = []
            self.engine = None
            self.store: LocalStore | None = None
            self.open_store()

        def open_store(self) -> None:
            self.store = LocalStore(tmp_path / "data")
            self.bridge = StatusBridge()  # kept: the engine reports to it from its thread
            self.engine = fast_engine(
                self.store, http, demo_server.base_url, on_status=self.bridge.changed.emit
            )
            self.engine.start()

        def window(self, **settings: object) -> WorkWindow:
            store = self.store
            session = log_in(
                ApiClient(http, demo_server.base_url), store.verifiers(), "00006", "888", "weixin"
            )
            # The undo window and the form-first keys have their own tests: writes go at once.
            values: dict[str, object] = {"undo_window_s": 0.0, "form_first_items": (), **settings}
            cfg = Settings(server_url=demo_server.base_url, **values)  # type: ignore[arg-type]
            win = WorkWindow(store, self.engine, cfg, tasks, session, PhoneSupply(store, 3), clock=self.clock)
            qtbot.addWidget(win)
            win.show()
            win.activateWindow()
            qtbot.waitUntil(win.isActiveWindow, timeout=3000)
            self.windows.append(win)
            return win

        def restart(self) -> WorkWindow:
            for win in self.windows:
                win.close()
            self.windows.clear()
            tasks.wait_idle(5000)
            self.engine.stop()
            self.store.close()
            self.open_store()
            return self.window()

        def close(self) -> None:
            for win in self.windows:
                win.close()
            tasks.wait_idle(5000)
            self.engine.stop()
            self.store.close()

    built = World()
    yield built
    built.close()


def wait_for_package(qtbot, win: WorkWindow) -> None:
    qtbot.waitUntil(lambda: win.card is not None and win.pickers.current_package() is not None, timeout=5000)
    win._tasks.wait_idle(5000)


def hint(win: WorkWindow) -> QLabel:
    return child(win, QLabel, "repeatHint")


def tree_rows(tree: QTreeWidget) -> list[list[str]]:
    return [
        [tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
        for i in range(tree.topLevelItemCount())
    ]


def test_a_callback_is_scheduled_survives_a_restart_falls_due_is_offered_and_closed_by_its_feedback(
    qtbot, world
):
    win = world.window()
    wait_for_package(qtbot, win)
    card = win.card
    assert card is not None

    # F6: the scheduler opens in place; 1 小时后 with a note, Enter saves it.
    qtbot.keyClick(win, Qt.Key.Key_F6)
    scheduler = win.followups.panel.scheduler
    qtbot.waitUntil(scheduler.isVisible, timeout=2000)
    assert child(win, QPushButton, "scheduleCallbackButton").isVisible()
    qtbot.mouseClick(child(scheduler, QPushButton, "callbackChoice_in_one_hour"), Qt.MouseButton.LeftButton)
    note = child(scheduler, QLineEdit, "callbackNote")
    note.setFocus()
    note.insert("周末看房")  # typed CJK text: an input method's commit
    qtbot.keyClick(note, Qt.Key.Key_Return)
    assert not scheduler.isVisible()
    scheduled = Callbacks(world.store.db()).open_for(USER, card.phone_no)
    assert scheduled is not None
    assert scheduled.due_at == pytest.approx(world.clock.now + 3600)
    assert scheduled.note == "周末看房"

    # This call's own feedback is not the callback: the promise stays open.
    qtbot.keyClick(win, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: win.card is not None and win.card.phone_no != card.phone_no, timeout=5000)
    assert Callbacks(world.store.db()).get(scheduled.id).state is CallbackState.OPEN

    # A restart: the callback is still there, listed under 今天 / 以后 in 回访 (F10).
    win = world.restart()
    wait_for_package(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_F10)
    view = child(win, QTreeWidget, "callbacksList")
    qtbot.waitUntil(lambda: any(card.phone_no in " ".join(r) for r in tree_rows(view)), timeout=5000)
    assert child(win, QLabel, "localOnlyNote").text().startswith("回访、通话历史和备注只保存在这台电脑上")
    due_label = child(win, QPushButton, "callbacksDue")
    assert not due_label.isVisible()

    # The clock passes the hour: the status bar says so ...
    world.clock.now += 3601
    win.followups.controller.check_due()
    qtbot.waitUntil(due_label.isVisible, timeout=3000)
    assert "回访到期 1 个" in due_label.text()
    message = win.status_bar.currentMessage()
    assert "回访到期" in message and card.phone_no in message

    # ... and the next card (F5) is the callback's number, with its history on the card.
    win.tabs.setCurrentIndex(0)
    qtbot.keyClick(win, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: win.card is not None and win.card.phone_no == card.phone_no, timeout=5000)
    qtbot.waitUntil(lambda: hint(win).isVisible() and "本机已打过 1 次" in hint(win).text(), timeout=5000)
    assert "预约回访" in hint(win).text() and "周末看房" in hint(win).text()

    # Its feedback marks it done, in the feedback's own commit.
    qtbot.keyClick(win, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: win.card is None or win.card.phone_no != card.phone_no, timeout=5000)
    done = Callbacks(world.store.db()).get(scheduled.id)
    assert done.state is CallbackState.DONE
    calls = History(world.store.db()).number_history(USER, card.phone_no).calls
    assert done.done_by == calls[0].call.client_id
    win.followups.controller.check_due()
    qtbot.waitUntil(lambda: not due_label.isVisible(), timeout=3000)


def _seed(store: LocalStore, phone: str, owner: str, item: str, at: float, pro: int = 141) -> str:
    card = PhoneCard(
        user_id=USER,
        pro_id=pro,
        pro_name="星汇云锦" if pro == 141 else "保利天汇",
        package_id=467,
        package_name="一期业主",
        phone_id=1,
        phone_no=phone,
        owner_name=owner,
        shown_at=at - 30,
    )
    return record_feedback(store.outbox(), card, item, now=at)


def test_history_searches_by_part_of_a_number_or_a_name_newest_first(qtbot, world):
    now = time.time()
    _seed(world.store, "13912345678", "欧阳娜娜", "无人接听", now - 3 * 86400)
    _seed(world.store, "13912345678", "欧阳娜娜", "继续跟进", now - 86400)
    _seed(world.store, "13700001111", "李雷", "拒绝", now - 2 * 86400, pro=143)
    win = world.window()
    wait_for_package(qtbot, win)

    qtbot.keyClick(win, Qt.Key.Key_F11)
    view = win.followups.history_view
    assert view.isVisible() and win.tabs.currentWidget() is win.followups.history_tab
    search = child(win, QLineEdit, "historySearch")
    assert search.hasFocus()
    results = child(win, QTreeWidget, "historyList")

    qtbot.keyClicks(search, "2345")  # a part of the number
    qtbot.waitUntil(lambda: len(tree_rows(results)) == 2, timeout=5000)
    rows = tree_rows(results)
    assert [r[4] for r in rows] == ["继续跟进", "无人接听"]  # newest first
    assert all(r[2] == "13912345678" for r in rows)

    search.clear()
    search.insert("李")  # a part of a name
    qtbot.waitUntil(lambda: [r[1] for r in tree_rows(results)] == ["李雷"], timeout=5000)

    search.clear()
    search.insert("欧阳")
    qtbot.waitUntil(lambda: len(tree_rows(results)) == 2, timeout=5000)
    results.setCurrentItem(results.topLevelItem(0))
    detail = view.detail
    qtbot.waitUntil(lambda: "通话 2 次" in detail.toPlainText(), timeout=5000)
    assert "欧阳娜娜" in detail.toPlainText()

    # Filtered by result: only the matching call stays.
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.refresh()
    index = view.result.findText("无人接听")
    assert index > 0
    view.result.setCurrentIndex(index)
    qtbot.waitUntil(lambda: [r[4] for r in tree_rows(results)] == ["无人接听"], timeout=5000)


def test_the_card_shows_the_repeat_hint_when_this_number_was_called_before(qtbot, world):
    win = world.window()
    wait_for_package(qtbot, win)
    card = win.card
    assert card is not None
    qtbot.waitUntil(lambda: win.followups.controller is not None, timeout=1000)
    assert not hint(win).isVisible()  # a number never called before: no hint
    _seed(world.store, card.phone_no, card.owner_name, "继续跟进", time.time() - 7200)
    _seed(world.store, card.phone_no, card.owner_name, "无人接听", time.time() - 3600)
    again = PhoneCard(**{**card.__dict__, "shown_at": time.time()})
    with qtbot.waitSignal(win.followups.controller.hintShown, timeout=5000):
        assert win.flow.offer(again)
    text = hint(win).text()
    assert hint(win).isVisible()
    assert "本机已打过 2 次" in text and "无人接听" in text


def test_a_note_on_the_card_goes_to_its_call_into_history_and_the_csv(qtbot, world, tmp_path: Path):
    win = world.window()
    wait_for_package(qtbot, win)
    card = win.card
    assert card is not None
    qtbot.keyClick(win, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    editor = child(win, QLineEdit, "callNote")
    qtbot.waitUntil(editor.isVisible, timeout=2000)
    editor.insert("客户说下周再联系")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not editor.isVisible()

    qtbot.keyClick(win, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: win.card is None or win.card.phone_no != card.phone_no, timeout=5000)
    page = History(world.store.db()).search(HistoryQuery(USER, text=card.phone_no))
    assert [e.note for e in page.entries] == ["客户说下周再联系"]

    # Ctrl+M with no card in front of the last call edits that call's note.
    win.followups.controller._open_note_for_call(page.entries[0].call)
    assert editor.text() == "客户说下周再联系"
    editor.setText("客户说下周三再联系")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    page = History(world.store.db()).search(HistoryQuery(USER, text=card.phone_no))
    assert [e.note for e in page.entries] == ["客户说下周三再联系"]

    target = tmp_path / "today.csv"
    win.today_view.ask_path = lambda *args: str(target)
    with qtbot.waitSignal(win.today_view.exported, timeout=5000):  # written on the pool
        assert win.today_view.export_csv() == target
    rows = list(csv.reader(io.StringIO(target.read_bytes()[len(BOM) :].decode("utf-8"), newline="")))
    assert rows[0][-1] == "备注"
    assert [r[-1] for r in rows[1:] if r[5] == card.phone_no] == ["客户说下周三再联系"]


def test_the_callbacks_view_opens_one_as_the_card_and_marks_one_done(qtbot, world):
    now = world.clock.now
    callbacks = Callbacks(world.store.db())
    first = callbacks.schedule(
        CallbackTarget.of_card(_card("13912345678", "欧阳娜娜", now)), now - 600, "先问预算", now=now - 7200
    )
    second = callbacks.schedule(
        CallbackTarget.of_card(_card("13700001111", "李雷", now)), now + 600, "", now=now - 7200
    )
    win = world.window()
    wait_for_package(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_F10)
    view = win.followups.callbacks_view
    qtbot.waitUntil(lambda: view.agenda is not None and len(view.agenda.overdue) == 1, timeout=5000)
    assert view.selected() == first  # the due one is selected, Enter opens it
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.card is not None and win.card.phone_no == first.phone_no, timeout=5000)
    assert win.tabs.currentIndex() == 0

    qtbot.keyClick(win, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: view.agenda is not None and view.selected() is not None, timeout=5000)
    for i in range(view.list.topLevelItemCount()):
        item = view.list.topLevelItem(i)
        if item.text(2) == second.phone_no:
            view.list.setCurrentItem(item)
    assert view.selected() == second
    qtbot.mouseClick(child(view, QPushButton, "callbackDone"), Qt.MouseButton.LeftButton)
    assert Callbacks(world.store.db()).get(second.id).state is CallbackState.DONE


def test_f6_without_a_card_schedules_a_callback_for_the_last_call(qtbot, world):
    win = world.window(next_phone_after_feedback=False)
    wait_for_package(qtbot, win)
    card = win.card
    assert card is not None
    qtbot.keyClick(win, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: win.card is None, timeout=5000)
    qtbot.keyClick(win, Qt.Key.Key_F6)  # the last recorded call, read on the pool
    scheduler = win.followups.panel.scheduler
    qtbot.waitUntil(scheduler.isVisible, timeout=5000)
    assert card.phone_no in scheduler.title.text()
    qtbot.keyClick(child(scheduler, QLineEdit, "callbackNote"), Qt.Key.Key_Return)  # 明天上午, the default
    found = Callbacks(world.store.db()).open_for(USER, card.phone_no)
    assert found is not None and found.phone_id == card.phone_id
    tomorrow = dt.date.fromtimestamp(world.clock.now) + dt.timedelta(days=1)
    assert found.due_at == dt.datetime.combine(tomorrow, dt.time(9, 30)).timestamp()


def _card(phone: str, owner: str, at: float) -> PhoneCard:
    return PhoneCard(USER, 141, "星汇云锦", 467, "一期业主", 7, phone, owner, at)


def test_history_older_than_it_sets_is_removed_at_start_up_in_the_background(
    qtbot, tmp_path: Path, demo_server
) -> None:
    folder = tmp_path / "pc"
    store = LocalStore(folder)
    old = _seed(store, "13912345678", "欧阳娜娜", "无人接听", time.time() - 40 * 86400)
    recent = _seed(store, "13912345678", "欧阳娜娜", "继续跟进", time.time() - 86400)
    settle(store, [Outcome.sent(old), Outcome.sent(recent)], time.time())  # the server has both
    CallNotes(store.db()).set(old, USER, "13912345678", "旧备注", now=time.time() - 40 * 86400)
    store.close()
    app = start_app(folder, demo_server.base_url, history_keep_days=30)
    try:
        assert app.tasks.wait_idle(10000)
        left = [e.call.client_id for e in History(app.store.db()).search(HistoryQuery(USER)).entries]
        old_note = CallNotes(app.store.db()).get(old)
    finally:
        app.shutdown()
    assert left == [recent]  # the call older than 30 days is gone, with its note
    assert old_note is None
