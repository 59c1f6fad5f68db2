"""Every message the core can produce reads in both languages, its arguments filled in.

The codes come from the one registry (``desktop_app.domain.codes.ALL``), so a code added
to any area, the configuration's included, is checked here without touching this file.
The window renders through Qt's installed translators and the command line through its
own catalogue: both must say the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from desktop_app import i18n_build
from desktop_app.cli.words import translator
from desktop_app.domain.codes import ALL, ApiCode, InputCode, SyncCode
from desktop_app.domain.messages import Message, MessageCode, msg
from desktop_app.ui.i18n.messages import render, template_of
from desktop_app.ui.look import install_translators
from tests.helpers.cjk import has_cjk

CODES = [code for area in ALL for code in area]
_PLACEHOLDER = re.compile(r"%([1-9][0-9]?)")


@contextmanager
def language(qapp: QApplication, lang: str) -> Iterator[None]:
    """The program's translators for ``lang`` installed, as at start-up; removed afterwards."""
    locale = QLocale()
    installed = install_translators(qapp, lang)
    try:
        yield
    finally:
        for catalogue in installed:
            QCoreApplication.removeTranslator(catalogue)
        QLocale.setDefault(locale)


def sample(code: MessageCode) -> Message:
    """``code`` with one argument per placeholder of its words; each argument holds Chinese."""
    count = max((int(n) for n in _PLACEHOLDER.findall((template_of(code) or ("", ""))[1])), default=0)
    return msg(code, *(f"参数{n}" for n in range(1, count + 1)))


@pytest.fixture(scope="module")
def catalogue() -> None:
    i18n_build.build()  # as `bash run.sh test` does before pytest


def test_the_registry_has_codes_of_every_area() -> None:
    assert {type(code).__name__ for code in CODES} >= {
        "ApiCode",
        "StoreCode",
        "SyncCode",
        "InputCode",
        "CommandCode",
        "ConfigCode",
    }
    assert len(CODES) == len({code.value for code in CODES})


@pytest.mark.parametrize("code", CODES, ids=[code.value for code in CODES])
def test_every_code_renders_in_both_languages(qapp: QApplication, catalogue: None, code: MessageCode) -> None:
    assert template_of(code) is not None, f"{code.value} has no words in ui/i18n/"
    message = sample(code)
    with language(qapp, "zh_CN"):
        chinese = render(message)
    with language(qapp, "en"):
        english = render(message)
    command_line = render(message, translator("en"))

    for text in (chinese, english):
        assert code.value not in text, text
        assert not _PLACEHOLDER.search(text), f"{code.value}: placeholder left in {text!r}"
        assert all(arg in text for arg in message.args), f"{code.value}: argument missing in {text!r}"
    assert english != chinese
    words = english
    for arg in message.args:
        words = words.replace(str(arg), "")
    assert not has_cjk(words), f"{code.value}: Chinese left in {english!r}"
    assert command_line == english, "the command line says what the window says"
    assert render(message, translator("zh_CN")) == chinese


def test_nested_messages_and_lists_are_rendered_in_the_same_language(
    qapp: QApplication, catalogue: None
) -> None:
    why = msg(SyncCode.NO_OFFLINE_RECORD, msg(SyncCode.SERVER_UNREACHABLE))
    too_long = msg(InputCode.TOO_LONG, msg(InputCode.FIELD_FOLLOW), 200, 201)
    names = msg(ApiCode.REFUSED, ("甲%2", "乙"))
    with language(qapp, "zh_CN"):
        assert render(why) == "无法连接服务器，且本机没有该工号的离线登录记录"
        assert render(too_long) == "跟进内容最多 200 个字，现在有 201 个"
        assert render(names) == "甲%2、乙"  # an argument holding %2 is never filled again
    with language(qapp, "en"):
        assert (
            render(why)
            == "Cannot reach the server, and this PC has no offline login record for this agent ID"
        )
        assert render(too_long) == "Follow-up: at most 200 characters (now 201)"
        assert render(names) == "The server says: 甲%2, 乙"
