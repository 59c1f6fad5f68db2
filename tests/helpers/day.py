"""A day of an agent's calls in the call log: the building blocks and a realistic day.

Calls and customers go through the outbox's ``enqueue`` with their call-log rows, as the
work window records them; ``realistic_day`` then settles them through the sync engine's
path, so the 今日 view and the statistics read what a real day leaves in the file.
"""

from __future__ import annotations

import datetime as dt
import random

from desktop_app.domain.writes import WriteKind
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import CallLogEntry, Outcome

from .writes import SAVE_TO_CUSTOMER, SAVECALLBACK, customer, enqueue, feedback

DAY = dt.date(2026, 11, 28)
USER = 29

PROJECTS = [
    "星汇云锦",
    "保利天悦",
    "万科城市花园",
    "碧桂园·凤凰城",
    "华润置地·润府（二期 洋房 128–143㎡ 认筹中）",
]
# Feedback items of a realistic day and how often each was pressed (120 calls).
FEEDBACK = [
    ("无人接听", 34),
    ("继续跟进", 24),
    ("拒接", 18),
    ("不需要", 16),
    ("空号", 12),
    ("接受邀请", 9),
    ("已在其他渠道购房", 7),
]
CUSTOMERS = ["王五", "赵六", "钱七", "孙八", "李九", "周十", "吴一", "郑二"]


def at(hour: int, minute: int = 0, second: int = 0, day: dt.date = DAY) -> float:
    """The timestamp of a local time on ``day``."""
    return dt.datetime.combine(day, dt.time(hour, minute, second)).timestamp()


def call_entry(
    item: str,
    project: str = "星汇云锦",
    *,
    owner: str = "王先生",
    duration: float | None = 30.0,
    user_id: int = USER,
    kind: str = SAVECALLBACK,
    package: str = "一期业主",
    phone_id: int = 1,
    phone_no: str = "13800138000",
) -> CallLogEntry:
    """The call-log row the work window writes with a call's write: a feedback names the
    item pressed, a customer registration the customer (here the owner)."""
    is_feedback = kind == SAVECALLBACK
    return CallLogEntry(
        user_id=user_id,
        kind=WriteKind(kind),
        pro_id=141,
        pro_name=project,
        package_id=467,
        package_name=package,
        phone_id=phone_id,
        phone_no=phone_no,
        owner_name=owner,
        item_name=item if is_feedback else "",
        customer_name="" if is_feedback else owner,
        duration_s=duration,
    )


def log_call(
    store: LocalStore,
    when: float,
    item: str,
    project: str = "星汇云锦",
    owner: str = "王先生",
    duration: float | None = 30.0,
    user_id: int = USER,
) -> str:
    """One feedback, recorded as the work window records it; returns its client id."""
    entry = call_entry(item, project, owner=owner, duration=duration, user_id=user_id)
    return enqueue(store, feedback(owner, user_id=user_id, item=item), at=when, entry=entry)


def log_customer(store: LocalStore, when: float, name: str, user_id: int = USER) -> str:
    """One customer added to the CRM; returns its client id."""
    entry = CallLogEntry(user_id=user_id, kind=SAVE_TO_CUSTOMER, customer_name=name, phone_no="15920447900")
    return enqueue(store, customer(name, user_id=user_id), at=when, entry=entry)


def realistic_day(store: LocalStore) -> None:
    """120 calls from 9:00 to 18:00 (quiet at lunch), 5 projects, 7 feedback types, 8 customers.

    At 18:01 all but the last five writes are sent; the fifth-last was refused
    (需处理) and the last four still wait.
    """
    rng = random.Random(20261128)
    items = [name for name, count in FEEDBACK for _ in range(count)]
    rng.shuffle(items)
    hours = [9] * 14 + [10] * 17 + [11] * 16 + [12] * 4 + [13] * 9 + [14] * 17 + [15] * 18 + [16] * 15
    hours += [17] * 10
    assert len(items) == len(hours) == 120
    weights = [40, 30, 22, 16, 12]
    for item, hour in zip(items, hours, strict=True):
        when = at(hour, rng.randrange(60), rng.randrange(60))
        project = rng.choices(PROJECTS, weights)[0]
        duration = 4.0 if item in ("无人接听", "空号") else rng.uniform(20, 240)
        log_call(store, when, item, project, duration=round(duration, 1))
    for n, name in enumerate(CUSTOMERS):
        log_customer(store, at(10 + n, 30), name)
    outbox = store.outbox()
    now = at(18, 1)
    claimed = outbox.claim_due(now, 1000)
    outcomes = [Outcome.sent(i.client_id) for i in claimed[:-5]]
    outcomes.append(Outcome.attention(claimed[-5].client_id, "客户电话已存在"))
    outbox.record(outcomes, [i.client_id for i in claimed[-4:]], now)
