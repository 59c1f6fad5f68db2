"""Masking of phone numbers and passwords in text that leaves the program's memory.

Logs and the diagnostics package for IT must never hold a full customer phone number
or a password. ``mask_phone`` keeps enough of a number to tell records apart
(``159****7900``, ``020-****5678``) and leaves short numbers such as ids (29, 141) and
dates alone. ``MaskingFilter`` applies it, and password masking, to every log record.
"""

from __future__ import annotations

import logging
import re

STARS = "****"
SECRET = "***"

# A mainland mobile, optionally with its country code (+86, 0086, 86) or the trunk
# prefix 0, or written in 3-4-4 groups. Digits right before or after mean a longer
# number (an id, a timestamp), which is left alone.
_MOBILE = re.compile(
    r"(?<!\d)"
    r"(?P<prefix>(?:\+86|0086|86)[ -]?|0)?"
    r"(?P<head>1[3-9]\d)(?P<sep1>[ -]?)(?P<mid>\d{4})(?P<sep2>[ -]?)(?P<tail>\d{4})"
    r"(?!\d)"
)

# A landline with its area code: 010 and 02x have three digits, the others four
# (0755, 0571 ...); then a 7- or 8-digit local number. The area code may stand in
# parentheses and be followed by "-" or a space.
_LANDLINE = re.compile(
    r"(?<!\d)"
    r"(?P<area>\(?0(?:10|2\d|[3-9]\d\d)\)?)(?P<sep>[ -]?)(?P<local>\d{7,8})"
    r"(?!\d)"
)

# "pwd": "888", 'password': 'x', pwd=888, "user_pwd": 123 ... The key is matched without
# backtracking (a lookahead, then a possessive run), so a long word costs linear time.
_SECRET_MEMBER = re.compile(
    r"""(?P<key>(?P<q>["']?)(?<![\w-])(?=[\w-]*?(?:pwd|passwd|password))[\w-]++(?P=q))"""
    r"""(?P<eq>\s*[:=]\s*)"""
    r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&}\]\)]+)""",
    re.IGNORECASE,
)


def _mask_mobile(match: re.Match[str]) -> str:
    prefix = match.group("prefix") or ""
    return f"{prefix}{match.group('head')}{STARS}{match.group('tail')}"


def _mask_landline(match: re.Match[str]) -> str:
    local = match.group("local")
    return f"{match.group('area')}{match.group('sep')}{STARS}{local[-4:]}"


def mask_phone(text: str) -> str:
    """Every phone-number-like run in ``text`` with its middle digits replaced by ``****``.

    Mobiles keep the first three and last four digits, landlines their area code and
    last four: ``15920447900`` → ``159****7900``, ``020-12345678`` → ``020-****5678``.
    Masking masked text changes nothing.
    """
    if not text:
        return text
    masked = _MOBILE.sub(_mask_mobile, text)
    return _LANDLINE.sub(_mask_landline, masked)


def _mask_secret(match: re.Match[str]) -> str:
    value = match.group("value")
    quote = value[0] if value[:1] in ('"', "'") else ""
    return f"{match.group('key')}{match.group('eq')}{quote}{SECRET}{quote}"


def mask_secrets(text: str) -> str:
    """Password members (``"pwd": "888"``, ``password=x``) with their value replaced by ``***``."""
    lowered = text.lower()
    if "pwd" not in lowered and "passw" not in lowered:
        return text
    return _SECRET_MEMBER.sub(_mask_secret, text)


def mask_text(text: str) -> str:
    """Both maskings: what may be written to a log or handed to IT."""
    return mask_phone(mask_secrets(text))


class MaskingFilter(logging.Filter):
    """Masks phones and passwords in a record's message, traceback and stack.

    The message is formatted with its arguments first, so numbers passed as ``%s``
    arguments are masked as well; the record then carries the masked text and no
    arguments, and every handler after this filter sees only masked text.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not leak the raw arguments unmasked
            message = f"{record.msg!s} {record.args!r}"
        record.msg = mask_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True
