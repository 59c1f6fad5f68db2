"""Phone numbers and passwords never leave the program whole."""

from __future__ import annotations

import json
import logging
import re
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from desktop_app.masking import MaskingFilter, mask_phone, mask_secrets, mask_text

MOBILE = re.compile(r"1[3-9]\d{9}")


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("15920447900", "159****7900"),
        ("客户 15920447900 已接通", "客户 159****7900 已接通"),
        ("a15920447900b", "a159****7900b"),
        ("+8615920447900", "+86159****7900"),
        ("+86 159 2044 7900", "+86 159****7900"),
        ("008615920447900", "0086159****7900"),
        ("015920447900", "0159****7900"),
        ("159-2044-7900", "159****7900"),
        ("020-12345678", "020-****5678"),
        ("02012345678", "020****5678"),
        ("0755-1234567", "0755-****4567"),
        ("07551234567", "0755****4567"),
        ("(020)12345678", "(020)****5678"),
        ("010 87654321", "010 ****4321"),
        ("13800138000,020-12345678", "138****8000,020-****5678"),
    ],
)
def test_phone_numbers_are_masked(text: str, masked: str) -> None:
    assert mask_phone(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "user_id 29, pro_id 141, package_id 467",
        "2024-05-01 12:00:00,123",
        "20240501120000",
        "1715920447900",  # a millisecond timestamp: digits around the mobile-like part
        "1715920447",  # seconds
        "12345678",  # no area code
        "12345678901",  # 12 is not a mobile prefix
        "phone_id 100234",
        "159****7900",
        "",
    ],
)
def test_other_numbers_are_left_alone(text: str) -> None:
    assert mask_phone(text) == text


def test_phone_sent_as_a_json_number_is_masked() -> None:
    body = json.dumps({"phone_id": 467, "phone_no": 15920447900, "owner_name": "张三", "user_id": 29})
    masked = mask_phone(body)
    assert json.loads(masked.replace("159****7900", '"x"'))["phone_id"] == 467
    assert '"phone_no": 159****7900' in masked
    assert '"user_id": 29' in masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ('{"user_num": "00006", "pwd": "888", "n": 1}', '{"user_num": "00006", "pwd": "***", "n": 1}'),
        ('{"pwd":"a\\"b,c"}', '{"pwd":"***"}'),
        ("{'password': 'x y'}", "{'password': '***'}"),
        ('{"PWD": 888}', '{"PWD": ***}'),
        ("pwd=888&user=1", "pwd=***&user=1"),
        ("--password secret", "--password secret"),  # not a key/value pair; the CLI never logs it
        ("password incorrect", "password incorrect"),
    ],
)
def test_password_values_are_masked(text: str, masked: str) -> None:
    assert mask_secrets(text) == masked


_NOT_DIGIT = st.characters(exclude_categories=["Nd"])
_mobiles = st.from_regex(r"\A1[3-9][0-9]{9}\Z")


@given(
    prefix=st.text(max_size=40).filter(lambda s: not re.search(r"\d\Z", s)),
    mobile=_mobiles,
    suffix=st.text(max_size=40).filter(lambda s: not re.match(r"\d", s)),
)
@example(prefix="+86", mobile="15920447900", suffix="")
@example(prefix='{"phone_no": ', mobile="15920447900", suffix="}")
def test_no_mobile_survives(prefix: str, mobile: str, suffix: str) -> None:
    masked = mask_text(prefix + mobile + suffix)
    assert mobile not in masked
    assert f"{mobile[:3]}****{mobile[-4:]}" in masked


@given(st.lists(st.one_of(_mobiles, st.text(_NOT_DIGIT, max_size=10)), max_size=8))
def test_no_mobile_survives_in_mixed_text(parts: list[str]) -> None:
    text = " ".join(parts)
    masked = mask_phone(text)
    for part in parts:
        if MOBILE.fullmatch(part):
            assert part not in masked


@given(st.text(max_size=80))
def test_masking_is_idempotent_and_keeps_digit_free_text(text: str) -> None:
    once = mask_text(text)
    assert mask_text(once) == once
    if not re.search(r"\d{7}", text) and not re.search(r"pwd|passw", text, re.IGNORECASE):
        assert once == text


def _record(msg: object, args: object = None, exc: bool = False) -> logging.LogRecord:
    exc_info = None
    if exc:
        try:
            raise ValueError("customer 15920447900 refused")
        except ValueError:
            exc_info = sys.exc_info()
    return logging.LogRecord("t", logging.INFO, __file__, 1, msg, args, exc_info)  # type: ignore[arg-type]


def test_filter_masks_message_args_and_traceback() -> None:
    record = _record("login %s pwd=%s phone %s", ('{"pwd": "888"}', 999, 15920447900), exc=True)
    assert MaskingFilter().filter(record) is True
    assert record.args is None
    assert record.msg == 'login {"pwd": "***"} pwd=*** phone 159****7900'
    formatted = logging.Formatter("%(message)s").format(record)
    assert "15920447900" not in formatted
    assert "159****7900 refused" in formatted


def test_filter_survives_a_bad_format_string() -> None:
    record = _record("phone %s %s", ("15920447900",))
    MaskingFilter().filter(record)
    assert "15920447900" not in record.getMessage()
    assert "159****7900" in record.getMessage()
