"""Masking of phone numbers and secrets in text that leaves the program's memory.

Logs and the diagnostics package for IT must never hold a full customer phone number
or a password. ``mask_phone`` keeps enough of a number to tell records apart
(``159****7900``, ``020-****5678``; the rules are ``domain.phones``) and leaves short
numbers such as ids (29, 141) and dates alone. What counts as a secret is
``SECRET_WORDS``, here only: the log filter and the diagnostics package both use it.
``MaskingFilter`` applies both maskings to every log record.
"""

from __future__ import annotations

import logging
import re

from desktop_app.domain.phones import STARS, mask_phones

SECRET = "***"
# A key naming one of these words holds a secret (pwd, user_pwd, api_token, secret_key …).
SECRET_WORDS = ("password", "passwd", "pwd", "secret", "token")
SECRET_KEY_PATTERN = "(?:" + "|".join(SECRET_WORDS) + ")"

__all__ = [
    "SECRET",
    "SECRET_WORDS",
    "STARS",
    "MaskingFilter",
    "is_secret_key",
    "mask_phone",
    "mask_secrets",
    "mask_text",
]


def is_secret_key(key: str) -> bool:
    """Whether a setting, JSON member or form field named ``key`` holds a secret."""
    lowered = key.lower()
    return any(word in lowered for word in SECRET_WORDS)


# "pwd": "888", 'password': 'x', pwd=888, "user_pwd": 123 ... The key is matched without
# backtracking (a lookahead, then a possessive run), so a long word costs linear time.
_SECRET_MEMBER = re.compile(
    rf"""(?P<key>(?P<q>["']?)(?<![\w-])(?=[\w-]*?{SECRET_KEY_PATTERN})[\w-]++(?P=q))"""
    r"""(?P<eq>\s*[:=]\s*)"""
    r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&}\]\)]+)""",
    re.IGNORECASE,
)


def mask_phone(text: str) -> str:
    """Every phone number in ``text`` with its middle digits replaced by ``****`` (see ``domain.phones``)."""
    return mask_phones(text)


def _mask_secret(match: re.Match[str]) -> str:
    value = match.group("value")
    quote = value[0] if value[:1] in ('"', "'") else ""
    return f"{match.group('key')}{match.group('eq')}{quote}{SECRET}{quote}"


def mask_secrets(text: str) -> str:
    """Secret members (``"pwd": "888"``, ``password=x``, ``token: t``) with their value replaced by ``***``."""
    lowered = text.lower()
    if not any(word in lowered for word in SECRET_WORDS):
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
