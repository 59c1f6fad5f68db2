"""The lenient readers of ``api.models``: numbers as strings, strings as numbers, dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.api.models import (
    CallbackItem,
    Choice,
    Package,
    Phone,
    Project,
    as_date,
    as_int,
    as_list,
    as_str,
    member,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(29, 29), ("29", 29), (" 29 ", 29), ("0", 0), ("-3", -3), (141.0, 141), ("007", 7)],
)
def test_as_int_reads_numbers_and_numeric_strings(value: Any, expected: int) -> None:
    assert as_int(value, "x") == expected


@pytest.mark.parametrize("value", [None, True, False, "", "abc", "1.5", 29.5, "29a", "--5", "²", [1], {}])
def test_as_int_refuses_what_is_not_a_whole_number(value: Any) -> None:
    with pytest.raises(ValueError):
        as_int(value, "x")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("李先生", "李先生"),
        (" 李先生 ", "李先生"),
        (15920447900, "15920447900"),
        (15920447900.0, "15920447900"),
        ("", ""),
    ],
)
def test_as_str_reads_text_and_numbers(value: Any, expected: str) -> None:
    assert as_str(value, "x") == expected


@pytest.mark.parametrize("value", [None, True, 1.5, [], {}])
def test_as_str_refuses_what_is_not_text(value: Any) -> None:
    with pytest.raises(ValueError):
        as_str(value, "x")


@given(st.integers())
def test_as_int_round_trips_through_text(number: int) -> None:
    assert as_int(number, "x") == number
    assert as_int(str(number), "x") == number
    assert as_int(as_str(number, "x"), "x") == number


@given(st.integers(min_value=-(2**53), max_value=2**53))
def test_whole_floats_read_as_ints(number: int) -> None:
    assert as_int(float(number), "x") == number
    assert as_str(float(number), "x") == str(number)


@given(st.text())
def test_as_str_of_text_is_the_stripped_text(text: str) -> None:
    assert as_str(text, "x") == text.strip()


@given(st.text())
def test_as_int_of_any_text_is_its_value_or_value_error(text: str) -> None:
    try:
        result = as_int(text, "x")
    except ValueError:
        return
    assert result == int(text.strip())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014-02-03", dt.date(2014, 2, 3)),
        (" 2014-02-03 ", dt.date(2014, 2, 3)),
        ("2014/02/03", dt.date(2014, 2, 3)),
        ("2014-02-03 18:30:00", dt.date(2014, 2, 3)),
        ("", None),
        ("   ", None),
        (None, None),
        ("0000-00-00", None),
        ("2014-02-30", None),
        ("n/a", None),
        (20140203, None),
    ],
)
def test_as_date(value: Any, expected: dt.date | None) -> None:
    assert as_date(value) == expected


@given(st.dates())
def test_as_date_round_trips_iso_dates(day: dt.date) -> None:
    assert as_date(day.isoformat()) == day


@given(st.one_of(st.none(), st.text(), st.integers(), st.floats()))
def test_as_date_never_raises(value: Any) -> None:
    result = as_date(value)
    assert result is None or isinstance(result, dt.date)


def test_member_and_as_list() -> None:
    assert member({"a": None}, "a") is None
    with pytest.raises(ValueError, match="'a'"):
        member({"b": 1}, "a")
    with pytest.raises(ValueError):
        member([1], "a")
    assert as_list({"a": None}, "a") == []
    assert as_list({"a": [1]}, "a") == [1]
    with pytest.raises(ValueError):
        as_list({"a": {}}, "a")
    with pytest.raises(ValueError):
        as_list({}, "a")


def test_cached_results_round_trip_through_json() -> None:
    project = Project(141, "万科东荟城", dt.date(2014, 2, 3), None)
    assert Project.from_json(project.to_json()) == project
    assert Package.from_json(Package(467, "VIP 客户").to_json()) == Package(467, "VIP 客户")
    assert Phone.from_json(Phone(1, "15920447900", "李先生").to_json()) == Phone(1, "15920447900", "李先生")
    assert CallbackItem.from_json(CallbackItem(0, "接受邀请").to_json()) == CallbackItem(0, "接受邀请")
    assert Choice.from_json(Choice("男", "M").to_json()) == Choice("男", "M")


@pytest.mark.parametrize(
    ("start", "end", "today", "current"),
    [
        ("2014-02-03", "2014-04-01", "2014-03-01", True),
        ("2014-02-03", "2014-04-01", "2014-02-03", True),
        ("2014-02-03", "2014-04-01", "2014-04-01", True),
        ("2014-02-03", "2014-04-01", "2014-04-02", False),
        ("2014-02-03", "2014-04-01", "2014-02-02", False),
        ("", "", "2030-01-01", True),
        ("2014-02-03", None, "2030-01-01", True),
    ],
)
def test_project_is_current_within_its_dates(start: str, end: str | None, today: str, current: bool) -> None:
    project = Project.from_json({"pro_id": 1, "pro_name": "x", "start_date": start, "end_date": end})
    assert project.is_current(dt.date.fromisoformat(today)) is current
