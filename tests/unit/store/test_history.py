"""The call history of this PC in a real SQLite file: search, a number's story, the repeat hint, retention."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from desktop_app.store import history as history_module
from desktop_app.store.callbacks import Callbacks, CallbackState, CallbackTarget
from desktop_app.store.db import LocalStore
from desktop_app.store.history import (
    DAY_S,
    History,
    HistoryQuery,
    match_expression,
    search_text,
)
from desktop_app.store.migrations import migrate, migrations
from desktop_app.store.notes import CallNotes
from desktop_app.store.outbox import CallLogEntry, Outcome, State
from tests.helpers.writes import audit_rows, settle

USER = 29
DAY = dt.date(2026, 11, 27)


def at(hour: int, minute: int = 0, day: dt.date = DAY) -> float:
    return dt.datetime.combine(day, dt.time(hour, minute)).timestamp()


def call(
    store: LocalStore,
    when: float,
    phone: str = "13800138000",
    owner: str = "王先生",
    item: str = "继续跟进",
    *,
    user_id: int = USER,
    pro_id: int = 141,
    pro_name: str = "星汇云锦",
    kind: str = "savecallback",
    customer: str = "",
    payload: dict[str, object] | None = None,
) -> str:
    entry = CallLogEntry(
        user_id=user_id,
        kind=kind,
        pro_id=pro_id,
        pro_name=pro_name,
        package_id=467,
        package_name="一期业主",
        phone_id=1,
        phone_no=phone,
        owner_name=owner,
        item_name=item if kind == "savecallback" else "",
        customer_name=customer,
        duration_s=30.0,
    )
    body = payload if payload is not None else {"user_id": user_id, "phone_no": phone}
    return store.outbox().enqueue(kind, body, entry, now=when)


def found(store: LocalStore, query: HistoryQuery, limit: int = 50) -> list[str]:
    return [e.call.phone_no for e in History(store.db()).search(query, limit=limit).entries]


# -- search --------------------------------------------------------------------------------


def test_search_text_and_its_index_query() -> None:
    assert search_text("  138 0013-8000 ") == "13800138000"
    assert search_text("１３８") == "138"  # full-width digits typed by an input method
    assert search_text("\u202a138\u200b0013\x00\u202c") == "1380013"  # marks of a pasted number
    assert search_text(" 王 先生 ") == "王 先生"  # a name keeps its inner space
    assert match_expression("王") == '"王"*'
    assert match_expression("王伟") == '"王伟"*'
    assert match_expression("李秀英") == '"李秀英"'
    assert match_expression("7900") == '"790 900"'
    assert match_expression('a"bc') == '"a""b ""bc"'
    assert match_expression("%-") is None


def test_search_by_any_part_of_a_number(store: LocalStore) -> None:
    call(store, at(9), "13800138000", "王伟")
    call(store, at(10), "13912347900", "李秀英")
    call(store, at(11), "15000001111", "张桂英")
    call(store, at(12), "13912347900", "陌生", user_id=30)  # another agent's call
    for text, phones in [
        ("139", ["13912347900"]),  # the start
        ("7900", ["13912347900"]),  # the end
        ("1234", ["13912347900"]),  # the middle
        ("0", ["15000001111", "13912347900", "13800138000"]),
        ("000", ["15000001111", "13800138000"]),
        ("13800138000", ["13800138000"]),
        ("139 1234 7900", ["13912347900"]),
        ("8888", []),
    ]:
        assert found(store, HistoryQuery(USER, text)) == phones, text


def test_search_by_any_part_of_a_name(store: LocalStore) -> None:
    call(store, at(9), "1", "王伟")
    call(store, at(10), "2", "李秀英")
    call(store, at(11), "3", "欧阳娜娜")
    call(store, at(12), "4", "", kind="save_to_customer", customer="Wang Lei")
    for text, phones in [
        ("王", ["1"]),
        ("秀英", ["2"]),
        ("李秀英", ["2"]),
        ("阳娜", ["3"]),  # the middle of a four-character name
        ("wang", ["4"]),  # a typed customer name, any case
        ("G L", ["4"]),
        ("赵", []),
    ]:
        assert found(store, HistoryQuery(USER, text)) == phones, text


def test_filters_order_and_pages(store: LocalStore) -> None:
    yesterday = DAY - dt.timedelta(days=1)
    call(store, at(9, day=yesterday), "1", item="接受邀请")
    call(store, at(9), "2", item="接受邀请", pro_id=142, pro_name="万科东荟城")
    call(store, at(10), "3", item="拒绝")
    call(store, at(11), "4", kind="save_to_customer", customer="王先生")
    call(store, at(12), "5", item="接受邀请")
    assert found(store, HistoryQuery(USER)) == ["5", "4", "3", "2", "1"]
    assert found(store, HistoryQuery(USER, item_name="接受邀请")) == ["5", "2", "1"]
    assert found(store, HistoryQuery(USER, pro_id=142)) == ["2"]
    assert found(store, HistoryQuery(USER, kind="save_to_customer")) == ["4"]
    assert found(store, HistoryQuery(USER, start=at(0), end=at(11))) == ["3", "2"]
    assert found(store, HistoryQuery(USER, item_name="接受邀请", start=at(0))) == ["5", "2"]
    history = History(store.db())
    first = history.search(HistoryQuery(USER), limit=2)
    assert [e.call.phone_no for e in first.entries] == ["5", "4"] and first.has_more
    last = history.search(HistoryQuery(USER), limit=2, offset=4)
    assert [e.call.phone_no for e in last.entries] == ["1"] and not last.has_more
    assert last.offset == 4


def test_discarded_writes_are_shown_with_their_state(store: LocalStore) -> None:
    kept = call(store, at(9), "1")
    dropped = call(store, at(10), "2")
    store.outbox().discard(dropped, "撤销", now=at(10, 1))
    entries = History(store.db()).search(HistoryQuery(USER)).entries
    assert [(e.call.client_id, e.state) for e in entries] == [
        (dropped, State.DISCARDED),
        (kept, State.QUEUED),
    ]
    assert found(store, HistoryQuery(USER, include_discarded=False)) == ["1"]


def _random_log(store: LocalStore, rng: random.Random, count: int) -> None:
    surnames = "王李张刘陈杨欧阳"
    given = "伟芳娜敏静秀英桂"
    latin = ["Li Na", "wang LEI", "Zoë", "O'Brien"]
    for i in range(count):
        name = rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.randint(1, 3)))
        phone = "1" + "".join(rng.choice("0123456789") for _ in range(10))
        call(
            store,
            1_000_000.0 + i,
            phone,
            name,
            rng.choice(["接受邀请", "拒绝", "无人接听"]),
            user_id=rng.choice([USER, USER, 30]),
            customer=rng.choice(["", "", rng.choice(latin)]),
        )


def _expected(store: LocalStore, text: str) -> list[str]:
    needle = search_text(text).lower()
    rows = store.db().execute(
        "SELECT client_id, phone_no, owner_name, customer_name FROM call_log WHERE user_id = ?"
        " ORDER BY created_at DESC, id DESC",
        (USER,),
    )
    return [r[0] for r in rows if any(needle in str(v).lower() for v in r[1:])]


def _drop_index(db: sqlite_utils.Database) -> None:
    for trigger in ("call_search_insert", "call_search_delete", "call_search_update"):
        db.execute(f"DROP TRIGGER {trigger}")
    db.execute("DROP TABLE call_search")


def test_every_way_of_searching_gives_the_substring_answer(
    store: LocalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(13)
    _random_log(store, rng, 400)
    rows = store.db().execute("SELECT phone_no, owner_name, customer_name FROM call_log").fetchall()
    texts = ["", "1", "王", "Li", "li n", "o'b", "zoë", "%", "_", "9999999999"]
    for _ in range(120):
        source = str(rng.choice(rng.choice(rows))) or "王"
        start = rng.randrange(len(source))
        texts.append(source[start : start + rng.randint(1, 6)])
    history = History(store.db())

    def ids(text: str) -> list[str]:
        page = history.search(HistoryQuery(USER, text), limit=1000)
        return [e.call.client_id for e in page.entries]

    expected = {text: _expected(store, text) for text in texts}
    for text in texts:
        assert ids(text) == expected[text], f"indexed: {text!r}"
    monkeypatch.setattr(history_module, "DRIVE_LIMIT", 0)  # every text "common": the scan
    for text in texts:
        assert ids(text) == expected[text], f"scanned: {text!r}"
    _drop_index(store.db())  # an SQLite without FTS5
    without = History(store.db())
    assert not without.has_index()
    for text in texts:
        page = without.search(HistoryQuery(USER, text), limit=1000)
        assert [e.call.client_id for e in page.entries] == expected[text], f"no index: {text!r}"


def test_any_typed_text_is_searched_without_error(store: LocalStore) -> None:
    call(store, at(9), "13800138000", 'A"b*c(王)', customer="x%_\\y")
    history = History(store.db())

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=40))
    def search(text: str) -> None:
        entries = history.search(HistoryQuery(USER, text)).entries
        expected = _expected(store, text)
        assert [e.call.client_id for e in entries] == expected

    search()


def test_the_index_follows_corrections_and_removals(store: LocalStore) -> None:
    refused = call(store, at(9), "13800138000", "王先生", payload={"owner_name": "王先生", "x": 1})
    outbox = store.outbox()
    settle(store, [Outcome.attention(refused, msg(ApiCode.REFUSED, "姓名有误"))], at(9, 2))
    outbox.resend(refused, {"owner_name": "赵女士", "x": 1}, now=at(9, 3))
    assert found(store, HistoryQuery(USER, "赵女士")) == ["13800138000"]
    assert found(store, HistoryQuery(USER, "王先生")) == []
    store.db().execute("DELETE FROM call_log WHERE client_id = ?", (refused,))
    assert found(store, HistoryQuery(USER, "赵女士")) == []
    count = store.db().execute("SELECT count(*) FROM call_search WHERE call_search MATCH '\"赵女\"*'")
    assert count.fetchone()[0] == 0


def test_the_index_step_takes_in_the_calls_already_logged(tmp_path: Path) -> None:
    db = sqlite_utils.Database(str(tmp_path / "old.sqlite3"))
    migrations.apply(db, stop_before="0005_callbacks")
    db.execute(
        "INSERT INTO outbox (client_id, kind, payload, user_id, created_at, next_attempt_at, state, updated_at)"
        " VALUES ('c1', 'savecallback', '{}', 29, 1.0, 1.0, 'sent', 1.0)"
    )
    db.execute(
        "INSERT INTO call_log (client_id, user_id, kind, phone_no, owner_name, created_at)"
        " VALUES ('c1', 29, 'savecallback', '13912347900', '李秀英', 1.0)"
    )
    # The steps from 0005 on, in order (later steps may follow).
    assert migrate(db)[:3] == ["0005_callbacks", "0006_call_notes", "0007_history_indexes"]
    history = History(db)
    assert history.has_index()
    for text in ("7900", "秀英", "李"):
        assert [e.call.client_id for e in history.search(HistoryQuery(29, text)).entries] == ["c1"]
    db.close()


# -- one number ----------------------------------------------------------------------------


def test_a_numbers_calls_customers_callbacks_and_notes(store: LocalStore) -> None:
    first = call(store, at(9), "13800138000", item="继续跟进")
    second = call(store, at(15), "13800138000", item="接受邀请")
    form = {
        "reg_user_id": USER,
        "customer_name": "王先生",
        "customer_phone": "13800138000",
        "gender_type": "M",
    }
    customer = call(store, at(15, 2), "13800138000", kind="save_to_customer", customer="王先生", payload=form)
    call(store, at(16), "13900000000")
    call(store, at(16), "13800138000", user_id=30)
    CallNotes(store.db()).set(first, USER, "13800138000", "下午三点再打", now=at(9, 1))
    promised = Callbacks(store.db()).schedule(
        CallbackTarget(USER, "13800138000"), at(15), created_from=first, now=at(9, 1)
    )
    story = History(store.db()).number_history(USER, "13800138000")
    assert [e.call.client_id for e in story.calls] == [second, first]
    assert [e.note for e in story.calls] == ["", "下午三点再打"]
    assert [(c.entry.call.client_id, c.form) for c in story.customers] == [(customer, form)]
    assert [c.id for c in story.callbacks] == [promised.id]
    entry = History(store.db()).call(first)
    assert entry is not None and entry.note == "下午三点再打" and entry.state is State.QUEUED
    assert History(store.db()).call("missing") is None


# -- the repeat hint -----------------------------------------------------------------------


def test_the_repeat_hint_counts_earlier_calls(store: LocalStore) -> None:
    history = History(store.db())
    assert history.repeat_hint(USER, "13800138000") is None
    call(store, at(9), "13800138000", item="无人接听", pro_name="万科东荟城")
    last = call(store, at(14), "13800138000", item="继续跟进")
    call(store, at(14, 30), "13800138000", kind="save_to_customer", customer="王先生")  # not a call
    call(store, at(15), "13800138000", item="拒绝", user_id=30)  # another agent's
    call(store, at(15), "13800138001", item="拒绝")  # another number
    undone = call(store, at(16), "13800138000", item="拒绝")
    store.outbox().discard(undone, "撤销", now=at(16, 1))  # undone: not a call
    hint = history.repeat_hint(USER, "13800138000")
    assert hint is not None
    assert (hint.calls, hint.last_item, hint.last_at, hint.last_client_id) == (2, "继续跟进", at(14), last)
    earlier = history.repeat_hint(USER, "13800138000", before=at(14))
    assert earlier is not None
    assert (earlier.calls, earlier.last_item, earlier.last_pro_name) == (1, "无人接听", "万科东荟城")
    assert history.repeat_hint(USER, "13800138000", before=at(9)) is None


def test_the_repeat_hint_and_the_agents_history_read_by_index(store: LocalStore) -> None:
    db = store.db()
    plan = " ".join(
        str(r[-1])
        for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM call_log WHERE user_id = 1 AND phone_no = '1'"
            " AND kind = 'savecallback' AND created_at < 5"
        ).fetchall()
    )
    assert "call_log_user_phone" in plan
    plan = " ".join(
        str(r[-1])
        for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM call_log WHERE user_id = 1 AND created_at >= 0 AND created_at < 5"
        ).fetchall()
    )
    assert "call_log_user_time" in plan


# -- retention -----------------------------------------------------------------------------


def _count(store: LocalStore, table: str) -> int:
    return int(store.db().execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_prune_keeps_every_unfinished_write(store: LocalStore) -> None:
    now = at(12)
    old = now - 400 * DAY_S
    outbox = store.outbox()
    sent = call(store, old, "1", "老客户")
    discarded = call(store, old, "2")
    outbox.discard(discarded, "撤销", now=old)
    queued = call(store, old, "3")
    uncertain = call(store, old, "4")
    in_flight = call(store, old, "5")
    refused = call(store, old, "6")
    settle(
        store,
        [
            Outcome.sent(sent),
            Outcome.retry(uncertain, msg(ApiCode.READ_TIMEOUT), old, uncertain=True),
            Outcome.attention(refused, msg(ApiCode.REFUSED, "拒绝")),
        ],
        old,
        keep_in_flight=[queued, in_flight],
    )
    outbox.record([], [queued], old)  # claimed and handed back: still queued
    recent = call(store, now - 10 * DAY_S, "7")
    settle(store, [Outcome.sent(recent)], now, keep_in_flight=[in_flight])
    notes = CallNotes(store.db())
    for client_id in (sent, queued, recent):
        notes.set(client_id, USER, "x", "备注", now=old)
    notes.set_draft(USER, "9", "旧草稿", now=old)
    callbacks = Callbacks(store.db())
    done = callbacks.schedule(CallbackTarget(USER, "1"), old, now=old - 10)
    callbacks.mark_done(done.id, now=old)
    cancelled = callbacks.schedule(CallbackTarget(USER, "2"), old, now=old - 10)
    callbacks.cancel(cancelled.id, now=old)
    still_open = callbacks.schedule(CallbackTarget(USER, "3"), old, now=old - 10)

    result = History(store.db()).prune(now=now, keep_days=365, batch=1)

    assert (result.calls, result.writes, result.notes, result.callbacks) == (2, 2, 2, 2)
    left = {r[0] for r in store.db().execute("SELECT client_id FROM outbox").fetchall()}
    assert left == {queued, uncertain, in_flight, refused, recent}
    logged = {r[0] for r in store.db().execute("SELECT client_id FROM call_log").fetchall()}
    assert logged == left
    assert audit_rows(store, discarded) == []
    assert notes.get(queued) is not None and notes.get(recent) is not None
    assert notes.get(sent) is None and notes.draft(USER, "9") is None
    assert callbacks.get(done.id) is None and callbacks.get(cancelled.id) is None
    kept = callbacks.get(still_open.id)
    assert kept is not None and kept.state is CallbackState.OPEN
    assert found(store, HistoryQuery(USER, "老客户")) == []  # gone from the index too
    assert History(store.db()).prune(now=now) == type(result)(0, 0, 0, 0)
    with pytest.raises(ValueError):
        History(store.db()).prune(now=now, keep_days=0)


def test_prune_of_a_big_history_in_batches(store: LocalStore) -> None:
    now = at(12)
    with store.transaction() as db:
        for i in range(2500):
            client_id = f"c{i}"
            db.execute(
                "INSERT INTO outbox (client_id, kind, payload, user_id, created_at, next_attempt_at, state,"
                " updated_at) VALUES (?, 'savecallback', '{}', 29, ?, ?, 'sent', ?)",
                (client_id, now - 500 * DAY_S + i, now, now),
            )
            db.execute(
                "INSERT INTO call_log (client_id, user_id, kind, phone_no, owner_name, created_at)"
                " VALUES (?, 29, 'savecallback', ?, '王', ?)",
                (client_id, f"138{i:08d}", now - 500 * DAY_S + i),
            )
    result = History(store.db()).prune(now=now, batch=1000)
    assert (result.calls, result.writes) == (2500, 2500)
    assert _count(store, "call_log") == _count(store, "outbox") == 0
    assert found(store, HistoryQuery(USER, "138")) == []
