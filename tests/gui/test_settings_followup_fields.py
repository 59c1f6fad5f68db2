"""The settings dialog's fields for the undo window, callbacks, history and 统计 (and the request limit).

Each shows the value in force, refuses a bad one with the config rule's reason (and
writes nothing), and a good one is saved and used by the running program: the next
feedback waits for the new undo window, the next 预约回访 falls at the new time, the
statistics draw the new goal, a feedback named in 先填电子客的反馈 opens the form first.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from desktop_app.config import Settings
from desktop_app.store.callbacks import Callbacks
from desktop_app.store.held_writes import HeldWrites
from desktop_app.ui.settings.dialog import SettingsDialog
from tests.gui import test_settings_dialog
from tests.gui.test_work_window import feedback_items
from tests.helpers.app_driver import DEMO_USER_ID, AppFactory, log_in, wait_for_card
from tests.helpers.widgets import child

# A frame's title bar and borders on the small office screen, above the dialog's own size.
FRAME_PX = 40


config_file = test_settings_dialog.config_file  # the same dialog over a fresh config folder
make_dialog = test_settings_dialog.make_dialog


def retype(qtbot, field: QWidget, text: str) -> None:
    """Select what the field holds and type ``text`` over it, as an agent does (Chinese as an
    input method commits it: QTest types only ASCII)."""
    assert isinstance(field, QAbstractSpinBox | QLineEdit)
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        assert isinstance(field, QLineEdit)
        field.insert(text)


def test_the_new_fields_show_the_settings_in_force(make_dialog) -> None:
    dialog = make_dialog(
        Settings(
            undo_window_s=8.5,
            history_keep_days=90,
            callback_end_of_day="17:30",
            callback_morning="09:00",
            callback_afternoon="15:15",
            stats_goal_per_hour=12.5,
            form_first_items=("接受邀请", "继续跟进"),
            stats_accepted_items=("接受邀请", "已到访"),
            request_deadline_s=20.0,
        )
    )
    assert dialog.undo_spin.value() == 8.5
    assert dialog.keep_days_spin.value() == 90
    assert dialog.end_of_day_edit.text() == "17:30"
    assert dialog.morning_edit.text() == "09:00"
    assert dialog.afternoon_edit.text() == "15:15"
    assert dialog.goal_spin.value() == 12.5
    assert dialog.form_first_edit.text() == "接受邀请、继续跟进"
    assert dialog.accepted_edit.text() == "接受邀请、已到访"
    assert dialog.deadline_spin.value() == 20.0
    assert dialog.problems() == {}
    assert dialog.changes() == {}, "shown as in force: nothing to write"


def test_off_and_no_goal_are_said_in_words(make_dialog) -> None:
    dialog = make_dialog(Settings(undo_window_s=0.0, stats_goal_per_hour=0.0))
    assert dialog.undo_spin.text() == "关闭"
    assert dialog.goal_spin.text() == "不设目标"
    assert dialog.changes() == {}


def test_each_field_has_its_name_and_page(make_dialog) -> None:
    dialog = make_dialog()
    pages = {dialog.tabs.tabText(i): dialog.tabs.widget(i) for i in range(dialog.tabs.count())}
    assert list(pages) == ["服务器", "打电话", "回访与统计"]
    for page, names in (
        ("打电话", ("settingsUndoWindow", "settingsFormFirstItems")),
        ("回访与统计", ("settingsCallbackEndOfDay", "settingsHistoryKeepDays", "settingsGoalPerHour")),
        ("服务器", ("settingsRequestDeadline",)),
    ):
        for name in names:
            assert pages[page].findChild(QWidget, name) is not None, (page, name)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    for text in ("撤销等待秒数", "本机记录保留天数", "回访：今天下班前", "回访：明天上午", "回访：明天下午"):
        assert text in labels


def page_of(dialog: SettingsDialog, widget: QWidget) -> int:
    return next(i for i in range(dialog.tabs.count()) if dialog.tabs.widget(i).isAncestorOf(widget))


def shows_error(dialog: SettingsDialog, widget: QWidget, key: str, reason: str) -> None:
    error = child(dialog, QLabel, f"{widget.objectName()}Error")
    assert error.isVisible()
    assert reason in error.text()
    assert reason in dialog.problems()[key]


@pytest.mark.parametrize(
    ("field", "typed", "key", "reason"),
    [
        ("end_of_day_edit", "25:00", "callback_end_of_day", "时:分"),
        ("morning_edit", "9点半", "callback_morning", "时:分"),
        ("afternoon_edit", "14:60", "callback_afternoon", "时:分"),
        ("accepted_edit", "、".join(f"项{i}" for i in range(21)), "stats_accepted_items", "最多 20 项"),
    ],
)
def test_a_bad_value_is_refused_with_its_reason_and_nothing_is_saved(
    qtbot, make_dialog, config_file: Path, field: str, typed: str, key: str, reason: str
) -> None:
    dialog = make_dialog()
    widget = getattr(dialog, field)
    page = page_of(dialog, widget)
    dialog.tabs.setCurrentIndex(page)
    retype(qtbot, widget, typed)
    shows_error(dialog, widget, key, reason)

    dialog.tabs.setCurrentIndex((page + 1) % dialog.tabs.count())  # the agent looks elsewhere
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible(), "OK refuses while a field is wrong"
    assert dialog.tabs.currentIndex() == page, "the wrong field's page comes back"
    assert dialog.focusWidget() is widget
    assert widget.text() == typed, "what was typed is kept"
    assert child(dialog, QLabel, "settingsSaveError").isVisible()
    assert not config_file.exists()


@pytest.mark.parametrize(
    ("field", "typed", "key", "reason"),
    [
        ("undo_spin", "", "undo_window_s", "0 到 60 之间的秒数"),
        ("keep_days_spin", "0", "history_keep_days", "1 到 3650 之间的天数"),
        ("goal_spin", "", "stats_goal_per_hour", "0 到 1000 之间的数"),
        ("deadline_spin", "", "request_deadline_s", "0.5 到 600 之间的秒数"),
    ],
)
def test_a_number_that_is_not_one_is_explained_and_the_box_goes_back_to_its_own(
    qtbot, make_dialog, config_file: Path, field: str, typed: str, key: str, reason: str
) -> None:
    """A spin box takes no letters and no number past its bounds; what it cannot hold yet
    (nothing, or 0 days) is explained while it has the keyboard, and when it loses it the
    number in force comes back: OK then writes nothing."""
    dialog = make_dialog()
    widget = getattr(dialog, field)
    before = widget.value()
    dialog.tabs.setCurrentIndex(page_of(dialog, widget))
    retype(qtbot, widget, typed)
    shows_error(dialog, widget, key, reason)
    qtbot.keyClicks(widget, "x")
    assert widget.cleanText() == typed, "no letter gets in"

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # the box loses the keyboard first
    assert widget.value() == before
    assert key not in dialog.problems()
    assert not dialog.isVisible()
    assert not config_file.exists(), "nothing changed: nothing written"


def test_good_values_are_saved_in_the_form_settings_hold(qtbot, make_dialog, config_file: Path) -> None:
    dialog = make_dialog()
    dialog.tabs.setCurrentIndex(2)
    retype(qtbot, dialog.morning_edit, "8:15")
    retype(qtbot, dialog.keep_days_spin, "90")
    retype(qtbot, dialog.goal_spin, "20")
    retype(qtbot, dialog.accepted_edit, "接受邀请，已到访, 接受邀请 ")
    dialog.tabs.setCurrentIndex(1)
    retype(qtbot, dialog.undo_spin, "0")
    retype(qtbot, dialog.form_first_edit, " 继续跟进、、接受邀请 ")
    assert dialog.problems() == {}
    with qtbot.waitSignal(dialog.saved, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    expected = {
        "callback_morning": "08:15",
        "history_keep_days": 90,
        "stats_goal_per_hour": 20.0,
        "stats_accepted_items": ("接受邀请", "已到访", "接受邀请"),
        "undo_window_s": 0.0,
        "form_first_items": ("继续跟进", "接受邀请"),
    }
    assert blocker.args == [expected]
    assert tomllib.loads(config_file.read_text(encoding="utf-8")) == {
        key: list(value) if isinstance(value, tuple) else value for key, value in expected.items()
    }
    assert dialog.restart_needed() == ["history_keep_days"]  # removed at the next start


def test_keys_set_above_the_users_file_are_locked_and_say_by_what(make_dialog) -> None:
    dialog = make_dialog(locks={"undo_window_s": "环境变量 X", "callback_morning": "命令行 --y"})
    assert not dialog.undo_spin.isEnabled()
    assert dialog.undo_spin.toolTip() == "由环境变量 X 设定"
    assert not dialog.morning_edit.isEnabled()
    assert dialog.morning_edit.toolTip() == "由命令行 --y 设定"
    dialog.undo_spin.setValue(30)
    assert "undo_window_s" not in dialog.changes()


def test_the_dialog_fits_the_small_office_screen(make_dialog) -> None:
    dialog = make_dialog()
    for page in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(page)
        hint = dialog.sizeHint()
        assert hint.height() <= 600 - FRAME_PX, hint
        assert hint.width() <= 1024, hint
    assert dialog.height() <= 600 - FRAME_PX


# -- in the running program -------------------------------------------------------------


def test_saved_values_take_effect_without_a_restart(qtbot, app_factory: AppFactory, demo_server) -> None:
    app = app_factory()
    win = log_in(qtbot, app)
    wait_for_card(qtbot, win)

    client = app.http
    dialog = app.open_settings()
    dialog.tabs.setCurrentIndex(0)
    retype(qtbot, dialog.deadline_spin, "25")
    dialog.tabs.setCurrentIndex(1)
    retype(qtbot, dialog.undo_spin, "30")
    dialog.tabs.setCurrentIndex(2)
    retype(qtbot, dialog.morning_edit, "8:15")
    retype(qtbot, dialog.goal_spin, "20")
    retype(qtbot, dialog.keep_days_spin, "90")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.settings_dialog is None, timeout=2000)
    assert app.settings.undo_window_s == 30.0
    assert app.settings.request_deadline_s == 25.0
    assert app.http is not client, "the request limit opens a new connection"
    # The days kept apply at the next start (old rows are removed then), and a notice says so.
    assert app.config_settings.history_keep_days == 90
    assert app.settings.history_keep_days == 365
    notice = win.findChild(QMessageBox, "settingsRestartNotice")
    assert notice is not None and "本机记录保留天数" in notice.text()
    notice.close()

    # The next feedback waits for the new undo window.
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    card = win.card
    qtbot.keyClick(win, Qt.Key.Key_1)
    assert child(win, QPushButton, "undoButton").isVisible()
    [held] = feedback_items(app.store)
    assert held.payload["phone_no"] == card.phone_no
    holds = HeldWrites(app.store.db())
    assert holds.is_held(held.client_id, held.created_at + 25)
    assert not holds.is_held(held.client_id, held.created_at + 35)
    win.undo.release_all()

    # The next 预约回访 for 明天上午 falls at the new time.
    wait_for_card(qtbot, win)
    card = win.card
    qtbot.keyClick(win, Qt.Key.Key_F6)
    scheduler = win.followups.panel.scheduler
    qtbot.waitUntil(scheduler.isVisible, timeout=2000)
    qtbot.keyClick(child(scheduler, QLineEdit, "callbackNote"), Qt.Key.Key_Return)  # 明天上午
    scheduled = Callbacks(app.store.db()).open_for(DEMO_USER_ID, card.phone_no)
    assert scheduled is not None
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert scheduled.due_at == dt.datetime.combine(tomorrow, dt.time(8, 15)).timestamp()

    # 统计 draws the new goal when it is next shown.
    win.show_today()
    qtbot.waitUntil(lambda: win.today_view.hour_chart.goal() == 20.0, timeout=5000)
    assert "目标 20" in win.today_view.per_hour_tile.caption.text()


def test_a_feedback_named_in_the_form_first_field_opens_the_form_from_then_on(
    qtbot, app_factory: AppFactory, demo_server
) -> None:
    app = app_factory()
    win = log_in(qtbot, app)
    wait_for_card(qtbot, win)
    first_item = win.feedback.items[0].item_name
    dialog = app.open_settings()
    dialog.tabs.setCurrentIndex(1)
    retype(qtbot, dialog.form_first_edit, first_item)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.settings_dialog is None, timeout=2000)
    assert app.settings.form_first_items == (first_item,)

    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    card = win.card
    qtbot.keyClick(win, Qt.Key.Key_1)
    qtbot.waitUntil(win.customer_form.isVisible, timeout=2000)
    assert win.customer_form.isVisible()
    [recorded] = feedback_items(app.store)
    assert recorded.payload["phone_no"] == card.phone_no  # recorded at the key, as always
