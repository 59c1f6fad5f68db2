"""The customer form's rules: what the old server can store, in plain-word messages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.codes import InputCode
from desktop_app.domain.messages import msg
from desktop_app.validation import (
    FOLLOW,
    GENDER,
    NAME,
    PHONE,
    RECOMMEND,
    TYPE,
    FieldError,
    customer_payload,
    is_valid_phone,
    normalize_phone,
    validate_customer,
)

PHONE_HINT = msg(InputCode.PHONE_INVALID)
GENDERS = ["U", "W", "M"]
TYPES = ["01", "02", "03"]


def check(
    name: str = "张三",
    phone: str = "13800138000",
    gender: str = "M",
    kind: str = "01",
    recommend: str = "碧桂园",
    follow: str = "",
) -> list[FieldError]:
    return validate_customer(name, phone, gender, kind, recommend, follow, genders=GENDERS, types=TYPES)


def fields(errors: list[FieldError]) -> list[str]:
    return [e.field for e in errors]


def test_a_complete_form_is_valid() -> None:
    assert check() == []
    assert check(follow="下周三再联系") == []


def test_every_empty_required_field_is_reported_in_field_order() -> None:
    errors = validate_customer("", " ", "", "", "  ", "", genders=GENDERS, types=TYPES)
    assert fields(errors) == [NAME, PHONE, GENDER, TYPE, RECOMMEND]
    messages = {e.field: e.message for e in errors}
    assert messages[NAME] == msg(InputCode.NAME_MISSING)
    assert messages[PHONE] == msg(InputCode.PHONE_MISSING)
    assert messages[GENDER] == msg(InputCode.GENDER_MISSING)
    assert messages[TYPE] == msg(InputCode.TYPE_MISSING)
    assert messages[RECOMMEND] == msg(InputCode.RECOMMEND_MISSING)


@pytest.mark.parametrize(
    "phone",
    [
        "13800138000",
        "199 1234 5678",
        "138-0013-8000",
        "+86 138 0013 8000",
        "008613800138000",
        "8613800138000",
        "１３８００１３８０００",
        "020-12345678",
        "02012345678",
        "0755-1234567",
        "0755 12345678",
        "(020)12345678",
    ],
)
def test_accepted_phones(phone: str) -> None:
    assert is_valid_phone(phone)
    assert check(phone=phone) == []


@pytest.mark.parametrize(
    "phone",
    [
        "12800138000",
        "1380013800",
        "138001380001",
        "20-12345678",
        "020-123456",
        "020-1234567890",
        "011-12345678",  # 010 is the only area code starting 01
        "0123-1234567",
        "0755-123456",  # a four-digit area code and six digits: too short
        "0012345678",
        "abc",
        "1380013800a",
        "110",
        "+1 415 555 0100",
        "1380013800\u0661",  # an Arabic-Indic digit is not a phone digit
    ],
)
def test_rejected_phones_explain_the_format(phone: str) -> None:
    assert check(phone=phone) == [FieldError(PHONE, PHONE_HINT)]


def test_normalize_phone() -> None:
    assert normalize_phone(" +86 138-0013-8000 ") == "13800138000"
    assert normalize_phone("0086 13800138000") == "13800138000"
    assert normalize_phone("020-1234 5678") == "02012345678"
    assert normalize_phone("（０２０）１２３４５６７８") == "02012345678"
    # a landline starting with 86 is not a country code
    assert normalize_phone("8612345678") == "8612345678"


def test_lengths_are_counted_in_characters_and_reported_not_cut() -> None:
    assert check(name="王" * 20) == []
    errors = check(name="王" * 21)
    assert errors == [FieldError(NAME, msg(InputCode.TOO_LONG, msg(InputCode.FIELD_NAME), 20, 21))]
    assert check(recommend="项" * 50) == []
    assert fields(check(recommend="项" * 51)) == [RECOMMEND]
    assert check(follow="跟" * 200) == []
    assert fields(check(follow="跟" * 201)) == [FOLLOW]


def test_surrounding_spaces_do_not_count() -> None:
    assert check(name="  " + "王" * 20 + "  ") == []


@pytest.mark.parametrize("text", ["张三😀", "❤李四", "王⭐五", "赵\u200d六", "陈7\ufe0f\u20e3"])
def test_emoji_are_rejected_everywhere(text: str) -> None:
    assert check(name=text) == [FieldError(NAME, msg(InputCode.FIELD_EMOJI, msg(InputCode.FIELD_NAME)))]
    assert fields(check(recommend=text)) == [RECOMMEND]
    assert fields(check(follow=text)) == [FOLLOW]


def test_characters_outside_the_bmp_are_rejected() -> None:
    errors = check(name="吉𠮷")  # a rare CJK character the old database cannot store
    assert errors == [
        FieldError(NAME, msg(InputCode.FIELD_UNSUPPORTED_CHARACTER, msg(InputCode.FIELD_NAME), 2))
    ]


@pytest.mark.parametrize("text", ["张\t三", "张\n三", "张\x00三", "张\x7f三"])
def test_control_characters_are_rejected(text: str) -> None:
    assert check(name=text) == [
        FieldError(NAME, msg(InputCode.FIELD_CONTROL_CHARACTER, msg(InputCode.FIELD_NAME)))
    ]
    assert fields(check(follow=text)) == [FOLLOW]


def test_quotes_and_backslashes_are_allowed_and_kept() -> None:
    name = 'O\'Neil "老"王\\'
    follow = "客户说“下周再看”，'确定'\\"
    assert check(name=name[:20], follow=follow) == []
    payload = customer_payload(name, "138 0013 8000", "M", "01", "碧桂园", follow)
    assert payload == {
        NAME: name,
        PHONE: "13800138000",
        GENDER: "M",
        TYPE: "01",
        RECOMMEND: "碧桂园",
        FOLLOW: follow,
    }


def test_gender_and_type_must_come_from_the_server_lists() -> None:
    assert fields(check(gender="X")) == [GENDER]
    assert fields(check(kind="99")) == [TYPE]
    errors = validate_customer("张三", "13800138000", "M", "01", "碧桂园", "", genders=[], types=[])
    assert errors == [
        FieldError(GENDER, msg(InputCode.GENDERS_UNKNOWN)),
        FieldError(TYPE, msg(InputCode.TYPES_UNKNOWN)),
    ]


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_every_mobile_number_passes(phone: str) -> None:
    assert normalize_phone(phone) == phone
    assert check(phone=phone) == []
    assert check(phone=f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}") == []


# Area codes: 010 and 02x (three digits), 03xx to 09xx (four digits).
@given(st.from_regex(r"0(10|2[0-9]|[3-9][0-9]{2})-?[0-9]{7,8}", fullmatch=True))
def test_every_landline_with_area_code_passes(phone: str) -> None:
    assert check(phone=phone) == []
    assert check(phone=f"+86 {phone[1:]}") == []  # dialled from abroad, without the 0


def test_country_prefixes_are_only_stripped_before_a_real_number() -> None:
    assert normalize_phone("0086 138 0013 8000") == "13800138000"
    assert normalize_phone("+86-20-12345678") == "02012345678"
    assert normalize_phone("00860000000") == "00860000000"
    assert check(phone="00860000000") != []


EMOJI = st.one_of(
    st.integers(0x1F300, 0x1FAFF).map(chr),
    st.sampled_from(["❤", "☀", "✂", "⭐", "⌚", "\u200d", "\ufe0f"]),
)
SAFE_TEXT = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=8)


@given(SAFE_TEXT, EMOJI, SAFE_TEXT)
def test_text_with_an_emoji_never_passes(before: str, emoji: str, after: str) -> None:
    text = before + emoji + after
    assert NAME in fields(check(name=text))
    assert RECOMMEND in fields(check(recommend=text))
    assert FOLLOW in fields(check(follow=text))


ANY = st.text(max_size=60)


@given(ANY, ANY, ANY, ANY, ANY, ANY, st.lists(ANY, max_size=3), st.lists(ANY, max_size=3))
def test_validation_never_raises(
    name: str, phone: str, gender: str, kind: str, rec: str, follow: str, gs: list[str], ts: list[str]
) -> None:
    errors = validate_customer(name, phone, gender, kind, rec, follow, genders=gs, types=ts)
    assert len({e.field for e in errors}) == len(errors)
    assert all(e.message for e in errors)
    customer_payload(name, phone, gender, kind, rec, follow)
