"""The small tables: cached lists, the current card, the phone reserve, prefs, the call log."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.api import Phone
from desktop_app.store.cache import (
    CALLBACK_ITEMS_KEY,
    CUSTOMER_TYPES_KEY,
    GENDER_TYPES_KEY,
    packages_key,
    projects_key,
)
from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import CallLogEntry


def test_cache_keys() -> None:
    assert projects_key(29) == "projects:29"
    assert packages_key(29, 141) == "packages:29:141"
    keys = {projects_key(29), projects_key(30), packages_key(29, 141), packages_key(30, 141)}
    keys |= {CALLBACK_ITEMS_KEY, CUSTOMER_TYPES_KEY, GENDER_TYPES_KEY}
    assert len(keys) == 7


def test_cache_put_get_and_replace(store: LocalStore) -> None:
    cache = store.cache()
    assert cache.get(projects_key(29)) is None
    projects = [{"pro_id": 141, "pro_name": "星汇云锦", "start_date": "2014-02-03", "end_date": None}]
    cache.put(projects_key(29), projects, now=100.0)
    assert cache.get(projects_key(29)) == (projects, 100.0)
    cache.put(projects_key(29), [], now=200.0)  # an empty list is a valid answer, kept as such
    assert cache.get(projects_key(29)) == ([], 200.0)
    assert cache.get(projects_key(30)) is None


def test_cache_survives_a_restart(store: LocalStore) -> None:
    store.cache().put(GENDER_TYPES_KEY, [{"name": "女", "value": "W"}], now=5.0)
    store.close()
    again = LocalStore(store.path.parent)
    try:
        assert again.cache().get(GENDER_TYPES_KEY) == ([{"name": "女", "value": "W"}], 5.0)
    finally:
        again.close()


def test_unreadable_cache_text_counts_as_missing(store: LocalStore) -> None:
    store.db().execute("INSERT INTO reference_cache VALUES ('broken', '{not json', 1.0)")
    assert store.cache().get("broken") is None


CARD = PhoneCard(
    user_id=29,
    pro_id=141,
    pro_name="星汇云锦",
    package_id=467,
    package_name="三月名单",
    phone_id=9001,
    phone_no="15920447900",
    owner_name="陈一",
    shown_at=1000.5,
)


def test_card_save_load_clear_per_user(store: LocalStore) -> None:
    cards = store.cards()
    assert cards.load(29) is None
    cards.save(CARD)
    other = PhoneCard(**{**CARD.__dict__, "user_id": 30, "phone_id": 9002})
    cards.save(other)
    assert cards.load(29) == CARD
    assert cards.load(30) == other
    newer = PhoneCard(**{**CARD.__dict__, "phone_id": 9003, "shown_at": 2000.0})
    cards.save(newer)  # one card per agent: the new one replaces the old
    assert cards.load(29) == newer
    cards.clear(29)
    assert cards.load(29) is None
    assert cards.load(30) == other


def test_card_survives_a_restart(store: LocalStore) -> None:
    store.cards().save(CARD)
    store.close()
    again = LocalStore(store.path.parent)
    try:
        assert again.cards().load(29) == CARD
    finally:
        again.close()


def phone(n: int) -> Phone:
    return Phone(phone_id=n, phone_no=f"1380013{n:04d}", owner_name=f"业主{n}")


def test_reserve_takes_oldest_first(store: LocalStore) -> None:
    reserve = store.reserve()
    for n in (3, 1, 2):
        assert reserve.add(29, 467, phone(n), now=float(n))
    assert reserve.count(29, 467) == 3
    assert reserve.peek_ids(29, 467) == [3, 1, 2]
    assert [reserve.take(29, 467) for _ in range(3)] == [phone(3), phone(1), phone(2)]
    assert reserve.take(29, 467) is None
    assert reserve.count(29, 467) == 0


def test_reserve_refuses_a_phone_already_held(store: LocalStore) -> None:
    reserve = store.reserve()
    assert reserve.add(29, 467, phone(1))
    assert not reserve.add(29, 467, Phone(1, "13999999999", "别人"))
    assert reserve.count(29, 467) == 1
    assert reserve.take(29, 467) == phone(1)  # the first copy, unchanged
    assert reserve.add(29, 467, phone(1)), "once taken, the same phone may be held again"


def test_reserve_is_per_user_and_package(store: LocalStore) -> None:
    reserve = store.reserve()
    assert reserve.add(29, 467, phone(1))
    assert reserve.add(29, 468, phone(1))
    assert reserve.add(30, 467, phone(1))
    assert reserve.add(30, 467, phone(2))
    assert (reserve.count(29, 467), reserve.count(29, 468), reserve.count(30, 467)) == (1, 1, 2)
    reserve.clear(30, 467)
    assert reserve.count(30, 467) == 0
    assert reserve.take(29, 468) == phone(1)
    assert reserve.peek_ids(29, 467) == [1]


def test_prefs(store: LocalStore) -> None:
    prefs = store.prefs()
    assert prefs.get("last_user_num") is None
    assert prefs.get("last_user_num", "00006") == "00006"
    prefs.set("last_user_num", "00007")
    prefs.set("user:29:last_package", "467")
    assert prefs.get("last_user_num") == "00007"
    prefs.set("last_user_num", "00008")
    assert prefs.get("last_user_num") == "00008"
    prefs.set("last_user_num", None)
    assert prefs.get("last_user_num", "x") == "x"
    assert prefs.get("user:29:last_package") == "467"


def at(day: dt.date, hour: int, minute: int = 0) -> float:
    return dt.datetime.combine(day, dt.time(hour, minute)).timestamp()


def test_call_log_by_local_day_and_user(store: LocalStore) -> None:
    monday, tuesday = dt.date(2024, 3, 18), dt.date(2024, 3, 19)
    outbox = store.outbox()

    def log(when: float, user_id: int, item: str) -> str:
        entry = CallLogEntry(user_id=user_id, kind="savecallback", item_name=item, phone_no="13800138000")
        return outbox.enqueue("savecallback", {"call_back_item_name": item}, entry, now=when)

    log(at(monday, 23, 59), 29, "周一晚")
    first = log(at(tuesday, 0, 0), 29, "周二零点")
    log(at(tuesday, 9, 30), 30, "别人的")
    last = log(at(tuesday, 18, 0), 29, "周二晚")
    log(at(tuesday + dt.timedelta(days=1), 0, 0), 29, "周三")

    rows = store.calllog().for_day(tuesday, user_id=29)
    assert [r.item_name for r in rows] == ["周二零点", "周二晚"]
    assert [r.client_id for r in rows] == [first, last]
    assert rows[0].created_at == at(tuesday, 0, 0)
    assert [r.item_name for r in store.calllog().for_day(tuesday)] == ["周二零点", "别人的", "周二晚"]
    assert [r.item_name for r in store.calllog().for_day(monday)] == ["周一晚"]
    between = store.calllog().between(at(tuesday, 9), at(tuesday, 18))
    assert [r.item_name for r in between] == ["别人的"]  # end is exclusive


def test_call_log_row_carries_every_field(store: LocalStore) -> None:
    entry = CallLogEntry(
        user_id=29,
        kind="save_to_customer",
        pro_id=141,
        pro_name="星汇云锦",
        package_id=467,
        package_name="三月名单",
        phone_id=9001,
        phone_no="15920447900",
        owner_name="陈一",
        customer_name="王二",
        duration_s=None,
    )
    client_id = store.outbox().enqueue("save_to_customer", {"customer_name": "王二"}, entry, now=50.0)
    (row,) = store.calllog().between(0, 100)
    expected = {**entry.__dict__, "client_id": client_id, "created_at": 50.0, "item_name": ""}
    assert {k: v for k, v in row.__dict__.items() if k != "id"} == expected


@pytest.mark.parametrize("password", ["888", "Pw-独一无二-7391"])
def test_verifier_right_password_ok_wrong_none(store: LocalStore, password: str) -> None:
    verifiers = store.verifiers()
    assert not verifiers.known("00006")
    assert verifiers.check("00006", password) is None
    verifiers.remember("00006", password, 29, "冯依敏")
    assert verifiers.known("00006")
    assert verifiers.check("00006", password) == (29, "冯依敏")
    assert verifiers.check("00006", password + "x") is None
    assert verifiers.check("00006", "") is None
    assert verifiers.check("00007", password) is None
    verifiers.forget("00006")
    assert not verifiers.known("00006")
    assert verifiers.check("00006", password) is None


def test_verifier_follows_the_last_online_login(store: LocalStore) -> None:
    verifiers = store.verifiers()
    verifiers.remember("00006", "old-pass", 29, "冯依敏")
    verifiers.remember("00006", "new-pass", 29, "冯依敏")
    assert verifiers.check("00006", "old-pass") is None
    assert verifiers.check("00006", "new-pass") == (29, "冯依敏")


def test_verifier_stores_salt_and_scrypt_params_never_the_password(store: LocalStore) -> None:
    password = "Pw-独一无二-7391"
    verifiers = store.verifiers()
    verifiers.remember("00006", password, 29, "冯依敏")
    verifiers.remember("00009", password, 31, "李四")
    rows = store.db().execute("SELECT salt, hash, n, r, p FROM login_verifiers ORDER BY user_num").fetchall()
    assert [(r[2], r[3], r[4]) for r in rows] == [(2**14, 8, 1)] * 2
    assert all(len(r[0]) == 16 for r in rows)
    assert rows[0][0] != rows[1][0] and rows[0][1] != rows[1][1], "a fresh salt for every verifier"
    needles = [password.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")] + [b"7391"]

    def assert_not_in_files(with_wal: bool) -> None:
        files = [p for p in store.path.parent.iterdir() if p.is_file()]
        assert any(p.name.endswith("-wal") for p in files) == with_wal
        for path in files:
            data = path.read_bytes()
            for needle in needles:
                assert needle not in data, f"{needle!r} found in {path.name}"

    assert_not_in_files(True)  # the database file and its write-ahead log while open
    store.close()
    assert_not_in_files(False)  # and the file after the log was folded in
