"""预约回访 in a real SQLite file: scheduled, listed, falling due, closed by the feedback."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.store.callbacks import (
    Agenda,
    Callbacks,
    CallbackState,
    CallbackTarget,
)
from desktop_app.store.calllog import day_bounds
from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.store.followups import after_feedback
from desktop_app.store.outbox import State
from desktop_app.sync.calls import finish_call

USER = 29
DAY = dt.date(2026, 11, 27)


def at(hour: int, minute: int = 0, day: dt.date = DAY) -> float:
    return dt.datetime.combine(day, dt.time(hour, minute)).timestamp()


def card(phone: str = "13800138000", shown_at: float | None = None, user_id: int = USER) -> PhoneCard:
    return PhoneCard(
        user_id=user_id,
        pro_id=141,
        pro_name="星汇云锦",
        package_id=467,
        package_name="一期业主",
        phone_id=9001,
        phone_no=phone,
        owner_name="王先生",
        shown_at=at(9) if shown_at is None else shown_at,
    )


def target(phone: str = "13800138000", user_id: int = USER) -> CallbackTarget:
    return CallbackTarget.of_card(card(phone, user_id=user_id))


def record_feedback(store: LocalStore, shown: PhoneCard, item: str, now: float) -> str:
    """What the call recording does: the feedback and its follow-ups in one commit."""
    with store.transaction() as db:
        client_id = finish_call(store, shown, item, now=now)
        after_feedback(db, shown.user_id, shown.phone_no, client_id, shown.shown_at, now)
    return client_id


def test_a_callback_is_scheduled_and_survives_a_restart(store: LocalStore) -> None:
    scheduled = Callbacks(store.db()).schedule(
        target(), at(15), note="下午再打", created_from="abc", now=at(10)
    )
    assert scheduled.state is CallbackState.OPEN
    assert (scheduled.due_at, scheduled.note, scheduled.created_from) == (at(15), "下午再打", "abc")
    assert (scheduled.pro_name, scheduled.package_id, scheduled.owner_name) == ("星汇云锦", 467, "王先生")
    store.close()
    again = LocalStore(store.path.parent)
    try:
        assert Callbacks(again.db()).get(scheduled.id) == scheduled
        assert Callbacks(again.db()).open_for(USER, "13800138000") == scheduled
    finally:
        again.close()


def test_scheduling_a_number_again_moves_its_open_callback(store: LocalStore) -> None:
    callbacks = Callbacks(store.db())
    first = callbacks.schedule(target(), at(15), note="一", now=at(10))
    moved = callbacks.schedule(target(), at(17), note="二", now=at(11))
    assert moved.id == first.id
    assert (moved.due_at, moved.note, moved.scheduled_at, moved.created_at) == (at(17), "二", at(11), at(10))
    assert len(callbacks.of_number(USER, "13800138000")) == 1
    # Another agent's callback for the same number is theirs alone.
    other = callbacks.schedule(target(user_id=30), at(16), now=at(10))
    assert other.id != first.id
    assert callbacks.open_for(30, "13800138000") == other


def test_the_agenda_splits_overdue_today_and_upcoming(store: LocalStore) -> None:
    callbacks = Callbacks(store.db())
    overdue = callbacks.schedule(target("1"), at(9), now=at(8))
    later_today = callbacks.schedule(target("2"), at(16), now=at(8))
    tomorrow = callbacks.schedule(target("3"), at(9, day=DAY + dt.timedelta(days=1)), now=at(8))
    last_week = callbacks.schedule(target("4"), at(9, day=DAY - dt.timedelta(days=7)), now=at(8))
    callbacks.schedule(target("5", user_id=30), at(9), now=at(8))  # another agent's
    cancelled = callbacks.schedule(target("6"), at(11), now=at(8))
    assert callbacks.cancel(cancelled.id, now=at(8))
    agenda = callbacks.agenda(USER, now=at(12), day=DAY)
    assert isinstance(agenda, Agenda)
    assert [c.id for c in agenda.overdue] == [last_week.id, overdue.id]
    assert [c.id for c in agenda.today] == [later_today.id]
    assert [c.id for c in agenda.upcoming] == [tomorrow.id]
    assert agenda.due_count == 2
    assert callbacks.due_count(USER, at(12)) == 2
    assert callbacks.agenda(USER, now=at(12), upcoming_limit=0).upcoming == ()
    # The day defaults to the local day of ``now``.
    assert callbacks.agenda(USER, now=at(12)) == agenda


def test_a_callback_falls_due_with_the_clock(store: LocalStore) -> None:
    callbacks = Callbacks(store.db())
    due = callbacks.schedule(target(), at(15), now=at(10))
    assert callbacks.next_open(USER) == due
    clock = at(14, 59)
    assert not due.is_due(clock)
    assert callbacks.due_count(USER, clock) == 0
    assert callbacks.agenda(USER, clock).today == (due,)
    clock = at(15)
    assert due.is_due(clock)
    assert callbacks.due_count(USER, clock) == 1
    assert callbacks.agenda(USER, clock).overdue == (due,)
    assert callbacks.next_open(30) is None


def test_a_due_callback_is_offered_as_the_next_card(store: LocalStore) -> None:
    due = Callbacks(store.db()).schedule(target(), at(15), now=at(10))
    offered = due.as_card(shown_at=at(15, 1))
    assert offered == card(shown_at=at(15, 1))
    bare = Callbacks(store.db()).schedule(CallbackTarget(USER, "13900000000"), at(15), now=at(10))
    assert bare.as_card(at(15)) is None  # typed by hand: no package to send a feedback to


def test_the_feedback_for_the_number_marks_it_done(store: LocalStore) -> None:
    callbacks = Callbacks(store.db())
    promised = callbacks.schedule(target(), at(15), now=at(10))
    shown = card(shown_at=at(15, 1))
    client_id = record_feedback(store, shown, "继续跟进", now=at(15, 3))
    done = callbacks.get(promised.id)
    assert done is not None
    assert (done.state, done.done_at, done.done_by) == (CallbackState.DONE, at(15, 3), client_id)
    assert callbacks.due_count(USER, at(16)) == 0
    assert callbacks.next_open(USER) is None
    assert store.outbox().counts()[State.QUEUED] == 1  # the feedback itself, nothing more


def test_a_callback_set_during_the_call_is_the_next_promise(store: LocalStore) -> None:
    callbacks = Callbacks(store.db())
    old = callbacks.schedule(target(), at(9, day=DAY), now=at(8, day=DAY - dt.timedelta(days=1)))
    shown = card(shown_at=at(10))
    # F6 during the call moves the promise to tomorrow, then the feedback key is pressed.
    moved = callbacks.schedule(
        CallbackTarget.of_card(shown), at(10, day=DAY + dt.timedelta(days=1)), now=at(10, 2)
    )
    assert moved.id == old.id
    client_id = record_feedback(store, shown, "继续跟进", now=at(10, 3))
    still = callbacks.get(old.id)
    assert still is not None
    assert still.state is CallbackState.OPEN
    assert still.created_from == client_id  # it now knows the call it came from


def test_the_close_rolls_back_with_the_feedback(store: LocalStore) -> None:
    callbacks = Callbacks(store.db())
    promised = callbacks.schedule(target(), at(15), now=at(10))
    shown = card(shown_at=at(15, 1))
    with pytest.raises(RuntimeError), store.transaction():
        client_id = finish_call(store, shown, "继续跟进", now=at(15, 3))  # closes it in its own commit
        closed = callbacks.get(promised.id)
        assert closed is not None and (closed.state, closed.done_by) == (CallbackState.DONE, client_id)
        raise RuntimeError("power cut before COMMIT")
    assert callbacks.get(promised.id) == promised
    assert sum(store.outbox().counts().values()) == 0


def test_a_feedback_for_another_number_or_agent_leaves_it_open(store: LocalStore) -> None:
    callbacks = Callbacks(store.db())
    promised = callbacks.schedule(target(), at(15), now=at(10))
    record_feedback(store, card("13900000000", shown_at=at(15, 1)), "拒绝", now=at(15, 2))
    record_feedback(store, card(user_id=30, shown_at=at(15, 1)), "拒绝", now=at(15, 2))
    assert callbacks.get(promised.id) == promised


def test_reschedule_moves_or_reopens(store: LocalStore) -> None:
    callbacks = Callbacks(store.db())
    promised = callbacks.schedule(target(), at(15), note="原来", now=at(10))
    moved = callbacks.reschedule(promised.id, at(17), now=at(11))
    assert moved is not None
    assert (moved.due_at, moved.note, moved.scheduled_at) == (at(17), "原来", at(11))
    assert callbacks.mark_done(promised.id, now=at(12))
    assert not callbacks.mark_done(promised.id, now=at(12))
    reopened = callbacks.reschedule(
        promised.id, at(9, day=DAY + dt.timedelta(days=1)), note="明天", now=at(13)
    )
    assert reopened is not None
    assert (reopened.state, reopened.note, reopened.done_at, reopened.done_by) == (
        CallbackState.OPEN,
        "明天",
        None,
        None,
    )


def test_reschedule_refuses_what_it_cannot_move(store: LocalStore) -> None:
    callbacks = Callbacks(store.db())
    first = callbacks.schedule(target(), at(15), now=at(10))
    assert callbacks.mark_done(first.id, now=at(11))
    second = callbacks.schedule(target(), at(16), now=at(12))
    assert second.id != first.id
    assert callbacks.reschedule(first.id, at(17), now=at(13)) is None  # the open one is the one to move
    assert callbacks.cancel(second.id, now=at(13))
    assert not callbacks.cancel(second.id, now=at(13))
    assert callbacks.reschedule(second.id, at(17), now=at(13)) is None  # cancelled stays cancelled
    assert callbacks.reschedule(12345, at(17)) is None


def test_callbacks_are_never_sent(store: LocalStore) -> None:
    callbacks = Callbacks(store.db())
    promised = callbacks.schedule(target(), at(15), now=at(10))
    callbacks.reschedule(promised.id, at(16), now=at(11))
    callbacks.mark_done(promised.id, now=at(12))
    assert store.db().execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    assert day_bounds(DAY)[0] < promised.due_at < day_bounds(DAY)[1]
