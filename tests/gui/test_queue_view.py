"""The queue view over a real outbox in a real SQLite file: states, sync now, resend, discard."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox

from desktop_app.api import Choice
from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import Outcome, State
from desktop_app.ui.queue.model import CUSTOMER, KIND, MESSAGE, STATE, TIME
from desktop_app.ui.queue.view import QueueView
from desktop_app.ui.tasks import BackgroundTasks
from tests.helpers.claims import outbox_of_crashed_process
from tests.helpers.writes import audit_rows, customer, enqueue, feedback, settle

# A view built here without a background pool reads at once on the GUI thread, on purpose
# (its behaviour, not its threading, is under test; the work window gives it the pool).
READS_AT_ONCE = pytest.mark.gui_reads("view without a pool")

NOW = dt.datetime(2024, 3, 19, 15, 30, 0).timestamp()
REFUSED = msg(ApiCode.REFUSED, "传入数据错误")
TODAY_0905 = dt.datetime(2024, 3, 19, 9, 5, 7).timestamp()
YESTERDAY = dt.datetime(2024, 3, 18, 17, 0, 0).timestamp()


def make_view(qtbot, store: LocalStore, user_id: int | None = 29) -> QueueView:
    view = QueueView(store, user_id, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.set_choices(
        [Choice("--", "U"), Choice("女", "W"), Choice("男", "M")],
        [Choice("一般客", "01"), Choice("意向客", "02")],
    )
    view.set_callback_items(["接受邀请", "继续跟进", "无人接听"])
    view.show()
    return view


def cell(view: QueueView, row: int, column: int) -> str:
    return view.model.data(view.model.index(row, column))


def row_of(view: QueueView, client_id: str) -> int:
    row = view.model.row_of(client_id)
    assert row >= 0
    return row


def select(view: QueueView, client_id: str) -> None:
    view.table.selectRow(row_of(view, client_id))


def refused_and_selected(qtbot, store: LocalStore, payload: dict[str, Any]) -> tuple[QueueView, str]:
    """A write the server refused (需处理), selected in a fresh view."""
    refused = enqueue(store, payload, at=TODAY_0905)
    settle(store, [Outcome.attention(refused, REFUSED)], NOW)
    view = make_view(qtbot, store)
    select(view, refused)
    return view, refused


@READS_AT_ONCE
def test_lists_todays_writes_newest_first_with_state_texts(qtbot, store) -> None:
    enqueue(store, feedback("昨天的"), at=YESTERDAY)
    queued = enqueue(store, feedback("陈一"), at=TODAY_0905)
    sent = enqueue(store, customer("王二", customer_type="02", follow_content=""), at=TODAY_0905 + 1)
    refused = enqueue(store, feedback("张三"), at=TODAY_0905 + 2)
    retried = enqueue(store, feedback("李四"), at=TODAY_0905 + 3)
    enqueue(store, feedback("别人的", user_id=30), at=TODAY_0905 + 4)
    settle(
        store,
        [
            Outcome.sent(sent),
            Outcome.attention(refused, REFUSED),
            Outcome.retry(retried, msg(ApiCode.READ_TIMEOUT), NOW + 60, uncertain=True),
        ],
        NOW,
    )
    view = make_view(qtbot, store)

    assert view.model.rowCount() == 4  # not yesterday's, not another agent's
    assert [view.model.item(r).client_id for r in range(4)] == [retried, refused, sent, queued]
    assert cell(view, row_of(view, queued), STATE) == "待同步"
    assert cell(view, row_of(view, sent), STATE) == "已同步"
    assert cell(view, row_of(view, refused), STATE) == "需处理"
    assert cell(view, row_of(view, retried), STATE) == "不确定(将重试)"
    assert cell(view, row_of(view, refused), MESSAGE) == "传入数据错误"
    assert cell(view, row_of(view, queued), TIME) == "09:05:07"
    assert cell(view, row_of(view, queued), KIND) == "反馈"
    assert cell(view, row_of(view, queued), CUSTOMER) == "陈一 13800138000"
    assert cell(view, row_of(view, queued), 3) == "继续跟进"
    assert cell(view, row_of(view, sent), KIND) == "电子客"
    assert cell(view, row_of(view, sent), CUSTOMER) == "王二 15920447900"
    assert cell(view, row_of(view, sent), 3) == "意向客"
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["时间", "类型", "客户", "内容", "状态", "服务器消息"]
    assert view.summary_label.text() == "共 4 条，已同步 1，待同步 2，需处理 1"


@READS_AT_ONCE
def test_in_flight_duplicate_and_discarded_texts(qtbot, store) -> None:
    flying = enqueue(store, feedback("甲"), at=TODAY_0905)
    twice = enqueue(store, feedback("乙"), at=TODAY_0905 + 1)
    outbox = store.outbox()
    outbox_of_crashed_process(store).claim_due(NOW, 100)
    outbox.recover_in_flight(NOW)  # a crash after sending: both are now uncertain
    outbox.claim_due(NOW + 1, 100)
    outbox.record([Outcome.sent(twice)], [], NOW + 2)  # ``flying`` stays in flight
    view = make_view(qtbot, store)
    assert cell(view, row_of(view, flying), STATE) == "发送中"
    assert cell(view, row_of(view, twice), STATE) == "已同步(可能重复)"


@READS_AT_ONCE
def test_refresh_follows_the_store_and_keeps_the_selection(qtbot, store) -> None:
    first = enqueue(store, feedback("甲"), at=TODAY_0905)
    view = make_view(qtbot, store)
    select(view, first)
    enqueue(store, feedback("乙"), at=TODAY_0905 + 5)
    settle(store, [Outcome.sent(first)], NOW)
    view.refresh()
    assert view.model.rowCount() == 2
    selected = view.selected_item()
    assert selected is not None and selected.client_id == first
    assert cell(view, row_of(view, first), STATE) == "已同步"


@READS_AT_ONCE
def test_sync_now_emits(qtbot, store) -> None:
    view = make_view(qtbot, store)
    assert view.sync_button.objectName() == "syncNowButton"
    assert view.objectName() == "queueView"
    with qtbot.waitSignal(view.syncNowRequested):
        qtbot.mouseClick(view.sync_button, Qt.MouseButton.LeftButton)


@READS_AT_ONCE
def test_actions_are_offered_only_for_rows_that_need_attention(qtbot, store) -> None:
    queued = enqueue(store, feedback("甲"), at=TODAY_0905)
    refused = enqueue(store, feedback("乙"), at=TODAY_0905 + 1)
    settle(store, [Outcome.attention(refused, REFUSED)], NOW)
    view = make_view(qtbot, store)
    select(view, queued)
    assert not view.resend_button.isEnabled() and not view.discard_button.isEnabled()
    view.edit_selected()
    assert view.editors.isHidden()
    select(view, refused)
    assert view.resend_button.isEnabled() and view.discard_button.isEnabled()
    assert view.select_attention()
    assert view.selected_item().client_id == refused


@READS_AT_ONCE
def test_resend_a_refused_feedback_with_a_corrected_item(qtbot, store) -> None:
    view, refused = refused_and_selected(qtbot, store, feedback("张三", item="旧的反馈"))
    qtbot.mouseClick(view.resend_button, Qt.MouseButton.LeftButton)
    assert not view.editors.isHidden()
    owner = view.findChild(QLineEdit, "resendOwnerName")
    item = view.findChild(QComboBox, "resendItemName")
    assert owner.text() == "张三" and item.currentText() == "旧的反馈"
    owner.setText("张三丰")
    item.setCurrentText("")
    with qtbot.assertNotEmitted(view.resent):
        qtbot.keyClick(owner, Qt.Key.Key_Return)
    assert view.findChild(QLabel, "resendError").text() == "请选择反馈"
    item.setCurrentText("接受邀请")
    emitted: list[str] = []
    view.resent.connect(emitted.append)
    qtbot.keyClick(item, Qt.Key.Key_Return)  # Enter from the picker sends, once
    assert emitted == [refused]
    assert view.editors.isHidden()

    stored = store.outbox().get(refused)
    assert stored.state == State.QUEUED
    assert stored.payload == {**feedback("张三丰"), "call_back_item_name": "接受邀请"}
    assert [a["action"] for a in audit_rows(store, refused)] == ["resend"]
    assert cell(view, row_of(view, refused), STATE) == "待同步"


@READS_AT_ONCE
def test_resend_a_refused_customer_through_the_form(qtbot, store) -> None:
    view, refused = refused_and_selected(qtbot, store, customer("王二😀"))
    view.edit_selected()
    form = view.customer_editor
    assert not form.isHidden() and view.callback_editor.isHidden()
    name = form.findChild(QLineEdit, "customerName")
    assert name.text() == "王二😀"
    with qtbot.assertNotEmitted(view.resent):
        form.save()  # the emoji that the server refused is caught by the form
    assert form.errors() == {"customer_name": "客户姓名不能包含表情符号"}
    name.setText("王二")
    with qtbot.waitSignal(view.resent):
        qtbot.keyClick(name, Qt.Key.Key_Return)
    stored = store.outbox().get(refused)
    assert stored.state == State.QUEUED
    assert stored.payload == customer("王二")
    assert list(stored.payload) == list(customer("王二"))  # wire order kept, reg_user_id first


@READS_AT_ONCE
def test_escape_closes_the_editor_without_changing_anything(qtbot, store) -> None:
    view, refused = refused_and_selected(qtbot, store, feedback("张三"))
    view.edit_selected()
    with qtbot.assertNotEmitted(view.resent):
        qtbot.keyClick(view.findChild(QLineEdit, "resendOwnerName"), Qt.Key.Key_Escape)
    assert view.editors.isHidden()
    assert store.outbox().counts().get(State.ATTENTION) == 1


@READS_AT_ONCE
def test_discard_asks_then_keeps_an_audit_row(qtbot, store, monkeypatch) -> None:
    view, refused = refused_and_selected(qtbot, store, feedback("张三"))
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):
        def question(_parent, _title, text, *_args, **_kw):
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    with qtbot.assertNotEmitted(view.discarded):
        qtbot.mouseClick(view.discard_button, Qt.MouseButton.LeftButton)
    assert store.outbox().counts().get(State.ATTENTION) == 1
    assert "张三" in asked[0]

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(view.discarded):
        qtbot.mouseClick(view.discard_button, Qt.MouseButton.LeftButton)
    stored = store.outbox().get(refused)
    assert stored.state == State.DISCARDED
    assert cell(view, row_of(view, refused), STATE) == "已放弃"
    assert not view.discard_button.isEnabled()

    audit = audit_rows(store, refused)
    assert [(a["action"], a["old_payload"]) for a in audit] == [("discard", feedback("张三"))]
    assert "坐席放弃" in audit[0]["reason"] and "传入数据错误" in audit[0]["reason"]


@READS_AT_ONCE
def test_a_row_that_changed_meanwhile_is_reported_not_overwritten(qtbot, store) -> None:
    view, refused = refused_and_selected(qtbot, store, feedback("张三"))
    view.edit_selected()
    store.outbox().discard(refused, "另一处已放弃", NOW)  # e.g. from the command line
    with qtbot.assertNotEmitted(view.resent):
        view.callback_editor.save()
    assert "不能重新发送" in view.notice_label.text()
    assert view.editors.isHidden()
    assert store.outbox().get(refused).state == State.DISCARDED
    assert cell(view, row_of(view, refused), STATE) == "已放弃"


@READS_AT_ONCE
def test_the_model_obeys_the_qt_model_contract(qtbot, qtmodeltester, store) -> None:
    enqueue(store, feedback("甲"), at=TODAY_0905)
    refused = enqueue(store, customer("乙"), at=TODAY_0905 + 1)
    settle(store, [Outcome.attention(refused, REFUSED)], NOW)
    view = make_view(qtbot, store)
    qtmodeltester.check(view.model, force_py=True)


def test_refreshes_at_each_status_run_in_the_background_and_update_rows_in_place(
    qtbot, qtmodeltester, store, monkeypatch
) -> None:
    """While syncing, the view reads only what changed, off the UI thread, and the table
    gets insertions and changes (the model tester checks every signal), not resets."""
    tasks = BackgroundTasks()
    try:
        first = [enqueue(store, feedback(f"客户{i}"), at=TODAY_0905 + i) for i in range(30)]
        view = QueueView(store, 29, clock=lambda: NOW, tasks=tasks)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: view.model.rowCount() == 30, timeout=3000)  # read on the pool
        qtmodeltester.check(view.model, force_py=True)
        select(view, first[3])
        resets: list[int] = []
        view.model.modelReset.connect(lambda: resets.append(1))
        loads = threading.Event()
        reading_threads: set[int] = set()
        original = store.outbox

        def watched_outbox():
            reading_threads.add(threading.get_ident())
            loads.set()
            return original()

        monkeypatch.setattr(store, "outbox", watched_outbox)

        settle(store, [Outcome.sent(c) for c in first[:10]], NOW)
        added = enqueue(store, feedback("新客户"), at=TODAY_0905 + 100)
        loads.clear()
        reading_threads.clear()
        for _ in range(10):  # the engine publishes statuses in bursts
            view.refresh_soon()
        qtbot.waitUntil(lambda: view.model.rowCount() == 31, timeout=3000)

        assert loads.is_set() and threading.get_ident() not in reading_threads
        assert resets == []
        assert view.model.item(0).client_id == added
        assert cell(view, row_of(view, first[0]), STATE) == "已同步"
        assert cell(view, row_of(view, first[20]), STATE) == "待同步"
        selected = view.selected_item()
        assert selected is not None and selected.client_id == first[3]
        assert "共 31 条" in view.summary_label.text()
        header = view.table.horizontalHeader()  # sized to the contents, the message column takes the rest
        assert header.length() == view.table.viewport().width()
    finally:
        tasks.shutdown()
