"""The 统计 view over ranges of days, against a known call log (tests/helpers/day.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel

from desktop_app.domain.date_ranges import RangeCode
from desktop_app.export_csv import BOM
from desktop_app.store.db import LocalStore
from desktop_app.store.held_writes import HeldWrites
from desktop_app.ui.tasks import BackgroundTasks
from desktop_app.ui.today.view import TodayView
from desktop_app.ui.widgets.hour_chart import HourChart
from tests.gui import test_today_view
from tests.helpers.day import DAY, USER, at, realistic_day
from tests.helpers.day import log_call as call
from tests.helpers.day import log_customer as customer

_render = test_today_view._render  # the picture, as the day view's are taken
app_look = test_today_view.app_look  # the program's look (a fixture)

FRIDAY = DAY - dt.timedelta(days=1)  # DAY is Saturday 2026-11-28
LAST_MONTH = dt.date(2026, 10, 30)

# These views are built without a background pool, so they read at once on purpose;
# reading on the pool is guarded by test_today_view.py and the window tests.
pytestmark = pytest.mark.gui_reads("view without a pool")


def tile(view: TodayView, name: str) -> str:
    label = view.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def known_log(store: LocalStore) -> None:
    """Saturday: 4 calls (1 接受邀请) and a customer; Friday: 3 calls (2 接受邀请) in one hour;
    Monday of the week: 1 call; last month: 1 call; another agent: 1 call today."""
    call(store, at(9, 2), "无人接听")
    call(store, at(9, 40), "接受邀请", "保利天悦")
    call(store, at(10, 0), "已到访")
    call(store, at(14, 15), "拒接")
    customer(store, at(14, 20), "王五")
    for minute in (5, 25, 45):
        call(store, at(11, minute, day=FRIDAY), "接受邀请" if minute < 45 else "无人接听")
    call(store, at(16, 0, day=dt.date(2026, 11, 23)), "继续跟进")
    call(store, at(10, 0, day=LAST_MONTH), "接受邀请")
    call(store, at(11, 0), "接受邀请", user_id=30)


def make_view(qtbot, store: LocalStore, **kw) -> TodayView:
    view = TodayView(store, USER, clock=lambda: at(18), today=lambda: DAY, **kw)
    qtbot.addWidget(view)
    return view


def test_the_picker_offers_the_ranges_and_dates_only_for_custom(qtbot, store: LocalStore) -> None:
    view = make_view(qtbot, store)
    combo = view.findChild(QComboBox, "statsRange")
    assert [combo.itemText(i) for i in range(combo.count())] == ["今天", "昨天", "本周", "本月", "自选"]
    dates = [view.findChild(QDateEdit, name) for name in ("statsFrom", "statsTo")]
    assert not any(d.isVisibleTo(view) for d in dates)
    view.range_picker.choose(RangeCode.CUSTOM)
    assert all(d.isVisibleTo(view) for d in dates)


def test_each_range_counts_its_own_days(qtbot, store: LocalStore) -> None:
    known_log(store)
    view = make_view(qtbot, store)
    expected = {  # calls, accepted, customers
        RangeCode.TODAY: (4, 1, 1),
        RangeCode.YESTERDAY: (3, 2, 0),
        RangeCode.THIS_WEEK: (8, 3, 1),
        RangeCode.THIS_MONTH: (8, 3, 1),
    }
    for code, (calls, accepted, customers) in expected.items():
        view.range_picker.choose(code)
        figures = view.range_stats()
        assert figures is not None and figures.day_range.code is code
        assert (figures.totals.calls, figures.accepted, figures.totals.customers) == (calls, accepted, customers)
        assert tile(view, "todayCalls") == str(calls)
        assert tile(view, "statsAcceptRate") == f"{accepted / calls * 100:.1f}%"

    view.range_picker.choose(RangeCode.CUSTOM, (dt.date(2026, 11, 1), LAST_MONTH))  # either order
    figures = view.range_stats()
    assert figures.day_range.first == LAST_MONTH and figures.day_range.last == dt.date(2026, 11, 1)
    assert figures.totals.calls == 1 and tile(view, "statsAcceptRate") == "100.0%"
    assert tile(view, "todayTitle") == "2026-10-30 至 2026-11-01（3 天）"


def test_accepted_items_and_the_goal_are_settings(qtbot, store: LocalStore) -> None:
    known_log(store)
    view = make_view(qtbot, store, accepted_items=lambda: ("接受邀请", "已到访"), goal_per_hour=lambda: 2.0)
    assert tile(view, "statsAcceptRate") == "50.0%"  # 2 of today's 4
    # Today: 4 calls in 3 clock hours (9, 10, 14): 1.3 an hour, under the goal of 2.
    assert tile(view, "statsPerHour") == "1.3"
    assert view.per_hour_tile.value.property("alert") is True
    hours = view.findChild(HourChart, "hourChart")
    assert hours.goal() == 2.0
    assert hours.counts()[9] == 2 and hours.counts()[14] == 1

    view.range_picker.choose(RangeCode.YESTERDAY)  # 3 calls in one hour: over the goal
    assert tile(view, "statsPerHour") == "3.0"
    assert view.per_hour_tile.value.property("alert") is False

    view.range_picker.choose(RangeCode.THIS_WEEK)  # the hourly chart: an average day worked in that hour
    assert hours.counts()[11] == 3.0 and hours.counts()[9] == 2.0 and hours.counts()[16] == 1.0


def test_an_undone_write_is_not_counted(qtbot, store: LocalStore) -> None:
    known_log(store)
    entry_id = call(store, at(15), "接受邀请")
    store.db().execute("UPDATE outbox SET hold_until = ? WHERE client_id = ?", (at(15) + 3600, entry_id))
    assert HeldWrites(store.db()).undo(entry_id, at(15, 0, 1))
    view = make_view(qtbot, store)
    assert tile(view, "todayCalls") == "4"


def test_the_range_is_read_on_the_pool_and_exported(qtbot, store: LocalStore, tmp_path: Path) -> None:
    known_log(store)
    tasks = BackgroundTasks()
    try:
        view = make_view(qtbot, store, tasks=tasks)
        view.range_picker.choose(RangeCode.THIS_WEEK)
        qtbot.waitUntil(lambda: tile(view, "todayCalls") == "8", timeout=3000)
        assert view.default_file_name() == "通话记录-2026-11-23至2026-11-28.csv"
        target = tmp_path / "week.csv"
        view.ask_path = lambda *args: str(target)
        with qtbot.waitSignal(view.exported, timeout=5000):  # written on the pool
            assert view.export_csv() == target
        lines = target.read_bytes()[len(BOM) :].decode("utf-8").split("\r\n")
        assert len([line for line in lines[1:] if line]) == 9  # 8 calls and the customer, this agent only
        assert lines[1].startswith("2026-11-23 16:00:00,反馈")
    finally:
        tasks.shutdown()


def test_a_realistic_month_shows_in_the_view(qtbot, store: LocalStore) -> None:
    realistic_day(store)
    view = make_view(qtbot, store)
    view.range_picker.choose(RangeCode.THIS_MONTH)
    figures = view.range_stats()
    assert figures.totals.calls == 120 and figures.accepted == 9 and figures.active_days == 1
    assert tile(view, "statsAcceptRate") == "7.5%"


@pytest.mark.screenshots
def test_screenshot_of_a_week_with_a_goal(qtbot, store: LocalStore, app_look) -> None:
    realistic_day(store)
    known_log(store)
    view = make_view(qtbot, store, goal_per_hour=lambda: 15.0)
    view.range_picker.choose(RangeCode.THIS_WEEK)
    path = _render(qtbot, view, (1366, 620), "stats-week-goal.png")
    assert path.stat().st_size > 10_000
    assert view.findChild(HourChart, "hourChart").goal() == 15.0
