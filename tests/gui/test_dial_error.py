"""F4 拨号 that opens nothing says so on the card: the reason and the template in use.

Offscreen, Qt has no handler for any link scheme, so ``QDesktopServices.openUrl`` fails
for real here, as it does on a PC without a softphone.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from desktop_app.ui.work.phone_card import PhoneCardView
from tests.helpers.app_driver import AppFactory, log_in, wait_for_card
from tests.helpers.widgets import child

NO_HANDLER = "estate-nohandler:{phone}"


def test_a_dial_link_nothing_opens_is_reported_with_the_template(qtbot) -> None:
    assert not QDesktopServices.openUrl(QUrl("estate-nohandler:1"))  # the premise
    card = PhoneCardView(NO_HANDLER)
    qtbot.addWidget(card)
    card.show()
    card.show_phone("王先生", "13800138000", time.time())
    error = child(card, QLabel, "dialError")
    assert not error.isVisible()
    assert card.dial() is False
    assert error.isVisible()
    assert "estate-nohandler:" in error.text() and NO_HANDLER in error.text()
    assert "软电话" in error.text() and "F3" in error.text()  # what to do instead
    # The next card starts clean.
    card.show_phone("李女士", "13900139000", time.time())
    assert not error.isVisible()


def test_a_dial_that_worked_clears_the_error(qtbot, monkeypatch) -> None:
    card = PhoneCardView(NO_HANDLER)
    qtbot.addWidget(card)
    card.show()
    card.show_phone("王先生", "13800138000", time.time())
    card.dial()
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    assert card.dial() is True
    assert not child(card, QLabel, "dialError").isVisible()


def test_f4_in_the_work_window_shows_the_failure(qtbot, app_factory: AppFactory) -> None:
    app = app_factory(dial_template=NO_HANDLER)
    window = log_in(qtbot, app)
    wait_for_card(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    error = child(window, QLabel, "dialError")
    qtbot.waitUntil(error.isVisible, timeout=2000)
    assert NO_HANDLER in error.text()
