"""Click-to-dial and copy: the configured link opens with the number, safely encoded.

``QDesktopServices.openUrl`` is replaced by a recorder: the test checks the exact URL
the program hands to the system (which then starts the softphone), never a real call.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl, QUrlQuery
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPushButton

from desktop_app.config import dial_link, load_settings, validate_dial_template
from desktop_app.ui.application import Application
from desktop_app.ui.i18n.messages import render
from desktop_app.ui.work.phone_card import PhoneCardView
from tests.helpers.app_driver import AppFactory, log_in, number_label


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", record)
    return urls


@pytest.fixture
def card_for(qtbot):  # type: ignore[no-untyped-def]
    """A phone card in a window of its own (its F-keys are window shortcuts), showing a number."""

    def make(template: str, phone: str = "13800138000") -> PhoneCardView:
        card = PhoneCardView(template)
        qtbot.addWidget(card)
        card.show()
        card.activateWindow()
        qtbot.waitUntil(card.isActiveWindow, timeout=3000)
        card.show_phone("王先生", phone, time.time())
        return card

    return make


@pytest.mark.parametrize(
    ("template", "expected"),
    [("tel:{phone}", "tel:13800138000"), ("sip:{phone}@pbx", "sip:13800138000@pbx")],
)
def test_the_dial_button_and_f4_open_the_configured_link(
    qtbot, card_for, opened: list[QUrl], template: str, expected: str
) -> None:
    card = card_for(template)
    qtbot.mouseClick(card.dial_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(card, Qt.Key.Key_F4)
    assert [url.toString(QUrl.ComponentFormattingOption.FullyEncoded) for url in opened] == [expected] * 2
    assert all(url.isValid() for url in opened)
    assert opened[0].scheme() == template.split(":")[0]
    assert "F4" in card.dial_button.text()


def test_a_changed_template_is_used_from_the_next_dial(qtbot, card_for, opened: list[QUrl]) -> None:
    card = card_for("tel:{phone}")
    card.set_dial_template("sip:{phone}@pbx")
    qtbot.keyClick(card, Qt.Key.Key_F4)
    assert opened == [QUrl("sip:13800138000@pbx")]


def test_no_card_no_dial(qtbot, card_for, opened: list[QUrl]) -> None:
    card = card_for("tel:{phone}")
    card.show_empty("没有号码")
    assert not card.dial_button.isEnabled()
    qtbot.keyClick(card, Qt.Key.Key_F4)
    assert opened == []


@pytest.mark.parametrize(
    ("phone", "encoded"),
    [
        ("020-12345678", "020-12345678"),
        ("+8613800138000", "+8613800138000"),
        (" 13800138000 ", "13800138000"),
        ("138 0013 8000", "138%200013%208000"),
        ("138#1", "138%231"),
        ("138?x=1", "138%3Fx%3D1"),
        ("138@127.0.0.1", "138%40127.0.0.1"),
        ("138/../x", "138%2F..%2Fx"),
        ("1380013800０", "1380013800%EF%BC%90"),
    ],
)
def test_the_number_is_url_safe(qtbot, card_for, opened: list[QUrl], phone: str, encoded: str) -> None:
    """Whatever the number holds, it stays one opaque part of the link: no fragment, no host, no path."""
    assert dial_link("tel:{phone}", phone) == f"tel:{encoded}"
    card = card_for("sip:{phone}@pbx", phone)
    qtbot.keyClick(card, Qt.Key.Key_F4)
    (url,) = opened
    assert url.toString(QUrl.ComponentFormattingOption.FullyEncoded) == f"sip:{encoded}@pbx"
    assert url.scheme() == "sip" and not url.hasFragment() and not url.hasQuery() and url.host() == ""


def test_a_web_dial_link_gets_the_number_as_one_query_value(qtbot, card_for, opened: list[QUrl]) -> None:
    card = card_for("https://127.0.0.1:8443/dial?number={phone}", "138&number=999")
    qtbot.keyClick(card, Qt.Key.Key_F4)
    (url,) = opened
    items = QUrlQuery(url).queryItems(QUrl.ComponentFormattingOption.FullyDecoded)
    assert items == [("number", "138&number=999")]
    assert url.host() == "127.0.0.1" and url.port() == 8443


@pytest.mark.parametrize(
    ("template", "says"),
    [
        ("", "不能为空"),
        ("   ", "不能为空"),
        ("tel:{phon}", "{phone}"),
        ("tel:", "{phone}"),
        ("{phone", "{phone}"),
        ("tel:{phone}{ext}", "只能有 {phone}"),
        ("tel: {phone}", "空格"),
        ("13800138000{phone}", "tel:"),
        ("ftp:{phone}", "ftp:"),
        ("javascript:{phone}", "javascript:"),
        ("https:{phone}", "https://"),
    ],
)
def test_a_malformed_template_is_refused_with_a_clear_message(template: str, says: str) -> None:
    message = validate_dial_template(template)
    assert message is not None and says in render(message), message


@pytest.mark.parametrize(
    "template", ["tel:{phone}", "sip:{phone}@pbx", "callto:{phone}", "https://127.0.0.1:8443/dial?n={phone}"]
)
def test_good_templates_are_accepted(template: str) -> None:
    assert validate_dial_template(template) is None


def test_a_malformed_template_in_the_config_file_keeps_the_default(tmp_path: Path) -> None:
    user = tmp_path / "config.toml"
    user.write_text('dial_template = "tel:{phon}"\n', encoding="utf-8")
    loaded = load_settings(default_file=None, user_file=user, environ={}, flags={})
    assert loaded.settings.dial_template == "tel:{phone}"
    assert [p.source.line for p in loaded.problems] == [1]
    assert "{phone}" in render(loaded.problems[0].message)


def test_the_copy_button_and_f3_put_the_number_on_the_clipboard(qtbot, card_for) -> None:
    clipboard = QGuiApplication.clipboard()
    card = card_for("tel:{phone}", "13912345678")
    clipboard.setText("")
    qtbot.mouseClick(card.copy_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == "13912345678"
    card.show_phone("李女士", "020-87654321", time.time())
    qtbot.keyClick(card, Qt.Key.Key_F3)
    assert clipboard.text() == "020-87654321"
    assert "F3" in card.copy_button.text()


def test_the_configured_template_reaches_the_work_window(
    qtbot, app_factory: AppFactory, opened: list[QUrl]
) -> None:
    window = log_in(qtbot, app_factory(dial_template="sip:{phone}@pbx"))
    number = number_label(window)
    qtbot.waitUntil(lambda: number.text() != "", timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert opened == [QUrl(f"sip:{number.text()}@pbx")]
    qtbot.mouseClick(window.findChild(QPushButton, "dialButton"), Qt.MouseButton.LeftButton)
    assert len(opened) == 2 and opened[1] == opened[0]


def test_a_template_saved_in_the_settings_dialog_is_used_at_once(
    qtbot, app: Application, opened: list[QUrl]
) -> None:
    window = log_in(qtbot, app)
    number = number_label(window)
    qtbot.waitUntil(lambda: number.text() != "", timeout=5000)

    dialog = app.open_settings()
    dialog.findChild(QLineEdit, "settingsDialTemplate").setText("sip:{phone}@pbx")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "sip:{phone}@pbx" in app.paths.config_file.read_text(encoding="utf-8")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert opened == [QUrl(f"sip:{number.text()}@pbx")]
