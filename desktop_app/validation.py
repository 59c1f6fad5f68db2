"""The customer form's rules, apart from Qt so they can be tested exhaustively.

The old server stores text in a database that is most likely not ``utf8mb4``: a
character outside the Basic Multilingual Plane (most emoji, some rare CJK) would be
refused or mangled there, and the agent would only learn of it as a refused write
hours later. The form therefore rejects such text before it is queued, with a message
in plain words next to the field. Quotes and backslashes are fine: JSON escaping
carries them to the server unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

NAME_MAX = 20
RECOMMEND_MAX = 50
FOLLOW_MAX = 200

# Field names are the wire names of ``save_to_customer``.
NAME = "customer_name"
PHONE = "customer_phone"
GENDER = "gender_type"
TYPE = "customer_type"
RECOMMEND = "recommend"
FOLLOW = "follow_content"
FIELDS = (NAME, PHONE, GENDER, TYPE, RECOMMEND, FOLLOW)

PHONE_HINT = "请输入手机号或带区号的固话，如 13800138000 或 020-12345678"

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_LANDLINE = re.compile(r"0[1-9][0-9]{1,2}[0-9]{7,8}")  # area codes never start 00

# Emoji and pictographs that live inside the BMP, plus the joiners and selectors that
# build emoji sequences out of ordinary characters.
_EMOJI_BMP_RANGES = (
    (0x200D, 0x200D),  # zero-width joiner
    (0x20E3, 0x20E3),  # combining keycap
    (0x2300, 0x23FF),  # miscellaneous technical (⌚ ⏰ …)
    (0x2600, 0x27BF),  # miscellaneous symbols, dingbats (☀ ✂ ❤ …)
    (0x2B00, 0x2BFF),  # arrows and stars (⬆ ⭐ …)
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3297),
    (0x3299, 0x3299),
    (0xFE00, 0xFE0F),  # variation selectors
)

# Full-width digits and dashes typed with a Chinese input method.
_PHONE_TRANSLATION = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "－": "-",
        "—": "-",
        "–": "-",
        "＋": "+",
        "（": "(",
        "）": ")",
        "\u3000": " ",
    }
)
_PHONE_SEPARATORS = re.compile(r"[\s\-()]+")


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    if code > 0xFFFF:
        return 0x1F000 <= code <= 0x1FAFF or 0xE0000 <= code <= 0xE007F
    return any(low <= code <= high for low, high in _EMOJI_BMP_RANGES)


def bad_character_message(text: str) -> str | None:
    """Why ``text`` cannot be stored by the server, or None when every character is fine."""
    for ch in text:
        if _is_emoji(ch):
            return "不能包含表情符号"
        category = unicodedata.category(ch)
        if category == "Cc":
            return "不能包含换行、制表符等控制字符"
        if ord(ch) > 0xFFFF or category in ("Cs", "Co", "Cn"):
            return f"含有服务器无法保存的字符（第 {text.index(ch) + 1} 个字）"
    return None


def normalize_phone(text: str) -> str:
    """The phone number as digits: no spaces, dashes, brackets or ``+86`` / ``0086`` prefix."""
    if not isinstance(text, str):
        return ""
    digits = _PHONE_SEPARATORS.sub("", text.translate(_PHONE_TRANSLATION))
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            rest = digits[len(prefix) :]
            if _MOBILE.fullmatch(rest) or _LANDLINE.fullmatch(rest):
                return rest
            if _LANDLINE.fullmatch("0" + rest):  # +86 20 1234 5678: the area code loses its 0
                return "0" + rest
            return digits
    if len(digits) == 13 and digits.startswith("86") and _MOBILE.fullmatch(digits[2:]):
        digits = digits[2:]
    return digits


def is_valid_phone(text: str) -> bool:
    """A mainland mobile (``1[3-9]`` + 9 digits) or a landline with its area code."""
    digits = normalize_phone(text)
    return bool(_MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits))


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _check_text(field: str, label: str, value: str, maximum: int, required: bool) -> FieldError | None:
    if not value:
        return FieldError(field, f"请输入{label}") if required else None
    if len(value) > maximum:
        return FieldError(field, f"{label}最多 {maximum} 个字，现在有 {len(value)} 个")
    problem = bad_character_message(value)
    if problem:
        return FieldError(field, f"{label}{problem}")
    return None


def validate_customer(
    name: str,
    phone: str,
    gender_value: str,
    type_value: str,
    recommend: str,
    follow: str,
    *,
    genders: Sequence[str],
    types: Sequence[str],
) -> list[FieldError]:
    """Every problem of the form, at most one per field, in the order of the fields."""
    errors: list[FieldError | None] = [_check_text(NAME, "客户姓名", _text(name), NAME_MAX, True)]

    phone_text = _text(phone)
    if not phone_text:
        errors.append(FieldError(PHONE, "请输入电话号码"))
    elif not is_valid_phone(phone_text):
        errors.append(FieldError(PHONE, PHONE_HINT))

    gender = _text(gender_value)
    if not genders:
        errors.append(FieldError(GENDER, "尚未取得性别列表，请联网后重试"))
    elif gender not in genders:
        errors.append(FieldError(GENDER, "请选择性别"))

    kind = _text(type_value)
    if not types:
        errors.append(FieldError(TYPE, "尚未取得客户类型列表，请联网后重试"))
    elif kind not in types:
        errors.append(FieldError(TYPE, "请选择客户类型"))

    errors.append(_check_text(RECOMMEND, "推荐项目", _text(recommend), RECOMMEND_MAX, True))
    errors.append(_check_text(FOLLOW, "跟进内容", _text(follow), FOLLOW_MAX, False))
    return [e for e in errors if e is not None]


def customer_payload(
    name: str, phone: str, gender_value: str, type_value: str, recommend: str, follow: str
) -> dict[str, str]:
    """The ``save_to_customer`` members the form owns (the window adds ``reg_user_id``)."""
    return {
        NAME: _text(name),
        PHONE: normalize_phone(_text(phone)),
        GENDER: _text(gender_value),
        TYPE: _text(type_value),
        RECOMMEND: _text(recommend),
        FOLLOW: _text(follow),
    }
