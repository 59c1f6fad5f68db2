"""A whole call loop with the keyboard only, counting the key presses per call.

Agents make a few hundred calls a day: every step must be reachable without the mouse,
and a call must cost as few key presses as possible. Every key below goes to the
widget that has the focus (or the open popup), as a real keyboard's would; no button is
clicked and no window method is called. Chinese text cannot be typed with QTest: it is
committed into the focused field the way an input method does (``insert``).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QTabWidget

from desktop_app.config import Settings
from desktop_app.demo.server import DemoServer
from desktop_app.ui.application import Application
from tests.helpers.app_driver import log_in, number
from tests.helpers.widgets import child

DIGITS = {1: Qt.Key.Key_1, 2: Qt.Key.Key_2, 3: Qt.Key.Key_3, 4: Qt.Key.Key_4}
ACCEPTED = Qt.Key.Key_1  # 接受邀请, the first feedback item of the demo server


@pytest.fixture
def app(app_factory) -> Application:
    """The program with the shipped settings: 接受邀请 opens the customer form first."""
    assert "接受邀请" in Settings().form_first_items
    return app_factory(form_first_items=Settings().form_first_items)


@pytest.fixture
def opened_urls(monkeypatch) -> list[QUrl]:
    """What the program asked the system to open (the softphone's dial links), in order."""
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url)) or True)
    return opened


class Keyboard:
    """Presses keys on the window that has the keyboard, as a real keyboard does, and counts them.

    The keys go through Qt's platform input path to the focused window, which hands them
    to its focused widget or open popup, with shortcuts and mnemonics resolved as usual.
    """

    def __init__(self) -> None:
        self.presses = 0

    @staticmethod
    def window() -> QWindow:
        window = QGuiApplication.focusWindow()
        assert window is not None, "no window has the keyboard"
        return window

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.window(), key, modifier)
        self.presses += 1

    def type(self, text: str) -> None:
        """ASCII typed key by key (not counted: it is the content, not navigation)."""
        for char in text:
            QTest.keyClick(self.window(), char)

    @staticmethod
    def commit(text: str) -> None:
        """Text an input method commits into the focused field (QTest cannot type Chinese)."""
        target = QApplication.focusWidget()
        assert isinstance(target, QLineEdit), f"text goes into a line edit, not {type(target).__name__}"
        target.insert(text)


def focused_name() -> str:
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else ""


def pick(qtbot, keys: Keyboard, mnemonic: Qt.Key, combo: QComboBox) -> int:
    """Alt+mnemonic focuses the picker; Alt+Down opens it; Down, Enter choose the next entry."""
    keys.press(mnemonic, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is combo
    before = combo.currentIndex()
    keys.press(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: combo.view().isVisible(), timeout=2000)
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not combo.view().isVisible(), timeout=2000)
    assert combo.currentIndex() == before + 1
    return combo.currentIndex()


def test_a_whole_call_loop_with_the_keyboard_only(
    qtbot, app: Application, demo_server: DemoServer, opened_urls: list[QUrl]
) -> None:
    keys = Keyboard()

    # Log in: the 工号 field has the focus; Tab to the password, Enter logs in.
    login = app.login_window
    qtbot.waitUntil(login.isActiveWindow, timeout=3000)
    assert focused_name() == "loginUser"
    keys.type("00006")
    keys.press(Qt.Key.Key_Tab)
    assert focused_name() == "loginPassword"
    keys.type("888")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.work_window is not None, timeout=5000)
    window = app.work_window
    assert window is not None
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)  # the new window gets the keyboard by itself

    # Project and package with their mnemonics (the first ones are chosen on their own).
    projects = child(window, QComboBox, "projectPicker")
    packages = child(window, QComboBox, "packagePicker")
    qtbot.waitUntil(lambda: number(window) != "", timeout=5000)
    qtbot.waitUntil(lambda: projects.count() > 1, timeout=5000)
    pick(qtbot, keys, Qt.Key.Key_P, projects)
    chosen_project = projects.currentData()
    qtbot.waitUntil(lambda: packages.count() > 1 and packages.currentData() is not None, timeout=5000)
    pick(qtbot, keys, Qt.Key.Key_K, packages)
    chosen_package = packages.currentData()

    # F5: the next phone, from the package just chosen.
    keys.press(Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: window.card is not None and window.card.package_id == chosen_package.package_id, timeout=5000
    )
    assert window.card.pro_id == chosen_project.pro_id
    qtbot.waitUntil(lambda: child(window, QPushButton, "feedback_0").isEnabled(), timeout=5000)

    # A call without a customer: one key, the feedback, which also brings the next phone.
    for n in range(3):
        shown = number(window)
        before = keys.presses
        keys.press(DIGITS[2 + n % 3])
        assert keys.presses - before == 1
        qtbot.waitUntil(lambda shown=shown: number(window) not in ("", shown), timeout=5000)

    # A call with click-to-dial: F4 dials, the feedback key ends it. Two keys.
    for _ in range(2):
        shown = number(window)
        before = keys.presses
        keys.press(Qt.Key.Key_F4)
        assert opened_urls[-1] == QUrl(f"tel:{shown}")
        keys.press(Qt.Key.Key_2)
        assert keys.presses - before == 2
        qtbot.waitUntil(lambda shown=shown: number(window) not in ("", shown), timeout=5000)
    assert len(opened_urls) == 2

    # F3 copies the number.
    keys.press(Qt.Key.Key_F3)
    assert QApplication.clipboard().text() == number(window)

    # A call with a customer: F2 opens the form with the name field focused, the name is
    # committed by the input method, Enter saves, the feedback key ends the call.
    form = window.customer_form
    shown = number(window)
    before = keys.presses
    keys.press(Qt.Key.Key_F2)
    qtbot.waitUntil(form.isVisible, timeout=2000)
    assert focused_name() == "customerName"
    keys.commit("陈先生")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=2000)
    keys.press(Qt.Key.Key_2)
    assert keys.presses - before == 3
    qtbot.waitUntil(lambda: number(window) not in ("", shown), timeout=5000)

    # 接受邀请 with a customer: the key records the feedback and opens the form first,
    # prefilled from the card; the name is confirmed as it is, Enter saves. Two keys; the
    # next card comes once the form is saved.
    shown, owner = number(window), window.card.owner_name
    accepted_number = shown
    before = keys.presses
    keys.press(ACCEPTED)
    qtbot.waitUntil(form.isVisible, timeout=2000)
    assert focused_name() == "customerName"
    assert form.name_edit.text() == owner and form.phone_edit.text() == shown
    assert number(window) == shown  # the answered card stays in view under the form
    keys.press(Qt.Key.Key_Return)
    assert keys.presses - before == 2
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: number(window) not in ("", shown), timeout=5000)

    # Esc closes the form without saving, and the number keys work again at once.
    keys.press(Qt.Key.Key_F2)
    qtbot.waitUntil(form.isVisible, timeout=2000)
    keys.press(Qt.Key.Key_Escape)
    assert not form.isVisible()
    shown = number(window)
    keys.press(Qt.Key.Key_3)
    qtbot.waitUntil(lambda: number(window) not in ("", shown), timeout=5000)

    # The queue (F9), sync now (Ctrl+R), back to calling (F8).
    tabs = child(window, QTabWidget, "workTabs")
    keys.press(Qt.Key.Key_F9)
    assert tabs.currentWidget() is window.queue_tab and window.queue_view.isVisible()
    synced: list[bool] = []
    window.queue_view.syncNowRequested.connect(lambda: synced.append(True))
    keys.press(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    keys.press(Qt.Key.Key_F8)
    assert tabs.currentIndex() == 0

    # Everything recorded reached the server: 8 feedbacks and 2 customers.
    qtbot.waitUntil(lambda: len(demo_server.writes("savecallback")) == 8, timeout=10000)
    qtbot.waitUntil(lambda: len(demo_server.writes("save_to_customer")) == 2, timeout=10000)
    customers = [w.payload for w in demo_server.writes("save_to_customer")]
    assert [c["customer_name"] for c in customers] == ["陈先生", owner]
    assert customers[1]["customer_phone"] == accepted_number
    accepted = [
        w.payload for w in demo_server.writes("savecallback") if w.payload["phone_no"] == accepted_number
    ]
    assert [a["call_back_item_name"] for a in accepted] == ["接受邀请"]


def test_every_key_is_written_on_its_button(qtbot, app: Application) -> None:
    window = log_in(qtbot, app)
    qtbot.waitUntil(lambda: child(window, QPushButton, "feedback_0").isEnabled(), timeout=5000)

    hints = {
        "copyButton": "F3",
        "dialButton": "F4",
        "nextPhoneButton": "F5",
        "addCustomerButton": "F2",
        "customerSave": "Enter",
        "customerCancel": "Esc",
    }
    for name, key in hints.items():
        assert key in child(window, QPushButton, name).text(), name
    buttons = window.feedback.buttons()
    assert buttons
    for n, button in enumerate(buttons[:9], start=1):
        assert button.text().startswith(f"{n} "), button.text()
    tabs = child(window, QTabWidget, "workTabs")
    assert "F8" in tabs.tabText(0)
    assert "F9" in tabs.tabText(tabs.indexOf(window.queue_tab))
    labels = {
        label.buddy().objectName(): label.text() for label in window.findChildren(QLabel) if label.buddy()
    }
    assert "&P" in labels["projectPicker"] and "&K" in labels["packagePicker"]
