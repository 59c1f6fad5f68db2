"""The status bar shows exactly the last SyncStatus, in the words the agent reads."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from desktop_app.sync.status import SyncStatus
from desktop_app.ui.i18n import timefmt
from desktop_app.ui.work.status_bar import SyncStatusBar

NOW = dt.datetime(2024, 3, 19, 15, 30, 0).timestamp()
AT_1402 = dt.datetime(2024, 3, 19, 14, 2, 41).timestamp()
AT_140512 = dt.datetime(2024, 3, 19, 14, 5, 12).timestamp()
YESTERDAY_1805 = dt.datetime(2024, 3, 18, 18, 5, 0).timestamp()

BASE = SyncStatus(
    online=True,
    since=AT_1402,
    queued=0,
    uncertain=0,
    attention=0,
    in_flight=0,
    last_success=None,
    last_error=None,
    base_url="http://127.0.0.1:8080/estate",
)


@pytest.fixture
def bar(qtbot):
    widget = SyncStatusBar(clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def part(bar: SyncStatusBar, name: str) -> str:
    label = bar.findChild(QLabel, name)
    if label is not None:
        return label.text()
    button = bar.findChild(QPushButton, name)
    assert button is not None, name
    return button.text()


def test_online(bar) -> None:
    bar.show_status(BASE)
    assert part(bar, "connectionState") == "● 在线"
    assert bar.connection_label.property("state") == "online"
    assert "#1a7f37" in bar.connection_label.styleSheet()


def test_offline_says_since_when(bar) -> None:
    bar.show_status(dataclasses.replace(BASE, online=False, last_error=msg(ApiCode.UNREACHABLE)))
    assert part(bar, "connectionState") == "● 离线 (自 14:02)"
    assert bar.connection_label.property("state") == "offline"
    assert "#c62828" in bar.connection_label.styleSheet()
    assert "连接被拒绝" in bar.connection_label.toolTip()  # 无法连接服务器(连接被拒绝或网络不通)


def test_offline_since_yesterday_names_the_day(bar) -> None:
    bar.show_status(dataclasses.replace(BASE, online=False, since=YESTERDAY_1805))
    assert part(bar, "connectionState") == "● 离线 (自 昨天 18:05)"


def test_connecting_until_the_first_answer(bar) -> None:
    assert part(bar, "connectionState") == "○ 连接中…"  # before any status arrives
    bar.show_status(dataclasses.replace(BASE, online=None, since=None))
    assert part(bar, "connectionState") == "○ 连接中…"
    assert bar.connection_label.property("state") == "connecting"


def test_no_server_configured(bar) -> None:
    bar.show_status(dataclasses.replace(BASE, online=None, base_url=None))
    assert part(bar, "connectionState") == "未设置服务器"
    assert bar.connection_label.property("state") == "noserver"


def test_counts_include_uncertain_and_in_flight(bar) -> None:
    bar.show_status(dataclasses.replace(BASE, queued=3, uncertain=2, in_flight=1, attention=0))
    assert part(bar, "queuedCount") == "待同步 6"
    assert part(bar, "attentionCount") == "需处理 0"
    assert bar.attention_button.property("alert") is False
    bar.show_status(dataclasses.replace(BASE, attention=1))
    assert part(bar, "queuedCount") == "待同步 0"
    assert part(bar, "attentionCount") == "需处理 1"
    assert bar.attention_button.property("alert") is True


def test_last_sync(bar) -> None:
    bar.show_status(BASE)
    assert part(bar, "lastSync") == "尚未同步"
    bar.show_status(dataclasses.replace(BASE, last_success=AT_140512))
    assert part(bar, "lastSync") == "上次同步 14:05:12"
    bar.show_status(dataclasses.replace(BASE, last_success=YESTERDAY_1805))
    assert part(bar, "lastSync") == "上次同步 昨天 18:05"


def test_always_the_last_status_given(bar) -> None:
    first = dataclasses.replace(BASE, online=False, queued=5, attention=2, last_success=AT_140512)
    second = dataclasses.replace(BASE, online=True, queued=0, attention=0, last_success=AT_140512)
    for status in (first, second, first, second):
        bar.show_status(status)
    assert bar.status() == second
    assert (part(bar, "connectionState"), part(bar, "queuedCount"), part(bar, "attentionCount")) == (
        "● 在线",
        "待同步 0",
        "需处理 0",
    )


def test_attention_is_clickable(qtbot, bar) -> None:
    bar.show_status(dataclasses.replace(BASE, attention=1))
    with qtbot.waitSignal(bar.attentionClicked):
        qtbot.mouseClick(bar.attention_button, Qt.MouseButton.LeftButton)


def test_transient_message(bar) -> None:
    bar.show_message("已复制")
    assert bar.currentMessage() == "已复制"
    assert part(bar, "queuedCount") == "待同步 0"


def test_time_texts() -> None:
    assert timefmt.clock(AT_140512) == "14:05:12"
    assert timefmt.hour_minute(AT_1402) == "14:02"
    assert timefmt.moment(AT_140512, NOW) == "14:05:12"
    assert timefmt.moment(YESTERDAY_1805, NOW) == "昨天 18:05"
    assert timefmt.moment(dt.datetime(2024, 3, 1, 9, 0).timestamp(), NOW) == "03-01 09:00"
    assert timefmt.start_of_day(NOW) == dt.datetime(2024, 3, 19).timestamp()
    assert [timefmt.ago(s) for s in (3, 45, 185, 7300, 90000)] == [
        "刚刚",
        "45 秒前",
        "3 分钟前",
        "2 小时前",
        "1 天前",
    ]
    assert [timefmt.elapsed(s) for s in (0, 42, 725, 3723)] == ["0:00", "0:42", "12:05", "1:02:03"]
