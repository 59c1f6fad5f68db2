"""Honest times in the store: time on card stops while the program is closed; 拨号 to result is kept."""

from __future__ import annotations

import dataclasses

from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.sync.calls import finish_call

CARD = PhoneCard(
    user_id=29,
    pro_id=141,
    pro_name="星汇云锦",
    package_id=467,
    package_name="一期业主",
    phone_id=9,
    phone_no="13800138000",
    owner_name="王先生",
    shown_at=1000.0,
)


def test_a_card_paused_at_closing_and_resumed_counts_only_the_time_on_screen(store: LocalStore) -> None:
    cards = store.cards()
    cards.save(CARD)
    cards.pause(29, now=1100.0)  # the program closes after 100 s on screen
    paused = cards.load(29)
    assert paused is not None and (paused.shown_s, paused.shown_at) == (100.0, 1100.0)

    resumed = cards.resume(29, now=5000.0)  # started again about an hour later
    assert resumed is not None and (resumed.shown_s, resumed.shown_at) == (100.0, 5000.0)
    assert resumed.on_card_s(5030.0) == 130.0

    finish_call(store, resumed, "无人接听", now=5030.0)
    (row,) = store.calllog().between(0, 10_000, 29)
    assert row.duration_s == 130.0
    assert row.dial_s is None  # the dial key was not used
    assert cards.load(29) is None  # answered: put away (matched by its resumed shown-since)


def test_a_second_pause_adds_to_the_first(store: LocalStore) -> None:
    cards = store.cards()
    cards.save(CARD)
    cards.pause(29, now=1010.0)
    cards.resume(29, now=2000.0)
    cards.pause(29, now=2005.0)
    card = cards.load(29)
    assert card is not None and card.shown_s == 15.0


def test_the_time_from_dial_to_result_is_logged(store: LocalStore) -> None:
    dialled = dataclasses.replace(CARD, dialed_at=1040.0)
    store.cards().save(dialled)
    loaded = store.cards().load(29)
    assert loaded == dialled
    finish_call(store, dialled, "接受邀请", now=1100.4)
    (row,) = store.calllog().between(0, 10_000, 29)
    assert (row.duration_s, row.dial_s) == (100.4, 60.4)


def test_resume_without_a_card_is_none(store: LocalStore) -> None:
    assert store.cards().resume(29, now=1.0) is None
