"""The customer form's rules, apart from Qt so they can be tested exhaustively.

The old server stores text in a database that is most likely not ``utf8mb4``: a
character outside the Basic Multilingual Plane (most emoji, some rare CJK) would be
refused or mangled there, and the agent would only learn of it as a refused write
hours later. The form therefore rejects such text before it is queued, with a message
next to the field (a ``Message``, ``InputCode``; the window words it). Quotes and
backslashes are fine: JSON escaping carries them to the server unchanged. Phone
numbers follow ``domain.phones``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.domain.codes import InputCode
from desktop_app.domain.messages import Message, msg
from desktop_app.domain.phones import is_valid_phone, normalize_phone
from desktop_app.domain.writes import CUSTOMER_FIELDS

NAME_MAX = 20
RECOMMEND_MAX = 50
FOLLOW_MAX = 200

# Field names are the wire names of ``save_to_customer``.
FIELDS = CUSTOMER_FIELDS
NAME, PHONE, GENDER, TYPE, RECOMMEND, FOLLOW = FIELDS

__all__ = [
    "FIELDS",
    "FieldError",
    "bad_character_message",
    "customer_payload",
    "is_valid_phone",
    "normalize_phone",
    "validate_customer",
]

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


@dataclass(frozen=True)
class FieldError:
    field: str
    message: Message


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    if code > 0xFFFF:
        return 0x1F000 <= code <= 0x1FAFF or 0xE0000 <= code <= 0xE007F
    return any(low <= code <= high for low, high in _EMOJI_BMP_RANGES)


def bad_character_message(text: str) -> Message | None:
    """Why ``text`` cannot be stored by the server, or None when every character is fine."""
    problem = _bad_character(text)
    if problem is None:
        return None
    code, position = problem
    return msg(code, position) if position else msg(code)


# A text problem of a named field: the same problem, the field's name in front.
_IN_FIELD = {
    InputCode.EMOJI: InputCode.FIELD_EMOJI,
    InputCode.CONTROL_CHARACTER: InputCode.FIELD_CONTROL_CHARACTER,
    InputCode.UNSUPPORTED_CHARACTER: InputCode.FIELD_UNSUPPORTED_CHARACTER,
}


def _bad_character(text: str) -> tuple[InputCode, int] | None:
    """The first problem and, for an unsupported character, its position (1-based; else 0)."""
    for position, ch in enumerate(text, 1):
        if _is_emoji(ch):
            return InputCode.EMOJI, 0
        category = unicodedata.category(ch)
        if category == "Cc":
            return InputCode.CONTROL_CHARACTER, 0
        if ord(ch) > 0xFFFF or category in ("Cs", "Co", "Cn"):
            return InputCode.UNSUPPORTED_CHARACTER, position
    return None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _check_text(
    field: str, label: InputCode, value: str, maximum: int, missing: InputCode | None
) -> FieldError | None:
    """``missing`` is the message for an empty required field; None: the field may stay empty."""
    if not value:
        return FieldError(field, msg(missing)) if missing else None
    if len(value) > maximum:
        return FieldError(field, msg(InputCode.TOO_LONG, msg(label), maximum, len(value)))
    problem = _bad_character(value)
    if problem:
        code, position = problem
        args = (msg(label), position) if position else (msg(label),)
        return FieldError(field, msg(_IN_FIELD[code], *args))
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
    errors: list[FieldError | None] = [
        _check_text(NAME, InputCode.FIELD_NAME, _text(name), NAME_MAX, InputCode.NAME_MISSING)
    ]

    phone_text = _text(phone)
    if not phone_text:
        errors.append(FieldError(PHONE, msg(InputCode.PHONE_MISSING)))
    elif not is_valid_phone(phone_text):
        errors.append(FieldError(PHONE, msg(InputCode.PHONE_INVALID)))

    gender = _text(gender_value)
    if not genders:
        errors.append(FieldError(GENDER, msg(InputCode.GENDERS_UNKNOWN)))
    elif gender not in genders:
        errors.append(FieldError(GENDER, msg(InputCode.GENDER_MISSING)))

    kind = _text(type_value)
    if not types:
        errors.append(FieldError(TYPE, msg(InputCode.TYPES_UNKNOWN)))
    elif kind not in types:
        errors.append(FieldError(TYPE, msg(InputCode.TYPE_MISSING)))

    errors.append(
        _check_text(
            RECOMMEND, InputCode.FIELD_RECOMMEND, _text(recommend), RECOMMEND_MAX, InputCode.RECOMMEND_MISSING
        )
    )
    errors.append(_check_text(FOLLOW, InputCode.FIELD_FOLLOW, _text(follow), FOLLOW_MAX, None))
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
