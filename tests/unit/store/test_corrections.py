"""更正 of a recorded call: replaced in place while unclaimed, a second feedback once it left;
counted once, with its latest result, in the call log, the statistics and the history."""

from __future__ import annotations

import dataclasses
import json

import pytest

from desktop_app.domain.codes import StoreCode
from desktop_app.domain.messages import msg
from desktop_app.domain.outbox_states import state_message
from desktop_app.stats import day_stats
from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import OutboxStateError
from desktop_app.store.history import History, HistoryQuery
from desktop_app.store.outbox import Outcome, State
from desktop_app.sync.calls import correct_call, finish_call, last_answered
from tests.helpers.claims import outbox_of_crashed_process

T0 = 1_700_000_000.0
CARD = PhoneCard(
    user_id=29,
    pro_id=3,
    pro_name="万科东荟城",
    package_id=31,
    package_name="VIP 客户",
    phone_id=901,
    phone_no="13800000001",
    owner_name="陈一",
    shown_at=T0 - 40,
)


def payloads(store: LocalStore) -> list[tuple[str, dict[str, object]]]:
    rows = store.db().execute("SELECT state, payload FROM outbox ORDER BY seq").fetchall()
    return [(str(r[0]), json.loads(r[1])) for r in rows]


def counted_results(store: LocalStore) -> list[str]:
    return [row.item_name for row in store.calllog().between(0, T0 + 1e6, 29)]


def test_an_unclaimed_feedback_gets_the_new_result_in_place(store: LocalStore) -> None:
    first = finish_call(store, CARD, "拒绝", now=T0)
    done = correct_call(store, first, "接受邀请", now=T0 + 5)
    assert done.client_id == first and done.replaced
    [(state, payload)] = payloads(store)
    assert state == "queued" and payload["call_back_item_name"] == "接受邀请"
    assert payload["pro_id"] == 3 and payload["package_id"] == 31  # the card's own, kept
    assert counted_results(store) == ["接受邀请"]
    audit = store.db().execute("SELECT action, old_payload FROM outbox_audit").fetchall()
    assert [(a, json.loads(p)["call_back_item_name"]) for a, p in audit] == [("correct", "拒绝")]


@pytest.mark.parametrize("left", ["sent", "in_flight", "uncertain"])
def test_a_feedback_that_left_stays_and_a_second_one_carries_the_new_result(
    store: LocalStore, left: str
) -> None:
    first = finish_call(store, CARD, "拒绝", now=T0)
    outbox = store.outbox()
    # "uncertain": claimed by a process that then crashed, taken back by this one.
    claimer = outbox_of_crashed_process(store) if left == "uncertain" else outbox
    [claimed] = claimer.claim_due(T0 + 1, 10)
    if left == "sent":
        outbox.record([Outcome.sent(claimed.client_id)], [], T0 + 2)
    elif left == "uncertain":
        outbox.recover_in_flight(T0 + 2)
    done = correct_call(store, first, "接受邀请", now=T0 + 5)
    assert not done.replaced and done.client_id != first
    sent = payloads(store)
    assert [p["call_back_item_name"] for _, p in sent] == ["拒绝", "接受邀请"]
    assert sent[0][0] == left and sent[1][0] == "queued"
    assert {k: v for k, v in sent[1][1].items() if k != "call_back_item_name"} == {
        k: v for k, v in sent[0][1].items() if k != "call_back_item_name"
    }
    # Counted once, at the time of the call, with its latest result and its card time.
    rows = store.calllog().between(0, T0 + 1e6, 29)
    assert [(r.item_name, r.created_at, r.duration_s) for r in rows] == [("接受邀请", T0, 40.0)]
    stats = day_stats(rows)
    assert stats.calls == 1 and stats.by_feedback == (("接受邀请", 1),)
    history = History(store.db())
    assert [r.item_name for r in history.calls_between(29, 0, T0 + 1e6)] == ["接受邀请"]
    page = history.search(HistoryQuery(user_id=29))
    assert [e.call.item_name for e in page.entries] == ["接受邀请"]
    hint = history.repeat_hint(29, CARD.phone_no)
    assert hint is not None and hint.calls == 1 and hint.last_item == "接受邀请"


def test_a_second_correction_follows_the_latest_write(store: LocalStore) -> None:
    first = finish_call(store, CARD, "拒绝", now=T0)
    outbox = store.outbox()
    [claimed] = outbox.claim_due(T0 + 1, 10)
    outbox.record([Outcome.sent(claimed.client_id)], [], T0 + 2)
    second = correct_call(store, first, "继续跟进", now=T0 + 5)
    third = correct_call(store, first, "接受邀请", now=T0 + 6)  # the second is still queued
    assert third.replaced and third.client_id == second.client_id
    assert [p["call_back_item_name"] for _, p in payloads(store)] == ["拒绝", "接受邀请"]
    assert counted_results(store) == ["接受邀请"]


def test_a_refused_feedback_is_corrected_and_queued_again(store: LocalStore) -> None:
    first = finish_call(store, CARD, "旧结果", now=T0)
    outbox = store.outbox()
    outbox.claim_due(T0 + 1, 10)
    outbox.record([Outcome.attention(first, msg(StoreCode.FAILED))], [], T0 + 2)
    done = correct_call(store, first, "拒绝", now=T0 + 5)
    assert done.replaced
    item = outbox.get(first)
    assert item is not None and item.state is State.QUEUED and item.last_error is None
    assert item.payload["call_back_item_name"] == "拒绝"


def test_a_discarded_feedback_cannot_be_corrected(store: LocalStore) -> None:
    first = finish_call(store, CARD, "拒绝", now=T0)
    store.outbox().discard(first, "undo", T0 + 1)
    with pytest.raises(OutboxStateError) as caught:
        correct_call(store, first, "接受邀请", now=T0 + 5)
    assert caught.value.message == msg(StoreCode.CANNOT_CORRECT, state_message(State.DISCARDED))
    assert [p["call_back_item_name"] for _, p in payloads(store)] == ["拒绝"]


def test_a_correction_and_a_claim_never_both_win(store: LocalStore) -> None:
    """The claim and the correction take the same write lock: whichever comes first, the
    server gets the new result exactly once and the old one at most once."""
    first = finish_call(store, CARD, "拒绝", now=T0)
    claimed = store.outbox().claim_due(T0 + 1, 10)  # the engine first
    correct_call(store, first, "接受邀请", now=T0 + 2)
    sent = payloads(store)
    assert [c.payload["call_back_item_name"] for c in claimed] == ["拒绝"]
    assert [p["call_back_item_name"] for _, p in sent] == ["拒绝", "接受邀请"]
    assert store.outbox().claim_due(T0 + 3, 10)[0].payload["call_back_item_name"] == "接受邀请"


def test_the_last_call_of_the_day_is_found_again_after_a_restart(store: LocalStore) -> None:
    assert last_answered(store, 29, now=T0) is None
    finish_call(store, CARD, "无人接听", now=T0)
    second_card = dataclasses.replace(CARD, phone_id=902, phone_no="13800000002", shown_at=T0 + 10)
    second = finish_call(store, second_card, "拒绝", now=T0 + 30)
    store.outbox().claim_due(T0 + 31, 10)  # both leave: the correction is a second feedback
    corrected = correct_call(store, second, "接受邀请", now=T0 + 40)
    call = last_answered(store, 29, now=T0 + 50)
    assert call is not None
    assert (call.client_id, call.item_name, call.at) == (corrected.client_id, "接受邀请", T0 + 30)
    assert call.card == second_card
    assert last_answered(store, 29, now=T0 + 2 * 86400) is None  # another day: none


def test_a_correction_inside_the_undo_window_ends_the_hold_with_one_corrected_write(tmp_path) -> None:
    """One corrected write, sent at once: the correction ends the hold as its end would."""
    from desktop_app.store.corrections import correct_feedback
    from desktop_app.store.db import LocalStore
    from desktop_app.store.outbox import CallLogEntry
    from tests.helpers.writes import feedback

    store = LocalStore(tmp_path / "held")
    try:
        payload = feedback("张三", item="继续跟进")
        entry = CallLogEntry(user_id=29, kind="savecallback", phone_no=payload["phone_no"], item_name="继续跟进")
        client_id = store.outbox().enqueue("savecallback", payload, entry, now=100.0, hold_until=105.0)
        assert store.outbox().claim_due(101.0, 10) == []  # held
        correct_feedback(store.db(), client_id, "接受邀请", 102.0)
        (claimed,) = store.outbox().claim_due(102.0, 10)
        assert claimed.client_id == client_id
        assert claimed.payload["call_back_item_name"] == "接受邀请"
        assert store.db().execute("SELECT count(*) FROM outbox").fetchone()[0] == 1
    finally:
        store.close()
