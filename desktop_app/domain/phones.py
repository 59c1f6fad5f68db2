"""Mainland China phone numbers: one set of rules for the form, the logs and the CSV file.

- a mobile is ``1[3-9]`` and nine more digits;
- a landline is an area code and a 7- or 8-digit local number. Area codes are
  ``010`` and ``02x`` (three digits with the trunk 0) or ``0[3-9]xx`` (four digits);
  no area code starts ``00`` or ``01`` other than ``010``.

``normalize_phone`` turns what an agent types (full-width digits, dashes, brackets,
``+86``) into digits; ``is_valid_phone`` says whether the customer form accepts it;
``display_phone`` is the form a spreadsheet keeps as text; ``mask_phones`` hides the
middle of every number in a text before it is logged or handed to IT.
"""

from __future__ import annotations

import re

# Pattern pieces, shared by the whole-number checks and the search in free text.
MOBILE_HEAD = r"1[3-9]\d"  # the three digits that say "mobile"
AREA_CODE = r"0(?:10|2\d|[3-9]\d\d)"
LOCAL_NUMBER = r"\d{7,8}"

# Whole numbers: ASCII digits only (an Arabic-Indic digit is no phone digit); the search
# in free text below also finds other digits, to mask rather too much than too little.
_MOBILE = re.compile(MOBILE_HEAD + r"\d{8}", re.ASCII)
_LANDLINE = re.compile(f"(?P<area>{AREA_CODE})(?P<local>{LOCAL_NUMBER})", re.ASCII)

STARS = "****"

# Full-width digits and dashes typed with a Chinese input method.
_PHONE_TRANSLATION = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "\uff0d": "-",  # full-width hyphen-minus
        "\u2014": "-",  # em dash
        "\u2013": "-",  # en dash
        "\uff0b": "+",  # full-width plus
        "\uff08": "(",  # full-width brackets
        "\uff09": ")",
        "\u3000": " ",  # ideographic space
    }
)
_PHONE_SEPARATORS = re.compile(r"[\s\-()]+")


def is_mobile(digits: str) -> bool:
    return _MOBILE.fullmatch(digits) is not None


def is_landline(digits: str) -> bool:
    return _LANDLINE.fullmatch(digits) is not None


def normalize_phone(text: str) -> str:
    """The phone number as digits: no spaces, dashes, brackets or ``+86`` / ``0086`` prefix."""
    if not isinstance(text, str):
        return ""
    digits = _PHONE_SEPARATORS.sub("", text.translate(_PHONE_TRANSLATION))
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            rest = digits[len(prefix) :]
            if is_mobile(rest) or is_landline(rest):
                return rest
            if is_landline("0" + rest):  # +86 20 1234 5678: the area code loses its 0
                return "0" + rest
            return digits
    if len(digits) == 13 and digits.startswith("86") and is_mobile(digits[2:]):
        digits = digits[2:]
    return digits


def is_valid_phone(text: str) -> bool:
    """A mainland mobile, or a landline with its area code."""
    digits = normalize_phone(text)
    return is_mobile(digits) or is_landline(digits)


def display_phone(text: str) -> str:
    """A valid number in the form people write it (``13800138000``, ``020-12345678``); other text unchanged.

    The dash after the area code also keeps a spreadsheet from reading a landline as a
    number and dropping its leading 0.
    """
    digits = normalize_phone(text)
    if is_mobile(digits):
        return digits
    landline = _LANDLINE.fullmatch(digits)
    if landline:
        return f"{landline.group('area')}-{landline.group('local')}"
    return text


# In free text: a mobile, optionally with its country code (+86, 0086, 86) or the trunk
# prefix 0, or written in 3-4-4 groups. Digits right before or after mean a longer
# number (an id, a timestamp), which is left alone.
_MOBILE_IN_TEXT = re.compile(
    r"(?<!\d)"
    r"(?P<prefix>(?:\+86|0086|86)[ -]?|0)?"
    rf"(?P<head>{MOBILE_HEAD})(?P<sep1>[ -]?)(?P<mid>\d{{4}})(?P<sep2>[ -]?)(?P<tail>\d{{4}})"
    r"(?!\d)"
)
# A landline: the area code may stand in brackets and be followed by "-" or a space.
_LANDLINE_IN_TEXT = re.compile(
    rf"(?<!\d)(?P<area>\(?{AREA_CODE}\)?)(?P<sep>[ -]?)(?P<local>{LOCAL_NUMBER})(?!\d)"
)


def _mask_mobile(match: re.Match[str]) -> str:
    prefix = match.group("prefix") or ""
    return f"{prefix}{match.group('head')}{STARS}{match.group('tail')}"


def _mask_landline(match: re.Match[str]) -> str:
    local = match.group("local")
    return f"{match.group('area')}{match.group('sep')}{STARS}{local[-4:]}"


def mask_phones(text: str) -> str:
    """Every phone number in ``text`` with its middle digits replaced by ``****``.

    Mobiles keep the first three and last four digits, landlines their area code and
    last four: ``15920447900`` → ``159****7900``, ``020-12345678`` → ``020-****5678``.
    Short numbers (ids, dates) are left alone; masking masked text changes nothing.
    """
    if not text:
        return text
    return _LANDLINE_IN_TEXT.sub(_mask_landline, _MOBILE_IN_TEXT.sub(_mask_mobile, text))
