"""Local notes on calls: kept on this PC, shown in the history, never enqueued."""

from __future__ import annotations

import pytest

from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.store.history import History, HistoryQuery
from desktop_app.store.notes import NOTE_MAX_CHARS, CallNotes, attach_draft
from desktop_app.sync.calls import finish_call

USER = 29
CARD = PhoneCard(
    user_id=USER,
    pro_id=141,
    pro_name="星汇云锦",
    package_id=467,
    package_name="一期业主",
    phone_id=9001,
    phone_no="13800138000",
    owner_name="王先生",
    shown_at=1000.0,
)


def outbox_rows(store: LocalStore) -> int:
    return int(store.db().execute("SELECT count(*) FROM outbox").fetchone()[0])


def test_a_note_is_written_replaced_and_removed(store: LocalStore) -> None:
    client_id = finish_call(store, CARD, "继续跟进", now=1010.0)
    notes = CallNotes(store.db())
    notes.set(client_id, USER, CARD.phone_no, "  周末看房  ", now=1020.0)
    note = notes.get(client_id)
    assert note is not None
    assert (note.text, note.created_at, note.updated_at, note.user_id) == ("周末看房", 1020.0, 1020.0, USER)
    notes.set(client_id, USER, CARD.phone_no, "周日上午看房", now=1030.0)
    again = notes.get(client_id)
    assert again is not None
    assert (again.text, again.created_at, again.updated_at) == ("周日上午看房", 1020.0, 1030.0)
    assert notes.for_calls([client_id, "other"]) == {client_id: "周日上午看房"}
    notes.set(client_id, USER, CARD.phone_no, "   ", now=1040.0)
    assert notes.get(client_id) is None


def test_notes_are_never_enqueued(store: LocalStore) -> None:
    client_id = finish_call(store, CARD, "继续跟进", now=1010.0)
    before = store.db().execute("SELECT client_id, payload, state, rev FROM outbox").fetchall()
    notes = CallNotes(store.db())
    notes.set(client_id, USER, CARD.phone_no, "不要在中午打", now=1020.0)
    notes.set_draft(USER, "13900000000", "草稿", now=1030.0)
    notes.set(client_id, USER, CARD.phone_no, "", now=1040.0)
    assert outbox_rows(store) == 1
    assert store.db().execute("SELECT client_id, payload, state, rev FROM outbox").fetchall() == before
    assert "不要在中午打" not in str(before)


def test_a_note_is_at_most_its_limit(store: LocalStore) -> None:
    notes = CallNotes(store.db())
    notes.set("c1", USER, "1", "字" * NOTE_MAX_CHARS, now=1.0)
    with pytest.raises(ValueError):
        notes.set("c1", USER, "1", "字" * (NOTE_MAX_CHARS + 1), now=2.0)
    with pytest.raises(ValueError):
        notes.set_draft(USER, "1", "字" * (NOTE_MAX_CHARS + 1), now=2.0)


def test_the_cards_draft_goes_to_its_feedback_in_one_commit(store: LocalStore) -> None:
    notes = CallNotes(store.db())
    notes.set_draft(USER, CARD.phone_no, "说下午有空", now=1005.0)
    notes.set_draft(USER, CARD.phone_no, "说下午三点有空", now=1006.0)
    draft = notes.draft(USER, CARD.phone_no)
    assert draft is not None and draft.client_id is None and draft.text == "说下午三点有空"
    client_id = finish_call(store, CARD, "继续跟进", now=1010.0)  # attaches the draft in its commit
    assert notes.draft(USER, CARD.phone_no) is None
    note = notes.get(client_id)
    assert note is not None and note.text == "说下午三点有空"
    # Seen in the history, on the call.
    entry = History(store.db()).search(HistoryQuery(USER, "0013")).entries[0]
    assert (entry.call.client_id, entry.note) == (client_id, "说下午三点有空")
    assert outbox_rows(store) == 1


def test_a_draft_joins_a_note_already_there(store: LocalStore) -> None:
    client_id = finish_call(store, CARD, "继续跟进", now=1010.0)
    notes = CallNotes(store.db())
    notes.set(client_id, USER, CARD.phone_no, "第一句", now=1011.0)
    notes.set_draft(USER, CARD.phone_no, "第二句", now=1012.0)
    assert attach_draft(store.db(), USER, CARD.phone_no, client_id, 1013.0)
    note = notes.get(client_id)
    assert note is not None and note.text == "第一句\n第二句"
    assert not attach_draft(store.db(), USER, CARD.phone_no, client_id, 1014.0)
    drafts = store.db().execute("SELECT count(*) FROM call_notes WHERE client_id IS NULL").fetchone()[0]
    assert drafts == 0


def test_drafts_are_per_agent_and_number(store: LocalStore) -> None:
    notes = CallNotes(store.db())
    notes.set_draft(USER, "1", "a", now=1.0)
    notes.set_draft(USER, "2", "b", now=1.0)
    notes.set_draft(30, "1", "c", now=1.0)
    texts = []
    for user_id, phone in ((USER, "1"), (USER, "2"), (30, "1")):
        draft = notes.draft(user_id, phone)
        assert draft is not None
        texts.append(draft.text)
    assert texts == ["a", "b", "c"]
    notes.set_draft(USER, "1", "", now=2.0)
    assert notes.draft(USER, "1") is None
    assert notes.draft(30, "1") is not None
