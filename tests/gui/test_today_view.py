"""The 今日 view over a real call log: totals, chart data, CSV export, and how a full day looks."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea, QTabWidget

from desktop_app.export_csv import BOM
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import Outcome
from desktop_app.ui.look import apply_font, apply_style
from desktop_app.ui.tasks import BackgroundTasks
from desktop_app.ui.throttled_load import ThrottledLoad
from desktop_app.ui.today import view as view_module
from desktop_app.ui.today.view import TodayView
from desktop_app.ui.widgets.bar_chart import BarChart
from desktop_app.ui.widgets.hour_chart import HourChart
from tests.helpers.day import DAY, USER, at, realistic_day
from tests.helpers.day import log_call as call
from tests.helpers.day import log_customer as customer
from tests.helpers.screens import CJK_FONT, require_cjk_font, save_picture
from tests.helpers.writes import settle

# A view built here without a background pool reads at once on the GUI thread, on purpose
# (its behaviour, not its threading, is under test; the work window gives it the pool).
READS_AT_ONCE = pytest.mark.gui_reads("view without a pool")


def make_view(qtbot, store: LocalStore, now: float = at(18, 2, 30)) -> TodayView:
    view = TodayView(store, USER, clock=lambda: now, today=lambda: DAY)
    qtbot.addWidget(view)
    return view


def tile(view: TodayView, name: str) -> str:
    label = view.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


@READS_AT_ONCE
def test_totals_and_chart_data_of_a_day(qtbot, store: LocalStore) -> None:
    ids = [
        call(store, at(9, 2), "无人接听", duration=12.0),
        call(store, at(9, 40), "继续跟进", "保利天悦", duration=95.0),
        call(store, at(10, 0), "无人接听", "保利天悦", duration=None),
        call(store, at(14, 15), "接受邀请", duration=143.0),
        customer(store, at(14, 20), "王五"),
    ]
    call(store, at(9, 0, day=DAY - dt.timedelta(days=1)), "拒接")  # yesterday: not shown
    call(store, at(11, 0), "拒接", user_id=30)  # another agent: not shown, but queued on this PC
    settle(store, [Outcome.sent(ids[0]), Outcome.attention(ids[4], "客户电话已存在")], at(15))

    view = make_view(qtbot, store)

    assert view.objectName() == "todayView"
    assert tile(view, "todayCalls") == "4"
    assert tile(view, "todayCustomers") == "1"
    assert tile(view, "todayAverage") == "1:23"  # (12 + 95 + 143) / 3 = 83.3 s
    assert tile(view, "todayPending") == "5"  # every unconfirmed write on this PC
    assert tile(view, "todayAttention") == "1"
    assert view.attention_tile.value.property("alert") is True
    assert tile(view, "todayTitle") == "今日 2026-11-28 星期六"
    assert tile(view, "todayUpdated") == "更新于 18:02:30"
    assert "第一通 09:02" in tile(view, "todayDetails")
    assert "最后一通 14:15" in tile(view, "todayDetails")

    feedback = view.findChild(BarChart, "feedbackChart")
    projects = view.findChild(BarChart, "projectChart")
    hours = view.findChild(HourChart, "hourChart")
    assert feedback is not None and projects is not None and hours is not None
    assert feedback.items() == [("无人接听", 2), ("接受邀请", 1), ("继续跟进", 1)]
    assert projects.items() == [("保利天悦", 2), ("星汇云锦", 2)]
    expected = [0] * 24
    expected[9], expected[10], expected[14] = 2, 1, 1
    assert hours.counts() == expected


@READS_AT_ONCE
def test_refresh_shows_new_calls_and_the_view_refreshes_when_shown(qtbot, store: LocalStore) -> None:
    view = make_view(qtbot, store)
    assert tile(view, "todayCalls") == "0"
    assert tile(view, "todayAverage") == "-"
    assert view.findChild(BarChart, "feedbackChart").items() == []
    assert tile(view, "todayDetails") == "今天还没有通话记录。"

    call(store, at(9, 30), "拒接", duration=20.0)
    view.refresh()
    assert tile(view, "todayCalls") == "1"
    assert tile(view, "todayAverage") == "0:20"
    assert tile(view, "todayPending") == "1"
    assert view.attention_tile.value.property("alert") is False

    call(store, at(9, 31), "拒接", duration=40.0)
    view.show()  # a tab becoming visible is a show event
    qtbot.waitExposed(view)
    assert tile(view, "todayCalls") == "2"
    assert view.findChild(BarChart, "feedbackChart").items() == [("拒接", 2)]


def test_statuses_refresh_it_in_the_background_at_most_once_an_interval(
    qtbot, store: LocalStore, monkeypatch
) -> None:
    tasks = BackgroundTasks()
    try:
        view = TodayView(store, USER, clock=lambda: at(12), today=lambda: DAY, tasks=tasks)
        qtbot.addWidget(view)
        (loader,) = [c for c in view.children() if isinstance(c, ThrottledLoad)]
        qtbot.waitUntil(lambda: view.stats() is not None and loader.idle, timeout=3000)  # the first read
        reads: list[int] = []
        original = view_module.read_range_stats

        def watched_read(*args, **kwargs):
            reads.append(threading.get_ident())
            return original(*args, **kwargs)

        monkeypatch.setattr(view_module, "read_range_stats", watched_read)
        call(store, at(9), "拒接")
        for _ in range(10):  # a burst of engine statuses
            view.refresh_soon()
        qtbot.waitUntil(lambda: tile(view, "todayCalls") == "1", timeout=3000)
        qtbot.waitUntil(lambda: loader.idle, timeout=3000)  # nothing running, nothing waiting
        assert len(reads) == 1 and threading.get_ident() not in reads
    finally:
        tasks.shutdown()


@READS_AT_ONCE
def test_switching_to_its_tab_refreshes_it(qtbot, store: LocalStore) -> None:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("打电话"), "打电话")
    view = TodayView(store, USER, clock=lambda: at(12), today=lambda: DAY)
    tabs.addTab(view, "今日")
    tabs.show()
    qtbot.waitExposed(tabs)
    call(store, at(9), "拒接")  # recorded while the other tab is up
    assert tile(view, "todayCalls") == "0"
    tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: tile(view, "todayCalls") == "1")


@READS_AT_ONCE
def test_the_day_follows_the_calendar(qtbot, store: LocalStore) -> None:
    call(store, at(9), "拒接")
    day = [DAY]
    view = TodayView(store, USER, clock=lambda: at(23, 59), today=lambda: day[0])
    qtbot.addWidget(view)
    assert tile(view, "todayCalls") == "1"
    day[0] = DAY + dt.timedelta(days=1)
    view.refresh()
    assert tile(view, "todayCalls") == "0"
    assert tile(view, "todayTitle") == "今日 2026-11-29 星期日"


@READS_AT_ONCE
def test_export_writes_todays_csv_where_the_agent_chose(qtbot, store: LocalStore, tmp_path: Path) -> None:
    first = call(store, at(9, 5, 7), "无人接听", owner='王,"小"明', duration=12.0)
    call(store, at(9, 6), "=1+1", owner="李四", duration=None)
    call(store, at(9, 0, day=DAY - dt.timedelta(days=1)), "拒接")  # yesterday: not exported
    settle(store, [Outcome.sent(first)], at(10))
    view = make_view(qtbot, store)
    asked: list[tuple[str, str, str]] = []
    target = tmp_path / "exports" / "今天"

    def fake_dialog(parent, caption: str, default: str, filters: str) -> str:
        assert parent is view
        asked.append((caption, default, filters))
        return str(target)  # no suffix typed: .csv is added

    view.ask_path = fake_dialog
    button = view.findChild(QPushButton, "exportCsvButton")
    assert button is not None and button.text() == "导出 CSV…"
    with qtbot.waitSignal(view.exported) as signal:
        button.click()

    written = target.with_name("今天.csv")
    assert signal.args == [str(written)]
    assert Path(asked[0][1]).name == "通话记录-2026-11-28.csv"
    assert "*.csv" in asked[0][2]
    data = written.read_bytes()
    assert data.startswith(BOM)
    lines = data[len(BOM) :].decode("utf-8").split("\r\n")
    assert lines[0] == (
        "时间,类型,项目,信息包,客户,电话,反馈,电子客姓名,性别,客户类型,推荐项目,跟进,卡片时长(秒),拨号到结果(秒),状态,备注"
    )
    assert (
        lines[1]
        == '2026-11-28 09:05:07,反馈,星汇云锦,一期业主,"王,""小""明",13800138000,无人接听,,,,,,12,,已同步,'
    )
    assert lines[2] == "2026-11-28 09:06:00,反馈,星汇云锦,一期业主,李四,13800138000,'=1+1,,,,,,,,待同步,"
    assert lines[3:] == [""]
    assert not list(written.parent.glob("*.tmp"))
    notice = view.findChild(QLabel, "exportNotice")
    assert notice.isVisibleTo(view) and "已导出 2 条记录" in notice.text()

    # the next export starts in the folder used last time
    view.ask_path = lambda parent, caption, default, filters: asked.append((caption, default, filters)) or ""
    assert view.export_csv() is None
    assert Path(asked[1][1]) == written.parent / "通话记录-2026-11-28.csv"


@READS_AT_ONCE
def test_export_failure_is_said_in_the_view(qtbot, store: LocalStore, tmp_path: Path) -> None:
    call(store, at(9), "拒接")
    view = make_view(qtbot, store)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    view.ask_path = lambda *args: str(blocker / "inside.csv")  # a folder that cannot exist
    assert view.export_csv() is None
    notice = view.findChild(QLabel, "exportNotice")
    assert notice.text().startswith("导出失败")
    assert notice.property("level") == "error"


def test_bar_chart_folds_the_tail_and_names_blank_items(qtbot) -> None:
    chart = BarChart("按反馈类型", max_rows=4)
    qtbot.addWidget(chart)
    chart.set_items([("a", 9), ("", 5), ("c", 3), ("d", 2), ("e", 1), ("zero", 0)])
    assert chart.items() == [("a", 9), ("", 5), ("c", 3), ("d", 2), ("e", 1)]
    assert chart.shown_items() == [("a", 9), ("（未填写）", 5), ("c", 3), ("其他 2 项", 3)]
    chart.set_items([])
    assert chart.shown_items() == []
    assert chart.empty_text() == "今天还没有记录"


def test_hour_chart_widens_to_the_hours_worked(qtbot) -> None:
    chart = HourChart("每小时通话")
    qtbot.addWidget(chart)
    assert chart.shown_hours() == range(8, 20)
    counts = [0] * 24
    counts[7], counts[21] = 2, 1
    chart.set_counts(counts)
    assert chart.shown_hours() == range(7, 22)
    assert chart.counts() == counts
    chart.resize(12 + 15 * 40 + 12, 200)  # 15 columns of 40 px
    assert chart.hour_at(12) == 7
    assert chart.hour_at(12 + 40 * 14 + 39) == 21
    assert chart.hour_at(5) is None and chart.hour_at(12 + 600) is None


@pytest.fixture
def app_look(qapp: QApplication) -> Iterator[QApplication]:
    """The program's own font and style sheet, put back as they were afterwards."""
    require_cjk_font()
    font, sheet = qapp.font(), qapp.styleSheet()
    apply_font(qapp)
    apply_style(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def _render(qtbot, view: TodayView, size: tuple[int, int], name: str) -> Path:
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    scroll = view.findChild(QScrollArea)
    qtbot.waitUntil(lambda: scroll.widget().size() == scroll.viewport().size())  # laid out
    assert not scroll.verticalScrollBar().isVisible(), "the page must fit without scrolling"
    return save_picture(view.grab(), name)


@pytest.mark.screenshots
@READS_AT_ONCE
def test_screenshot_of_a_full_day(qtbot, store: LocalStore, app_look: QApplication) -> None:
    realistic_day(store)
    view = make_view(qtbot, store)
    assert view.font().family() == CJK_FONT
    path = _render(qtbot, view, (1366, 768), "today.png")
    assert path.stat().st_size > 10_000
    stats = view.stats()
    assert stats is not None
    assert (stats.calls, stats.customers, stats.pending, stats.attention) == (120, 8, 4, 1)
    assert len(stats.by_project) == 5 and len(stats.by_feedback) == 7
    assert sum(stats.by_hour) == 120


@pytest.mark.screenshots
@READS_AT_ONCE
def test_a_full_day_fits_a_maximised_window_on_a_small_laptop(
    qtbot, store: LocalStore, app_look: QApplication
) -> None:
    realistic_day(store)
    view = make_view(qtbot, store)
    _render(qtbot, view, (1366, 620), "today-1366x620.png")  # 768 less task bar, menu, tabs, status


@pytest.mark.screenshots
@READS_AT_ONCE
def test_screenshot_of_an_empty_day(qtbot, store: LocalStore, app_look: QApplication) -> None:
    view = make_view(qtbot, store, now=at(8, 55))
    _render(qtbot, view, (1366, 768), "today-empty.png")
    assert tile(view, "todayCalls") == "0"
