"""The smaller points of a real day: window titles, translations built on demand, and more."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop_app import i18n_build
from desktop_app.ui.application import Application
from tests.helpers.app_driver import log_in, start_app, wait_for_card
from tests.helpers.widgets import child

DISPLAY_NAME = "电话营销"


def test_window_titles_leave_the_program_name_to_qt(qtbot, app: Application) -> None:
    # Qt appends applicationDisplayName to every title on Windows and X11 ("… — 电话营销"),
    # so a title that already has it would show it twice.
    assert QApplication.applicationDisplayName() == DISPLAY_NAME
    assert DISPLAY_NAME not in app.login_window.windowTitle()
    window = log_in(qtbot, app)
    assert window.windowTitle() == "冯依敏 (00006)"


def test_a_missing_qm_is_built_from_its_ts(tmp_path: Path) -> None:
    folder = tmp_path / "语言 文件"
    folder.mkdir()
    shutil.copy(i18n_build.TRANSLATIONS / "estate_call_en.ts", folder)
    qm = i18n_build.ensure_built("estate_call_en", folder)
    assert qm == folder / "estate_call_en.qm" and qm.stat().st_size > 0
    # Up to date: not built again.
    stamp = qm.stat().st_mtime_ns
    assert i18n_build.ensure_built("estate_call_en", folder) == qm
    assert qm.stat().st_mtime_ns == stamp
    # A .ts newer than its .qm is built again.
    ts = folder / "estate_call_en.ts"
    os.utime(ts, ns=(stamp + 10**9, stamp + 10**9))
    i18n_build.ensure_built("estate_call_en", folder)
    assert qm.stat().st_mtime_ns > stamp
    assert i18n_build.ensure_built("estate_call_xx", folder) is None


def test_english_from_source_without_a_qm_is_english(monkeypatch, tmp_path: Path) -> None:
    from desktop_app.cli import words

    resources = tmp_path / "resources"
    (resources / "translations").mkdir(parents=True)
    shutil.copy(i18n_build.TRANSLATIONS / "estate_call_en.ts", resources / "translations")
    monkeypatch.setattr(words, "resource_dir", lambda: resources)
    translate = words.translator("en")
    assert translate("LoginWindow", "登录") == "Log in"
    assert (resources / "translations" / "estate_call_en.qm").is_file()


def test_after_a_restart_the_status_bar_keeps_the_last_sync(qtbot, tmp_path: Path, demo_server) -> None:
    first = start_app(tmp_path, demo_server.base_url)
    try:
        window = log_in(qtbot, first)
        wait_for_card(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_1)
        qtbot.waitUntil(
            lambda: first.engine.status().pending == 0 and len(demo_server.writes()) == 1, timeout=10000
        )
    finally:
        first.shutdown()
    demo_server.set_down(True)  # the next start cannot reach the server: the time comes from the outbox
    second = start_app(tmp_path, demo_server.base_url)
    try:
        qtbot.waitUntil(lambda: second.engine.status().last_success is not None, timeout=10000)
        last = second.engine.status().last_success
        assert last is not None and abs(last - demo_server.writes()[0].received_at) < 5
        window = log_in(qtbot, second)  # offline login against this PC's record
        label = child(window, QLabel, "lastSync")
        qtbot.waitUntil(lambda: label.text().startswith("上次同步"), timeout=5000)
    finally:
        second.shutdown()


def test_demo_mode_shows_a_demo_mark_on_both_windows(qtbot, app_factory) -> None:
    app = app_factory(demo=True)
    assert child(app.login_window, QLabel, "demoBanner").isVisible()
    window = log_in(qtbot, app)
    mark = child(window, QLabel, "demoBanner")
    assert mark.isVisible() and "演示" in mark.text()
    assert mark.parent() is window.statusBar()


def test_a_real_server_shows_no_demo_mark(qtbot, app: Application) -> None:
    assert app.login_window.findChild(QLabel, "demoBanner") is None
    window = log_in(qtbot, app)
    assert window.findChild(QLabel, "demoBanner") is None


def _top(widget, root) -> int:
    return widget.mapTo(root, QPoint(0, 0)).y()


def test_f3_says_copied_in_the_status_bar_and_moves_nothing(qtbot, app: Application) -> None:
    window = log_in(qtbot, app)
    wait_for_card(qtbot, window)
    qtbot.waitUntil(lambda: app.tasks.busy == 0, timeout=5000)  # the lists and the reserve landed
    QApplication.processEvents()
    keys = child(window, QWidget, "feedbackButtons")
    before = _top(keys, window)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.statusBar().currentMessage() == "号码已复制"
    assert QApplication.clipboard().text() == child(window, QLabel, "phoneNumber").text()
    QApplication.processEvents()
    assert _top(keys, window) == before


@pytest.mark.gui_reads("view without a pool")
def test_an_export_message_moves_no_chart(qtbot, store) -> None:
    from tests.gui.test_today_view import make_view

    view = make_view(qtbot, store)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    before = _top(view.feedback_chart, view)
    view._notice("已导出 2 条记录到 D:/通话记录.csv", "info")
    QApplication.processEvents()
    assert view.notice_label.isVisible()
    assert _top(view.feedback_chart, view) == before


def test_follow_up_wraps_and_enter_still_saves_the_form(qtbot) -> None:
    from desktop_app.ui.widgets.customer_form import CustomerForm
    from tests.gui.test_customer_form import GENDERS, TYPES

    form = CustomerForm()
    qtbot.addWidget(form)
    form.resize(420, 500)
    form.show()
    form.set_choices(GENDERS, TYPES)
    form.prefill("王先生", "13800138000", "星汇云锦")
    follow = form.follow_edit
    note = "客户周末想带家人来看三房，预算三百万左右，" * 9  # 189 characters
    follow.setFocus()
    follow.insert(note)
    assert len(follow.text()) == len(note) <= 200
    # Seen whole: it wraps over several lines instead of scrolling sideways.
    lines = follow.document().documentLayout().documentSize().height()  # a plain text layout counts lines
    assert lines > 3
    assert follow.height() >= 3 * follow.fontMetrics().lineSpacing()  # three of them in sight
    # A pasted line break becomes a space (the wire refuses control characters).
    follow.clear()
    follow.insert("第一行\n第二行")
    assert follow.text() == "第一行 第二行"
    # Enter saves the whole form from the 跟进 field; it never inserts a line.
    with qtbot.waitSignal(form.submitted, timeout=1000) as saved:
        qtbot.keyClick(follow, Qt.Key.Key_Return)
    from desktop_app import validation

    assert saved.args[0][validation.FOLLOW] == "第一行 第二行"
    assert "\n" not in follow.text()
    # Esc cancels.
    with qtbot.waitSignal(form.cancelled, timeout=1000):
        qtbot.keyClick(follow, Qt.Key.Key_Escape)
