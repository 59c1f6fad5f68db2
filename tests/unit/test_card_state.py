"""The card's state machine as a table: what may follow what, read without Qt."""

from __future__ import annotations

import pytest

from desktop_app.ui.work.card_state import ALLOWED, CardState, IllegalTransition, check

S = CardState


def test_every_state_can_close_and_a_closed_card_never_moves_again() -> None:
    assert all(S.CLOSED in ALLOWED[state] for state in S if state is not S.CLOSED)
    assert ALLOWED[S.CLOSED] == frozenset()
    for state in S:
        with pytest.raises(IllegalTransition):
            check(S.CLOSED, state)


def test_only_a_card_on_screen_can_be_skipped() -> None:
    assert [state for state in S if S.SKIPPING in ALLOWED[state]] == [S.SHOWN]


def test_a_phone_on_its_way_is_waited_for() -> None:
    # No other card may take its place: it arrives, fails, or the card it replaces is answered.
    assert ALLOWED[S.FETCHING] == {S.SHOWN, S.EMPTY, S.UNREACHABLE, S.CLOSED}
    assert ALLOWED[S.SKIPPING] == {S.SHOWN, S.FETCHING, S.CLOSED}
    assert all(S.FETCHING not in ALLOWED[state] for state in (S.FETCHING, S.SHOWN))


def test_every_state_is_reachable_from_the_start() -> None:
    seen, todo = {S.EMPTY}, [S.EMPTY]
    while todo:
        for after in ALLOWED[todo.pop()]:
            if after not in seen:
                seen.add(after)
                todo.append(after)
    assert seen == set(S)


def test_a_move_outside_the_table_is_refused_with_both_states_named() -> None:
    check(S.SHOWN, S.SKIPPING)
    with pytest.raises(IllegalTransition, match="empty → skipping"):
        check(S.EMPTY, S.SKIPPING)
