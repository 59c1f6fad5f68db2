"""One set of phone rules: the form accepts, the logs mask and the CSV file shows the same numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.phones import display_phone, is_valid_phone, mask_phones, normalize_phone

MOBILES = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
# 010 and 02x are the three-digit area codes; 03xx to 09xx the four-digit ones.
LANDLINES = st.from_regex(r"0(10|2[0-9]|[3-9][0-9]{2})[0-9]{7,8}", fullmatch=True)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("010-12345678", True),
        ("021 1234567", True),
        ("0755-12345678", True),
        ("0571 1234567", True),
        ("011-12345678", False),  # no area code starts 01 but 010
        ("0123-1234567", False),
        ("001-12345678", False),
        ("0755-123456", False),  # six local digits
        ("020-123456789", False),  # nine
    ],
)
def test_landline_rule(text: str, valid: bool) -> None:
    assert is_valid_phone(text) is valid


@given(LANDLINES)
def test_every_valid_landline_is_masked(digits: str) -> None:
    assert is_valid_phone(digits)
    masked = mask_phones(f"拨打 {digits} 失败")
    assert digits not in masked and "****" in masked
    assert masked.endswith(f"{digits[-4:]} 失败")


@given(MOBILES)
def test_every_valid_mobile_is_masked(digits: str) -> None:
    assert is_valid_phone(digits)
    assert mask_phones(digits) == f"{digits[:3]}****{digits[-4:]}"


@pytest.mark.parametrize("text", ["01112345678", "0012345678", "12345678"])
def test_what_the_form_refuses_as_a_landline_is_not_masked_as_one(text: str) -> None:
    assert not is_valid_phone(text)
    assert mask_phones(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("13800138000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("02012345678", "020-12345678"),
        ("(0755) 1234567", "0755-1234567"),
        ("+86 20 1234 5678", "020-12345678"),
        ("12345", "12345"),  # not a phone: as it was
        ("", ""),
    ],
)
def test_display_form(text: str, shown: str) -> None:
    assert display_phone(text) == shown


@given(st.one_of(MOBILES, LANDLINES))
def test_the_display_form_is_valid_and_reads_back_the_same(digits: str) -> None:
    shown = display_phone(digits)
    assert is_valid_phone(shown)
    assert normalize_phone(shown) == digits
