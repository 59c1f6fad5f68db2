"""Outbox revisions and following the day by them, on a real SQLite file."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from desktop_app.store.db import DB_FILENAME, LocalStore
from desktop_app.store.outbox import Outcome, State
from desktop_app.store.today_writes import TodayWrites, follow, read_all
from tests.helpers import writes
from tests.helpers.writes import feedback

DAY = 1_700_000_000.0  # the start of the day shown
YESTERDAY = DAY - 3600


def enqueue(store: LocalStore, owner: str, at: float, user_id: int = 29) -> str:
    return writes.enqueue(store, feedback(owner, user_id=user_id), at=at)


def rev(store: LocalStore, client_id: str) -> int:
    item = store.outbox().get(client_id)
    assert item is not None
    return item.rev


def same_rows(writes: TodayWrites, store: LocalStore, user_id: int | None = 29) -> None:
    """The followed snapshot is exactly what a fresh read of the day gives."""
    assert list(writes.items) == store.outbox().items_since(DAY, user_id=user_id)


def test_every_change_to_a_row_takes_a_new_higher_revision(store: LocalStore) -> None:
    a = enqueue(store, "甲", DAY + 1)
    b = enqueue(store, "乙", DAY + 2)
    seen = [rev(store, a), rev(store, b)]
    outbox = store.outbox()

    outbox.claim_due(DAY + 10, 10)  # both in flight
    seen.append(max(rev(store, a), rev(store, b)))
    outbox.record([Outcome.attention(a, "号码有误")], [], DAY + 11)
    seen.append(rev(store, a))
    outbox.resend(a, feedback("甲改"), DAY + 12)
    seen.append(rev(store, a))
    outbox.record([Outcome.attention(b, "号码有误")], [], DAY + 13)
    seen.append(rev(store, b))
    outbox.discard(b, "坐席放弃", DAY + 14)
    seen.append(rev(store, b))

    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert [i.client_id for i in outbox.changes_since(seen[1], DAY)] == [a, b]  # by revision
    assert [i.client_id for i in outbox.changes_since(seen[-2], DAY)] == [b]
    assert outbox.changes_since(seen[-1], DAY) == []
    assert outbox.changes_since(0, DAY + 2) == [outbox.get(b)]  # created before ``since``: not there


def test_following_gives_new_rows_on_top_and_changed_rows_in_place(store: LocalStore) -> None:
    enqueue(store, "昨天的", YESTERDAY)
    enqueue(store, "别人的", DAY + 1, user_id=30)
    first = [enqueue(store, f"客户{i}", DAY + 10 + i) for i in range(3)]
    start = follow(store.outbox(), None, DAY, 29)
    assert start.reset and [i.client_id for i in start.items] == first[::-1]

    unchanged = follow(store.outbox(), start, DAY, 29)
    assert not unchanged.reset and unchanged.added == 0 and unchanged.changed == ()
    assert unchanged.items == start.items

    store.outbox().record([Outcome.attention(first[0], "号码有误")], [], DAY + 20)
    claimed = store.outbox().claim_due(DAY + 11, 10)  # due by then: first[1], and rows not followed
    assert first[1] in {i.client_id for i in claimed} and first[2] not in {i.client_id for i in claimed}
    new = [enqueue(store, f"新客户{i}", DAY + 30 + i) for i in range(2)]
    enqueue(store, "别人的新", DAY + 40, user_id=30)
    step = follow(store.outbox(), unchanged, DAY, 29)

    assert not step.reset and step.added == 2
    assert [i.client_id for i in step.items[:2]] == new[::-1]
    assert [step.items[row].client_id for row in step.changed] == [first[1], first[0]]
    assert step.items[step.changed[-1]].state is State.ATTENTION
    same_rows(step, store)


def test_a_row_created_out_of_order_sorts_the_day_again(store: LocalStore) -> None:
    enqueue(store, "十点", DAY + 36_000)
    start = follow(store.outbox(), None, DAY, 29)
    enqueue(store, "九点", DAY + 32_400)  # the PC's clock was set back
    step = follow(store.outbox(), start, DAY, 29)
    assert step.reset
    same_rows(step, store)


def test_another_day_or_agent_reads_afresh(store: LocalStore) -> None:
    enqueue(store, "昨天的", YESTERDAY)
    enqueue(store, "今天的", DAY + 5)
    yesterday = read_all(store.outbox(), YESTERDAY, 29)
    today = follow(store.outbox(), yesterday, DAY, 29)
    assert today.reset and [i.payload["owner_name"] for i in today.items] == ["今天的"]
    other = follow(store.outbox(), today, DAY, 30)
    assert other.reset and other.items == ()


def test_following_a_busy_day_always_matches_a_fresh_read(store: LocalStore) -> None:
    rng = random.Random(7)
    outbox = store.outbox()
    writes = follow(outbox, None, DAY, 29)
    at = DAY + 100
    for _round in range(40):
        for _ in range(rng.randint(0, 5)):
            at += 1
            enqueue(store, f"客户{at}", at, user_id=rng.choice([29, 29, 30]))
        claimed = outbox.claim_due(at + 1, rng.randint(0, 6))
        outcomes = [
            rng.choice([Outcome.sent(c.client_id), Outcome.attention(c.client_id, "拒绝")]) for c in claimed
        ]
        outbox.record(
            outcomes[: len(outcomes) // 2], [c.client_id for c in claimed[len(outcomes) // 2 :]], at
        )
        before = len(writes.items)
        writes = follow(outbox, writes, DAY, 29)
        same_rows(writes, store)
        assert not writes.reset  # rows created in order: never a reload
        assert len(writes.items) == before + writes.added
        assert all(0 <= row < len(writes.items) for row in writes.changed)


def test_an_existing_file_gets_revisions_in_creation_order(data_dir: Path) -> None:
    store = LocalStore(data_dir)
    ids = [enqueue(store, f"客户{i}", DAY + i) for i in range(3)]
    store.close()
    conn = sqlite3.connect(data_dir / DB_FILENAME)  # back to the schema before revisions
    conn.executescript(
        "DROP TRIGGER outbox_rev_on_insert; DROP TRIGGER outbox_rev_on_update; DROP INDEX outbox_rev;"
        " ALTER TABLE outbox DROP COLUMN rev;"
        " DELETE FROM _sqlite_migrations WHERE name = '0004_outbox_revision';"
    )
    conn.close()

    store = LocalStore(data_dir)
    try:
        assert [rev(store, c) for c in ids] == [1, 2, 3]
        later = enqueue(store, "新客户", DAY + 10)
        assert rev(store, later) == 4
    finally:
        store.close()
