"""The rules of single values: what each setting accepts and the typed value it becomes.

Used for every layer alike (files, environment, flags) and by the settings dialog as
the agent types, so a value is judged the same wherever it is written. A refusal is a
``Message`` with a ``ConfigCode``; the words are the UI's.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from desktop_app.domain import server_url
from desktop_app.domain.codes import ConfigCode
from desktop_app.domain.messages import Message, MessageError, msg

from .settings import (
    ACCEPTED_ITEMS_MAX,
    BOOLEAN_KEYS,
    CONNECT_TIMEOUT_RANGE,
    DIAL_SCHEMES,
    GOAL_PER_HOUR_RANGE,
    KEEP_DAYS_RANGE,
    KEYS,
    LANGS,
    MACHINE_NO_MAX,
    PHONE_PLACEHOLDER,
    READ_TIMEOUT_RANGE,
    REQUEST_DEADLINE_RANGE,
    RESERVE_RANGE,
    TIME_OF_DAY_KEYS,
    UNDO_WINDOW_RANGE,
)


class InvalidValue(MessageError):
    """A value that cannot be used for its setting; ``message`` says why."""


def validate_server_url(text: str) -> Message | None:
    """None for a usable entry URL, else why not (the one rule: ``domain.server_url``)."""
    return server_url.check(text)


def validate_dial_template(text: str) -> Message | None:
    """None for a usable click-to-dial template, else why not.

    The template must hold the placeholder ``{phone}`` (and no other braces) after a
    scheme the program allows: ``tel:{phone}``, ``sip:{phone}@pbx`` and
    ``callto:{phone}`` are fine; ``tel:{phon}``, ``{phone`` and ``tel:`` are not.
    """
    if not text.strip():
        return msg(ConfigCode.DIAL_EMPTY)
    if any(ch.isspace() for ch in text):
        return msg(ConfigCode.DIAL_SPACE)
    if PHONE_PLACEHOLDER not in text:
        return msg(ConfigCode.DIAL_NO_PLACEHOLDER)
    rest = text.replace(PHONE_PLACEHOLDER, "")
    if "{" in rest or "}" in rest:
        return msg(ConfigCode.DIAL_OTHER_BRACES)
    scheme, colon, after = text.partition(":")
    if not colon or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme):
        return msg(ConfigCode.DIAL_NO_SCHEME)
    if scheme.lower() not in DIAL_SCHEMES:
        return msg(ConfigCode.DIAL_SCHEME_UNSUPPORTED, scheme, ", ".join(f"{s}:" for s in DIAL_SCHEMES))
    if scheme.lower() in ("http", "https") and not after.startswith("//"):
        return msg(ConfigCode.DIAL_WEB_FORM)
    return None


def dial_link(template: str, phone: str) -> str:
    """The link to open for ``phone``; the number is percent-encoded into the template."""
    return template.replace(PHONE_PLACEHOLDER, quote(phone.strip(), safe="+-"))


def validate_value(key: str, value: Any) -> Message | None:
    """None when ``value`` is acceptable for setting ``key``, else why not."""
    try:
        coerce(key, value, base_dir=None)
    except InvalidValue as exc:
        return exc.message
    return None


def coerce(key: str, value: Any, base_dir: Path | None) -> Any:
    """The typed value for ``key``, or ``InvalidValue``.

    Relative paths are taken from ``base_dir`` (the folder of the file they were
    written in), else from the current folder.
    """
    if key not in KEYS:
        raise InvalidValue(msg(ConfigCode.UNKNOWN_KEY, key))
    if key == "server_url":
        url = _text(value)
        if not url:
            return None
        try:
            return server_url.normalize(url)
        except server_url.ServerUrlError as exc:
            raise InvalidValue(exc.message) from None
    if key == "machine_no":
        machine = _text(value)
        if not machine or len(machine) > MACHINE_NO_MAX:
            raise InvalidValue(msg(ConfigCode.MACHINE_NO, MACHINE_NO_MAX))
        return machine
    if key == "connect_timeout_s":
        return _seconds(value, *CONNECT_TIMEOUT_RANGE)
    if key == "read_timeout_s":
        return _seconds(value, *READ_TIMEOUT_RANGE)
    if key == "request_deadline_s":
        return _seconds(value, *REQUEST_DEADLINE_RANGE)
    if key == "ca_bundle":
        bundle = _path(value, base_dir)
        if bundle is not None and not bundle.is_file():
            raise InvalidValue(msg(ConfigCode.CA_MISSING, str(bundle)))
        return None if bundle is None else str(bundle)
    if key == "phone_reserve_size":
        return _reserve(value)
    if key == "dial_template":
        template = _text(value)
        problem = validate_dial_template(template)
        if problem is not None:
            raise InvalidValue(problem)
        return template
    if key == "lang":
        return _lang(value)
    if key == "undo_window_s":
        return _seconds(value, *UNDO_WINDOW_RANGE)
    if key == "stats_goal_per_hour":
        return _number(value, *GOAL_PER_HOUR_RANGE)
    if key == "stats_accepted_items":
        return _items(value)
    if key in TIME_OF_DAY_KEYS:
        return _time_of_day(value)
    if key == "history_keep_days":
        return _keep_days(value)
    if key == "data_dir":
        return _path(value, base_dir)
    if key == "form_first_items":
        return _text_list(value)
    assert key in BOOLEAN_KEYS, key
    return _boolean(value)


def _text(value: Any) -> str:
    if isinstance(value, Path):
        return str(value)
    if not isinstance(value, str):
        raise InvalidValue(msg(ConfigCode.NOT_TEXT))
    return value.strip()


def _text_list(value: Any) -> tuple[str, ...]:
    """Names, each once, in the order written (a feedback item's name as the server spells it)."""
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise InvalidValue(msg(ConfigCode.NOT_TEXT_LIST))
    names = (item.strip() for item in value)
    return tuple(dict.fromkeys(name for name in names if name))


def _bound(number: float) -> int | float:
    """A bound as an agent reads it: ``60`` rather than ``60.0``."""
    return int(number) if float(number).is_integer() else number


def _seconds(value: Any, low: float, high: float) -> float:
    refusal = InvalidValue(msg(ConfigCode.SECONDS_RANGE, _bound(low), _bound(high)))
    if isinstance(value, bool):
        raise refusal
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise refusal from None
    else:
        raise refusal
    if not math.isfinite(number) or not low <= number <= high:
        raise refusal
    return number


def _number(value: Any, low: float, high: float) -> float:
    """A plain number within bounds (a goal, not a time)."""
    try:
        return _seconds(value, low, high)
    except InvalidValue:
        raise InvalidValue(msg(ConfigCode.NUMBER_RANGE, _bound(low), _bound(high))) from None


def _items(value: Any) -> tuple[str, ...]:
    """A list of item names, e.g. ["接受邀请", "已到访"]; a single text is a list of one."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or len(value) > ACCEPTED_ITEMS_MAX:
        raise InvalidValue(msg(ConfigCode.TEXT_LIST, ACCEPTED_ITEMS_MAX))
    names = []
    for one in value:
        if not isinstance(one, str) or not one.strip():
            raise InvalidValue(msg(ConfigCode.TEXT_LIST, ACCEPTED_ITEMS_MAX))
        names.append(one.strip())
    return tuple(names)


def _reserve(value: Any) -> int:
    low, high = RESERVE_RANGE
    return _whole_number(value, low, high, msg(ConfigCode.RESERVE_RANGE, low, high))


def _whole_number(value: Any, low: int, high: int, refused: Message) -> int:
    """A whole number in ``low``–``high``, written as a number or as digits in quotes."""
    refusal = InvalidValue(refused)
    if isinstance(value, bool):
        raise refusal
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"\s*[0-9]+\s*", value):
        number = int(value)
    else:
        raise refusal
    if not low <= number <= high:
        raise refusal
    return number


def time_of_day(text: str) -> dt.time:
    """An ``HH:MM`` setting as a time of day (the text was checked by ``coerce``)."""
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def _time_of_day(value: Any) -> str:
    text = _text(value)
    found = re.fullmatch(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", text)
    if found is None:
        raise InvalidValue(msg(ConfigCode.TIME_OF_DAY))
    return f"{int(found.group(1)):02d}:{found.group(2)}"


def _keep_days(value: Any) -> int:
    low, high = KEEP_DAYS_RANGE
    return _whole_number(value, low, high, msg(ConfigCode.DAYS_RANGE, low, high))


def _lang(value: Any) -> str:
    lang = _text(value).replace("-", "_").lower()
    for known in LANGS:
        if lang in (known.lower(), known.split("_")[0].lower()):
            return known
    raise InvalidValue(msg(ConfigCode.LANG_UNKNOWN))


_TRUE = ("true", "1", "yes", "on", "是")
_FALSE = ("false", "0", "no", "off", "否")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise InvalidValue(msg(ConfigCode.NOT_BOOLEAN))


def _path(value: Any, base_dir: Path | None) -> Path | None:
    text = _text(value)
    if not text:
        return None
    path = Path(os.path.expandvars(os.path.expanduser(text)))
    if not path.is_absolute():
        path = (base_dir / path) if base_dir is not None else path.absolute()
    return path
