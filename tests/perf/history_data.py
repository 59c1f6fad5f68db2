"""A year of one agent's calls in a real local database, for the history and statistics benchmarks.

``fill_history`` writes ``calls`` feedbacks (and their outbox rows, sent) spread over the
last 365 days, working hours only, through the real schema: the search index is kept by
its triggers exactly as when the program records a call. About one call in five is to a
number called before, as happens with follow-ups. Rows go in by the thousand per
transaction, so a 100,000-call database takes seconds, not the hours of one fsync a call.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from desktop_app.store.db import LocalStore

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文"
ITEMS = (("无人接听", 40), ("拒绝", 25), ("继续跟进", 15), ("接受邀请", 8), ("空号", 7), ("已购房", 5))
PROJECTS = ((141, "星汇云锦"), (142, "万科东荟城"), (143, "保利天汇"), (144, "中海云麓"), (145, "碧桂园"))
BATCH = 5_000


@dataclass(frozen=True)
class FilledHistory:
    calls: int
    numbers: tuple[str, ...]  # every number called, in order of first call
    names: tuple[str, ...]
    first_at: float
    last_at: float


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def fill_history(
    store: LocalStore, calls: int = 100_000, user_id: int = 29, today: dt.date | None = None, seed: int = 7
) -> FilledHistory:
    """Add ``calls`` sent feedbacks of ``user_id`` over the 365 days up to ``today``."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    items = [name for name, weight in ITEMS for _ in range(weight)]
    days = [today - dt.timedelta(days=d) for d in range(364, -1, -1)]
    numbers: list[str] = []
    names: list[str] = []
    owner_of: dict[str, str] = {}
    rows: list[tuple[object, ...]] = []
    for i in range(calls):
        day = days[i * len(days) // calls]
        when = dt.datetime.combine(day, dt.time(9)).timestamp() + rng.random() * 9 * 3600
        if numbers and rng.random() < 0.2:
            phone = rng.choice(numbers[-5000:])
        else:
            phone = _phone(rng)
            numbers.append(phone)
            owner_of[phone] = _name(rng)
            names.append(owner_of[phone])
        pro_id, pro_name = rng.choice(PROJECTS)
        rows.append(
            (uuid.uuid4().hex, user_id, pro_id, pro_name, phone, owner_of[phone], rng.choice(items), when)
        )
    rows.sort(key=lambda r: float(r[-1]))  # type: ignore[arg-type]
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        with store.transaction() as db:
            db.conn.executemany(
                "INSERT INTO outbox (client_id, kind, payload, user_id, created_at, attempts, next_attempt_at,"
                " state, sent_at, updated_at) VALUES (?, 'savecallback', ?, ?, ?, 1, ?, 'sent', ?, ?)",
                [
                    (
                        cid,
                        f'{{"user_id": {uid}, "phone_no": "{phone}", "call_back_item_name": "{item}"}}',
                        uid,
                        when,
                        when,
                        when,
                        when,
                    )
                    for cid, uid, _p, _n, phone, _o, item, when in chunk
                ],
            )
            db.conn.executemany(
                "INSERT INTO call_log (client_id, user_id, kind, pro_id, pro_name, package_id, package_name,"
                " phone_id, phone_no, owner_name, item_name, customer_name, duration_s, created_at)"
                " VALUES (?, ?, 'savecallback', ?, ?, 467, '一期业主', 1, ?, ?, ?, '', 45.0, ?)",
                chunk,
            )
    return FilledHistory(
        calls=calls,
        numbers=tuple(numbers),
        names=tuple(names),
        first_at=float(rows[0][-1]),  # type: ignore[arg-type]
        last_at=float(rows[-1][-1]),  # type: ignore[arg-type]
    )
