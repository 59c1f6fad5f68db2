"""The day's figures and the CSV export, over a call log in a real SQLite file."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.export_csv import BOM, csv_bytes, csv_row, safe_cell
from desktop_app.stats import day_stats, minutes_seconds, queue_figures, tally
from desktop_app.store.calllog import CallLogRow
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import Outcome, State
from tests.helpers.day import DAY, USER, at
from tests.helpers.day import log_call as call
from tests.helpers.day import log_customer as customer
from tests.helpers.writes import settle

# The words the window gives the CSV file in Chinese.
HEADER = (
    "时间",
    "类型",
    "项目",
    "信息包",
    "客户",
    "电话",
    "反馈",
    "电子客姓名",
    "性别",
    "客户类型",
    "推荐项目",
    "跟进",
    "卡片时长(秒)",
    "拨号到结果(秒)",
    "状态",
    "备注",
)
KINDS = {"savecallback": "反馈", "save_to_customer": "电子客"}


def known_day(store: LocalStore) -> dict[str, str]:
    """Nine calls and two customers of agent 29 on DAY, plus rows that must not count."""
    ids = {
        "a": call(store, at(9, 2, 5), "无人接听", duration=12.0),
        "b": call(store, at(9, 40), "继续跟进", duration=95.5),
        "c": call(store, at(9, 59, 59), "无人接听", duration=8.0),
        "d": call(store, at(10, 0), "接受邀请", "保利天悦", duration=181.0),
        "e": call(store, at(10, 30), "无人接听", "保利天悦", duration=None),
        "f": call(store, at(14, 15), "继续跟进", "保利天悦", duration=64.5),
        "g": call(store, at(14, 16), "拒接", duration=3.0),
        "h": call(store, at(17, 48, 30), "接受邀请", duration=120.0),
        "i": call(store, at(17, 50), "空号", "万科城市花园", duration=0.0),
        "x": customer(store, at(10, 5), "王五"),
        "y": customer(store, at(17, 49), "赵六"),
    }
    call(store, at(16, 0, day=DAY - dt.timedelta(days=1)), "无人接听")  # yesterday
    call(store, at(11, 0, day=DAY + dt.timedelta(days=1)), "无人接听")  # tomorrow
    call(store, at(11, 0), "无人接听", user_id=30)  # another agent on this PC
    customer(store, at(11, 1), "别人的客户", user_id=30)
    return ids


def test_day_stats_of_a_known_day(store: LocalStore) -> None:
    known_day(store)
    rows = store.calllog().for_day(DAY, USER)
    stats = day_stats(rows)

    assert stats.calls == 9
    assert stats.customers == 2
    # most first; 继续跟进 and 接受邀请 tie at 2 and come in name order
    assert stats.by_feedback == (("无人接听", 3), ("接受邀请", 2), ("继续跟进", 2), ("拒接", 1), ("空号", 1))
    assert stats.by_feedback == tuple(sorted(stats.by_feedback, key=lambda p: (-p[1], p[0])))
    assert stats.by_project == (("星汇云锦", 5), ("保利天悦", 3), ("万科城市花园", 1))
    expected_hours = [0] * 24
    expected_hours[9], expected_hours[10], expected_hours[14], expected_hours[17] = 3, 2, 2, 2
    assert stats.by_hour == tuple(expected_hours)
    assert sum(stats.by_hour) == stats.calls
    # the call without a duration is left out of the total and the average; 0 s counts
    assert stats.timed_calls == 8
    assert stats.talk_total_s == pytest.approx(12 + 95.5 + 8 + 181 + 64.5 + 3 + 120 + 0)
    assert stats.talk_average_s == pytest.approx(484.0 / 8)
    assert stats.first_call == at(9, 2, 5)
    assert stats.last_call == at(17, 50)
    assert stats.busiest_hour == 9
    assert (stats.pending, stats.attention) == (0, 0)


def test_pending_and_attention_come_from_the_outbox_counts(store: LocalStore) -> None:
    ids = known_day(store)
    now = at(18)
    outcomes = [
        Outcome.sent(ids["a"]),
        Outcome.sent(ids["b"]),
        Outcome.attention(ids["x"], "客户电话已存在"),
        Outcome.retry(ids["c"], "timeout", now + 60, uncertain=True),
    ]
    settle(store, outcomes, now, keep_in_flight=[ids["d"]])

    counts = store.outbox().counts()
    assert counts[State.IN_FLIGHT] == 1 and counts[State.UNCERTAIN] == 1
    stats = day_stats(store.calllog().for_day(DAY, USER), counts)
    # 15 rows on this PC: 2 sent, 1 needs the agent, the other 12 are not confirmed yet
    assert stats.pending == 12
    assert stats.attention == 1
    assert queue_figures(counts) == (12, 1)
    assert queue_figures(None) == (0, 0)


def test_an_empty_day() -> None:
    stats = day_stats([])
    assert (stats.calls, stats.customers, stats.timed_calls) == (0, 0, 0)
    assert stats.by_feedback == () and stats.by_project == ()
    assert stats.by_hour == (0,) * 24
    assert stats.talk_total_s == 0 and stats.talk_average_s is None
    assert stats.first_call is None and stats.last_call is None
    assert stats.busiest_hour is None


def test_a_day_of_customers_only_has_no_calls() -> None:
    rows = [row(1, "save_to_customer", at(10), customer_name="王五", duration=None)]
    stats = day_stats(rows)
    assert (stats.calls, stats.customers) == (0, 1)
    assert stats.by_hour == (0,) * 24 and stats.first_call is None


def test_tally_orders_by_count_then_name() -> None:
    assert tally(["b", "a", "c", "b", "a", "d", "d", "d"]) == (("d", 3), ("a", 2), ("b", 2), ("c", 1))


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "-"),
        (0, "0:00"),
        (59.4, "0:59"),
        (59.6, "1:00"),
        (125, "2:05"),
        (3725, "1:02:05"),
        (-3, "0:00"),
    ],
)
def test_minutes_seconds(seconds: float | None, text: str) -> None:
    assert minutes_seconds(seconds) == text


# -- CSV ------------------------------------------------------------------------------


def row(
    id_: int,
    kind: str,
    created_at: float,
    *,
    client_id: str = "",
    pro_name: str = "星汇云锦",
    package_name: str = "一期业主",
    phone_no: str = "13800138000",
    owner_name: str = "王先生",
    item_name: str = "",
    customer_name: str = "",
    duration: float | None = 42.4,
    dial: float | None = None,
) -> CallLogRow:
    return CallLogRow(
        id=id_,
        client_id=client_id or f"c{id_}",
        user_id=USER,
        kind=kind,
        pro_id=141,
        pro_name=pro_name,
        package_id=467,
        package_name=package_name,
        phone_id=9,
        phone_no=phone_no,
        owner_name=owner_name,
        item_name=item_name,
        customer_name=customer_name,
        duration_s=duration,
        created_at=created_at,
        dial_s=dial,
    )


def test_csv_bytes_exactly() -> None:
    rows = [
        row(1, "savecallback", at(9, 5, 7), item_name="无人接听"),
        row(2, "savecallback", at(9, 6, 0), owner_name='王,"小"明', item_name="继续跟进", duration=95.5),
        row(
            3,
            "save_to_customer",
            at(9, 8, 30),
            owner_name='=HYPERLINK("http://localhost")',
            customer_name="@李\n四",
            phone_no="02012345678",
            item_name="",
            duration=None,
        ),
        row(4, "savecallback", at(9, 9, 0), owner_name="-2+3", phone_no="+8613800138000", item_name="拒接"),
    ]
    states = {"c1": "已同步", "c2": "待同步", "c3": "需处理"}  # c4 unknown: empty state

    notes = {"c2": '周末再打, 说"考虑"', "c4": "=不要再打"}  # the agent's local notes

    data = csv_bytes(rows, states, header=HEADER, kind_names=KINDS, notes=notes)

    expected = (
        "时间,类型,项目,信息包,客户,电话,反馈,电子客姓名,性别,客户类型,推荐项目,跟进,卡片时长(秒),拨号到结果(秒),状态,备注\r\n"
        "2026-11-28 09:05:07,反馈,星汇云锦,一期业主,王先生,13800138000,无人接听,,,,,,42,,已同步,\r\n"
        '2026-11-28 09:06:00,反馈,星汇云锦,一期业主,"王,""小""明",13800138000,继续跟进,,,,,,96,,待同步,'
        '"周末再打, 说""考虑"""\r\n'
        "2026-11-28 09:08:30,电子客,星汇云锦,一期业主,"
        '"\'=HYPERLINK(""http://localhost"")",020-12345678,,"\'@李\n四",,,,,,,需处理,\r\n'
        # Phones as people write them: no +86 to escape, no landline losing its 0 in Excel.
        "2026-11-28 09:09:00,反馈,星汇云锦,一期业主,'-2+3,13800138000,拒接,,,,,,42,,,'=不要再打\r\n"
    )
    assert data == b"\xef\xbb\xbf" + expected.encode("utf-8")
    assert data.startswith(BOM)
    assert data.count(b"\r\n") == 5  # the line break inside 李/四 stays a bare LF inside quotes


def test_csv_of_an_empty_day_is_the_header_alone() -> None:
    assert csv_bytes([], header=HEADER, kind_names=KINDS) == BOM + ",".join(HEADER).encode() + b"\r\n"
    with pytest.raises(ValueError):
        csv_bytes([], header=HEADER[:-1], kind_names=KINDS)


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+86 138", "'+86 138"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("13800138000", "13800138000"),
        ("王=五", "王=五"),
        ("", ""),
    ],
)
def test_safe_cell(text: str, safe: str) -> None:
    assert safe_cell(text) == safe


_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


@given(owner=_TEXT, item=_TEXT, customer_name=_TEXT)
def test_csv_reads_back_cell_for_cell(owner: str, item: str, customer_name: str) -> None:
    rows = [
        row(1, "savecallback", at(9), owner_name=owner, item_name=item, customer_name=customer_name),
        row(2, "savecallback", at(10), item_name="尾行"),
    ]
    data = csv_bytes(rows, {"c1": "已同步"}, header=HEADER, kind_names=KINDS)
    assert data.startswith(BOM)
    parsed = list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))
    assert len(parsed) == 3
    assert parsed[1][4] == safe_cell(owner)
    assert parsed[1][6] == safe_cell(item)
    assert parsed[1][7] == safe_cell(customer_name)
    assert parsed[1][14] == "已同步"
    assert parsed[2][6] == "尾行"


def test_a_customer_row_carries_what_was_typed_in_the_form() -> None:
    rows = [
        row(1, "savecallback", at(9, 5), item_name="接受邀请", duration=65.0, dial=41.6),
        row(2, "save_to_customer", at(9, 6), customer_name="王小明", phone_no="13800138000", duration=None),
    ]
    payload = {
        "customer_name": "王小明",
        "customer_phone": "13912345678",  # typed in the form: another number than the card's
        "gender_type": "M",
        "customer_type": "02",
        "recommend": "星汇云锦",
        "follow_content": "周六带家人看样板间",
    }
    names = {"gender_type": {"M": "男"}, "customer_type": {"02": "意向客"}}
    data = csv_bytes(rows, header=HEADER, kind_names=KINDS, customers={"c2": payload}, choice_names=names)
    parsed = list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))
    by_name = [dict(zip(HEADER, line, strict=True)) for line in parsed[1:]]
    call, customer = by_name
    assert call["卡片时长(秒)"] == "65" and call["拨号到结果(秒)"] == "42"
    assert (call["性别"], call["客户类型"], call["跟进"]) == ("", "", "")
    assert customer["电话"] == "13912345678"
    assert (customer["性别"], customer["客户类型"]) == ("男", "意向客")
    assert (customer["推荐项目"], customer["跟进"]) == ("星汇云锦", "周六带家人看样板间")
    assert customer["卡片时长(秒)"] == "" and customer["拨号到结果(秒)"] == ""


def test_codes_without_a_known_name_are_written_as_they_are() -> None:
    payload = {"customer_phone": "", "gender_type": "W", "customer_type": "09"}
    cells = csv_row(row(1, "save_to_customer", at(9)), "", KINDS, payload, {})
    assert cells[5] == "13800138000"  # no phone typed: the card's
    assert cells[8:10] == ["W", "09"]
