"""The English translation is complete, and an English screen shows no Chinese of the program's own.

Two checks that fail in different ways when a string is forgotten:
- lupdate over the code against ``estate_call_en.ts``: every translatable string has a
  finished English translation (the list of gaps is the failure message);
- the whole program built with ``lang="en"`` against the demo server: every screen is
  visited and every visible text is walked; only the server's data (project, package,
  owner, feedback and type names, phone numbers) may be Chinese.
It also checks that the messages of the Qt-free layers reach the agent in English, and
photographs the English work screen (``work_en.png``, see ``tests/helpers/screens.py``).
"""

from __future__ import annotations

import re
import sqlite3
import ssl
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtGui import QAction, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPushButton,
    QSpinBox,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import desktop_app.ui.look as look_module
from desktop_app import config, i18n_build, validation
from desktop_app.api import ApiError, Malformed, NotReached
from desktop_app.api.client import connect_problem
from desktop_app.api.models import LoginResult
from desktop_app.app import build_application
from desktop_app.demo.server import DemoServer
from desktop_app.domain.codes import ApiCode, ConfigCode, InputCode, StoreCode, SyncCode
from desktop_app.domain.messages import Message, msg
from desktop_app.domain.outbox_states import State, state_message
from desktop_app.paths import AppPaths
from desktop_app.store import errors as store_errors
from desktop_app.sync import auth
from desktop_app.sync.auth import AgentSession, LoginError
from desktop_app.ui.application import Application
from desktop_app.ui.csv_words import csv_header, csv_kind_names
from desktop_app.ui.i18n.messages import render
from desktop_app.ui.queue.model import KIND, STATE
from desktop_app.ui.work.window import WorkWindow
from tests.helpers import app_driver
from tests.helpers.cjk import has_cjk
from tests.helpers.fakes import mock_api
from tests.helpers.screens import CJK_FONT, save_picture
from tests.helpers.widgets import flush_events

TS = i18n_build.TRANSLATIONS / "estate_call_en.ts"

# Widgets that show the server's data as it is: project and package names (pickers),
# the owner and the number (card), the card's project and package and the previous call's
# owner, number and result (their words are checked in the .ts), feedback item names (buttons "1 接受邀请", the resend
# picker, the charts' bars), gender and customer type names. The language picker names
# each language in itself ("中文", "English"), as language pickers do.
DATA_WIDGETS = {
    "phoneOwner",
    "phoneNumber",
    "phoneSource",
    "previousSummary",
    "projectPicker",
    "packagePicker",
    "customerGender",
    "customerType",
    "resendItemName",
    "settingsLang",
}
DATA_PREFIXES = ("feedback_",)


# -- the .ts file against the code ---------------------------------------------------------


def test_every_string_of_the_code_has_a_finished_english_translation() -> None:
    gaps = i18n_build.missing(TS)
    assert not gaps, (
        f"{len(gaps)} string(s) without English in {TS.name} (run `python -m desktop_app.i18n_build --update`, then translate):\n"
        + "\n".join(f"  [{context}] {source}" for context, source in gaps)
    )


def test_translations_keep_placeholders_and_mnemonics_and_are_english() -> None:
    problems = []
    for m in i18n_build.read_messages(TS):
        if not m.finished:
            continue
        if sorted(re.findall(r"%\d", m.source)) != sorted(re.findall(r"%\d", m.translation)):
            problems.append(f"placeholders differ: [{m.context}] {m.source} -> {m.translation}")
        if ("&" in m.source.replace("&&", "")) != ("&" in m.translation.replace("&&", "")):
            problems.append(f"mnemonic lost or added: [{m.context}] {m.source} -> {m.translation}")
        if has_cjk(m.translation):
            problems.append(f"Chinese left in: [{m.context}] {m.translation}")
        if m.source.startswith(" ") and not m.translation.startswith(" "):  # appended to other text
            problems.append(f"leading space lost: [{m.context}] {m.source!r} -> {m.translation!r}")
    assert not problems, "\n".join(problems)


def test_the_build_command_makes_a_qm_that_qt_loads(tmp_path: Path) -> None:
    (qm,) = i18n_build.build(out_dir=tmp_path)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("LoginWindow", "登录") == "Log in"
    assert i18n_build.main([]) == 0  # the project's command: resources/translations/*.qm
    assert (i18n_build.TRANSLATIONS / "estate_call_en.qm").is_file()


def test_a_new_string_in_the_code_is_reported_missing(tmp_path: Path) -> None:
    source = tmp_path / "extra.py"
    source.write_text(
        "from PySide6.QtWidgets import QWidget\n\n\nclass WorkWindow(QWidget):\n"
        "    def f(self):\n        return self.tr('一句新的话'), self.tr('队列')\n",
        encoding="utf-8",
    )
    gaps = i18n_build.missing(TS, [*i18n_build.source_files(), source])
    assert ("WorkWindow", "一句新的话") in gaps
    assert ("WorkWindow", "队列") not in gaps  # translated already


# -- English through the whole program ----------------------------------------------------


@pytest.fixture
def english(qapp) -> Iterator[None]:
    """The English catalogue installed (and removed again: the QApplication is shared)."""
    (qm,) = i18n_build.build()
    translator = QTranslator()
    assert translator.load(str(qm))
    assert QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


class _Verifiers:
    def __init__(self, known: bool) -> None:
        self._known = known

    def remember(self, user_num: str, password: str, user_id: int, user_name: str) -> None:
        pass

    def check(self, user_num: str, password: str) -> tuple[int, str] | None:
        return None

    def known(self, user_num: str) -> bool:
        return self._known


class _Client:
    def __init__(self, outcome: BaseException | LoginResult) -> None:
        self._outcome = outcome

    def login(self, user_num: str, pwd: str, machine_no: str) -> LoginResult:
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        return self._outcome


def _login_messages() -> Iterator[Message]:
    attempts: list[Callable[[], object]] = [
        lambda: auth.log_in(None, _Verifiers(False), " ", "x", "weixin"),
        lambda: auth.log_in(None, _Verifiers(False), "00006", "x", "weixin"),
        lambda: auth.log_in(None, _Verifiers(True), "00006", "x", "weixin"),
        lambda: auth.log_in(
            _Client(NotReached("login", msg(ApiCode.BAD_URL))), _Verifiers(False), "1", "x", "w"
        ),  # type: ignore[arg-type]
        lambda: auth.log_in(_Client(Malformed("login", "x")), _Verifiers(False), "1", "x", "w"),  # type: ignore[arg-type]
        lambda: auth.reverify(
            _Client(LoginResult(30, "x")),  # type: ignore[arg-type]
            _Verifiers(True),
            AgentSession("1", 29, "x", True, None, True),
            "x",
        ),
    ]
    for attempt in attempts:
        with pytest.raises(LoginError) as caught:
            attempt()
        yield caught.value.message


def _api_messages() -> Iterator[Message]:
    for code in (9, 10, 18, 19, 20, 21, 62, 64, 99):
        error = ssl.SSLCertVerificationError("certificate verify failed")
        error.verify_code = code
        error.verify_message = "certificate verify failed"
        yield connect_problem(error)
    tls = ssl.SSLError(1, "wrong version number")
    tls.reason = "WRONG_VERSION_NUMBER"
    yield connect_problem(tls)
    yield connect_problem(OSError("refused"))
    request = httpx.Request("POST", "http://127.0.0.1:9/")
    failures: list[Callable[[httpx.Request], httpx.Response]] = []
    for exc in (
        httpx.ConnectTimeout("t", request=request),
        httpx.PoolTimeout("t", request=request),
        httpx.ConnectError("c", request=request),
        httpx.UnsupportedProtocol("u", request=request),
        httpx.ReadTimeout("t", request=request),
        httpx.ReadError("r", request=request),
        httpx.DecodingError("d", request=request),
    ):

        def fail(_request: httpx.Request, exc: Exception = exc) -> httpx.Response:
            raise exc

        failures.append(fail)
    for body in (b"<html>portal</html>", b"", b'{"errmsg": ""}'):
        failures.append(lambda _request, body=body: httpx.Response(200, content=body))
    for handler in failures:
        with mock_api(handler) as client, pytest.raises(ApiError) as caught:
            client.login("00006", "x")
        yield caught.value.message


def _store_messages() -> Iterator[Message]:
    for text in ("database or disk is full", "attempt to write a readonly database", "database is locked"):
        yield store_errors.translate(sqlite3.OperationalError(text)).message
    yield store_errors.translate(sqlite3.DatabaseError("database disk image is malformed")).message
    yield store_errors.translate(sqlite3.OperationalError("no such table: x")).message


def _rendered(message: Message | None) -> str:
    return "?" if message is None else render(message)


def _config_messages(tmp_path: Path) -> Iterator[str]:
    """Rendered through ``render`` (every code in both languages: test_message_codes.py)."""
    for url in ("http://a b", "127.0.0.1:8443", "http://h:99999", "ftp://h", "http://", "http://h/?a=1"):
        yield _rendered(config.validate_server_url(url))
    for template in ("", "tel: {phone}", "tel:", "tel:{phone}{x}", "{phone}", "ftp:{phone}", "https:{phone}"):
        yield _rendered(config.validate_dial_template(template))
    for key, value in (
        ("machine_no", ""),
        ("machine_no", 5),
        ("connect_timeout_s", "x"),
        ("phone_reserve_size", 99),
        ("ca_bundle", str(tmp_path / "missing.pem")),
        ("lang", "de"),
        ("show_expired_projects", "maybe"),
        ("nonsense", 1),
    ):
        yield _rendered(config.validate_value(key, value))
    default = tmp_path / "default_config.toml"
    default.write_text("this is = = not toml\n", encoding="utf-8")
    user = tmp_path / "config.toml"
    user.write_text('colour = "red"\nlang = "de"\ndata_dir = "x"\n[window]\nx = 1\n', encoding="utf-8")
    unreadable = tmp_path / "folder.toml"
    unreadable.mkdir()
    environ = {"ESTATE_READ_TIMEOUT": "soon"}
    flags = {"lang": "fr"}
    for files in ((default, user), (unreadable, None)):
        loaded = config.load_settings(default_file=files[0], user_file=files[1], environ=environ, flags=flags)
        assert loaded.problems
        yield from (render(p.located()) for p in loaded.problems)
    for changes in ({"nonsense": 1}, {"lang": "de"}, {"data_dir": "x"}):
        with pytest.raises(config.ConfigError) as caught:
            config.save_user_settings(tmp_path / "saved.toml", changes)
        yield render(caught.value.message)


def _other_messages() -> Iterator[Message]:
    """As the sync engine records them (it needs a failing thread to produce them)."""
    yield msg(SyncCode.PASS_FAILED, "ValueError")
    yield msg(ApiCode.MALFORMED, "reply has only errmsg")
    yield msg(SyncCode.NO_SERVER)
    yield from (state_message(state) for state in State)


def test_messages_of_the_qt_free_layers_read_in_english(english: None) -> None:
    messages: list[Message | None] = [
        *(e.message for e in validation.validate_customer("", "", "", "", "", "", genders=[], types=[])),
        *(
            e.message
            for e in validation.validate_customer(
                "名" * 21, "12345", "9", "9", "项" * 51, "跟" * 201, genders=["1"], types=["1"]
            )
        ),
        *(
            e.message
            for e in validation.validate_customer(
                "王😀", "13800138000", "1", "1", "项目\n", "跟进\ue000", genders=["1"], types=["1"]
            )
        ),
        *(validation.bad_character_message(t) for t in ("😀", "a\tb", "x\ue000")),
        *_login_messages(),
        *_api_messages(),
        *_store_messages(),
        *_other_messages(),
    ]
    assert len(messages) > 50
    produced = [m for m in messages if m is not None]
    assert len(produced) == len(messages)
    untranslated = [(m, render(m)) for m in produced if has_cjk(render(m))]
    assert not untranslated, "\n".join(f"{m}\n  -> {t}" for m, t in untranslated)
    # Spot checks of the composed ones.
    too_long = msg(InputCode.TOO_LONG, msg(InputCode.FIELD_NAME), 20, 21)
    assert render(too_long) == "Customer name: at most 20 characters (now 21)"
    assert render(msg(SyncCode.NO_OFFLINE_RECORD, msg(SyncCode.SERVER_UNREACHABLE))) == (
        "Cannot reach the server, and this PC has no offline login record for this agent ID"
    )
    # The server's own words stay as they are, said to be the server's.
    assert render(msg(ApiCode.REFUSED, "call 完")) == "The server says: call 完"
    # The day's CSV file: its column names and kinds.
    assert not any(has_cjk(name) for name in [*csv_header(), *csv_kind_names().values()])


def test_configuration_messages_read_in_english(english: None, tmp_path: Path) -> None:
    """The configuration's codes, rendered as the dialog and the start-up notice show them."""
    texts = list(_config_messages(tmp_path))
    assert len(texts) > 20 and "?" not in texts
    untranslated = [t for t in texts if has_cjk(t)]
    assert not untranslated, "\n".join(untranslated)


def test_in_chinese_every_message_reads_as_it_always_did() -> None:
    too_long = msg(InputCode.TOO_LONG, msg(InputCode.FIELD_NAME), 20, 21)
    assert render(too_long) == "客户姓名最多 20 个字，现在有 21 个"
    assert render(msg(InputCode.USER_NUM_MISSING)) == "请输入工号"
    assert render(msg(ApiCode.REFUSED, "用户名或者密码错误")) == "用户名或者密码错误"
    cannot = msg(StoreCode.CANNOT_DISCARD, state_message(State.UNCERTAIN))
    assert render(cannot) == "这条记录当前为「不确定(将重试)」，不能放弃"
    dial = msg(ConfigCode.DIAL_SCHEME_UNSUPPORTED, "ftp", "tel:, sip:")
    assert render(dial) == "不支持的拨号方式 ftp:，只能用 tel:, sip:"


# -- walking the screens ----------------------------------------------------------------------


def _is_data(widget: QWidget, root: QWidget) -> bool:
    w: QWidget | None = widget
    while w is not None:
        name = w.objectName()
        if name in DATA_WIDGETS or name.startswith(DATA_PREFIXES):
            return True
        if w is root:
            return False
        w = w.parentWidget()
    return False


def _where(widget: QWidget) -> str:
    names = []
    w: QWidget | None = widget
    while w is not None and len(names) < 3:
        names.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return "/".join(reversed(names))


def _action_texts(actions: list[QAction], where: str) -> Iterator[tuple[str, str]]:
    for action in actions:
        if action.isVisible() and not action.isSeparator():
            yield f"{where} action", action.text()
            yield f"{where} action tip", action.toolTip()
            menu = action.menu()
            if isinstance(menu, QMenu):
                yield from _action_texts(menu.actions(), f"{where}/{action.text()}")


def ui_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of every text the agent can see in ``root``, the server's data left out."""
    yield f"{_where(root)} window title", root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or _is_data(widget, root):
            continue
        where = _where(widget)
        if isinstance(widget, QLabel | QAbstractButton):
            yield where, widget.text()
        if isinstance(widget, QGroupBox):
            yield where, widget.title()
        if isinstance(widget, QTabBar):
            yield from ((f"{where} tab {i}", widget.tabText(i)) for i in range(widget.count()))
        if isinstance(widget, QComboBox):
            yield from ((f"{where} item {i}", widget.itemText(i)) for i in range(widget.count()))
        if isinstance(widget, QLineEdit):
            yield f"{where} placeholder", widget.placeholderText()
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            yield f"{where} suffix", widget.suffix()
        if isinstance(widget, QAbstractSpinBox):
            yield f"{where} special", widget.specialValueText()
        if isinstance(widget, QHeaderView) and widget.model() is not None:
            for section in range(widget.count()):
                yield (
                    f"{where} header {section}",
                    str(widget.model().headerData(section, widget.orientation()) or ""),
                )
        if isinstance(widget, QMenuBar):
            yield from _action_texts(widget.actions(), where)
        if hasattr(widget, "empty_text") and hasattr(widget, "title"):  # the today view's charts
            yield f"{where} chart", f"{widget.title()} {widget.empty_text()}"
        yield f"{where} tooltip", widget.toolTip()
        yield f"{where} accessible name", widget.accessibleName()


def chinese_in(root: QWidget, data: tuple[str, ...] = ()) -> list[str]:
    """Visible texts of ``root`` with Chinese in them, once the given data strings are taken out."""
    found = []
    for where, text in ui_texts(root):
        rest = text
        for value in data:
            rest = rest.replace(value, "")
        if has_cjk(rest):
            found.append(f"{where}: {text!r}")
    return found


def test_the_walk_finds_an_untranslated_label(qtbot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    layout.addWidget(QLabel("Log in"))
    layout.addWidget(QLabel("未翻译"))
    owner = QLabel("王先生")
    owner.setObjectName("phoneOwner")
    layout.addWidget(owner)
    button = QPushButton("Next")
    button.setToolTip("下一个")
    layout.addWidget(button)
    root.show()
    assert [entry.split(": ", 1)[1] for entry in chinese_in(root)] == ["'未翻译'", "'下一个'"]


def _truncated(root: QWidget) -> list[str]:
    """Buttons, one-line labels and placeholders narrower than their text needs."""
    cut = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLineEdit) and widget.placeholderText():
            needed = widget.fontMetrics().horizontalAdvance(widget.placeholderText()) + 12  # frame, margins
            if widget.width() < needed:
                cut.append(
                    f"{_where(widget)}: placeholder {widget.placeholderText()!r} {widget.width()} < {needed}"
                )
        one_line = isinstance(widget, QLabel) and not widget.wordWrap() and widget.text()
        if (
            isinstance(widget, QPushButton) or one_line
        ) and widget.width() < widget.minimumSizeHint().width():
            cut.append(
                f"{_where(widget)}: {widget.text()!r} {widget.width()} < {widget.minimumSizeHint().width()}"
            )
    return cut


@pytest.fixture
def english_app(qtbot, tmp_path: Path, demo_server: DemoServer, monkeypatch) -> Iterator[Application]:
    """The program built with ``lang="en"``; its translators are removed again afterwards."""
    i18n_build.build()  # as `bash run.sh test` does before pytest
    installed: list[QTranslator] = []
    real = look_module.install_translators

    def recording(app: Any, lang: str) -> list[QTranslator]:
        translators = real(app, lang)
        installed.extend(translators)
        return translators

    monkeypatch.setattr(look_module, "install_translators", recording)
    locale = QLocale()
    # The undo window off: a feedback goes at once, as the waits below expect.
    settings = config.Settings(server_url=demo_server.base_url, lang="en", undo_window_s=0.0)
    application = build_application(settings, AppPaths.under(tmp_path))
    try:
        assert any(t.filePath().endswith("estate_call_en.qm") for t in installed), "English was not loaded"
        yield application
    finally:
        application.shutdown()
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(locale)


def _log_in(qtbot, app: Application) -> WorkWindow:
    """Logged in, with a card, its feedback keys and the customer form's lists loaded."""
    window = app_driver.log_in(qtbot, app)
    qtbot.waitUntil(lambda: window.card is not None and bool(window.feedback.buttons()), timeout=5000)
    qtbot.waitUntil(lambda: window.feedback.buttons()[0].isEnabled(), timeout=5000)
    qtbot.waitUntil(lambda: window.customer_form.type_box.itemData(0) is not None, timeout=5000)
    return window


def test_every_screen_in_english_shows_no_chinese_of_the_program(
    qtbot, english_app: Application, demo_server: DemoServer, tmp_path: Path
) -> None:
    app = english_app
    assert not has_cjk(app.qt_app.applicationDisplayName())

    # Login, with a message of its own.
    login = app.login_window
    qtbot.keyClick(login.findChild(QLineEdit, "loginUser"), Qt.Key.Key_Return)
    login.findChild(QLineEdit, "loginUser").setText("")
    qtbot.mouseClick(login.findChild(QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
    assert login.findChild(QLabel, "loginError").text() == "Enter your agent ID"
    assert chinese_in(login) == []

    # The work screen with a card, the status bar and the menu.
    window = _log_in(qtbot, app)
    user = window.session.user_name
    assert "Online" in window.findChild(QLabel, "connectionState").text()
    assert chinese_in(window, (user,)) == []

    # The customer form, with messages from the validation rules.
    qtbot.keyClick(window, Qt.Key.Key_F2)
    form = window.customer_form
    qtbot.waitUntil(form.isVisible, timeout=2000)
    form.name_edit.setText("")
    form.phone_edit.setText("12345")
    form.follow_edit.setText("跟进😀")
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)
    assert form.errors() == {
        "customer_name": "Enter the customer's name",
        "customer_phone": "Enter a mobile number or a landline with area code, e.g. 13800138000 or 020-12345678",
        "follow_content": "Follow-up must not contain emoji",
    }
    assert chinese_in(window, (user,)) == []
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Escape)

    # A feedback, then the queue with its rows.
    qtbot.keyClick(window, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(demo_server.writes("savecallback")) == 1, timeout=5000)
    # The server has it; the outbox records so a moment later (the CSV file below shows it).
    qtbot.waitUntil(lambda: app.store.outbox().counts()[State.SENT] == 1, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    queue = window.queue_view
    assert window.findChild(QTabWidget, "workTabs").currentWidget() is window.queue_tab
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1, timeout=5000)
    for row in range(queue.model.rowCount()):
        for column in (KIND, STATE):
            text = queue.model.data(queue.model.index(row, column))
            assert not has_cjk(text), text
    assert chinese_in(window, (user,)) == []

    # The 统计 view.
    window.show_today()
    today = window.today_view
    qtbot.waitUntil(today.isVisible, timeout=2000)
    project = window.card.pro_name if window.card else ""
    assert chinese_in(window, (user, project)) == []
    # Its CSV file: the column names and kinds in English too (the data stays as recorded).
    target = tmp_path / "today.csv"
    today.ask_path = lambda *_args: str(target)
    with qtbot.waitSignal(today.exported):
        today.findChild(QPushButton, "exportCsvButton").click()
    header, row = target.read_bytes().decode("utf-8-sig").splitlines()[:2]
    assert header == (
        "Time,Kind,Project,Package,Customer,Phone,Feedback,CRM customer name,Gender,Customer type,"
        "Recommended project,Follow-up,Time on card (s),Dial to result (s),State,Note"
    )
    assert row.split(",")[1] == "Feedback" and row.split(",")[-2:] == ["Synced", ""]  # state, no note
    qtbot.keyClick(window, Qt.Key.Key_F8)

    # The settings dialog, with a refused dial link.
    dialog = app.open_settings()
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    item_names = app.settings.form_first_items + app.settings.stats_accepted_items  # the server's words
    for page in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(page)
        assert chinese_in(dialog, item_names) == []
        assert _truncated(dialog) == []
    dialog.tabs.setCurrentIndex(1)  # the dial link's page
    dial = dialog.findChild(QLineEdit, "settingsDialTemplate")
    dial.setText("ftp:{phone}")
    error = dialog.findChild(QLabel, "settingsDialTemplateError")
    assert error.isVisible() and error.text().startswith("Unsupported dial scheme ftp:")
    assert chinese_in(dialog, item_names) == []
    dialog.reject()


@pytest.mark.screenshots
def test_the_english_work_screen_reads_well_at_1366x768(qtbot, english_app: Application) -> None:
    window = _log_in(qtbot, english_app)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366 and window.height() == 768, timeout=2000)
    flush_events()  # the layout pass the resize posted
    assert _truncated(window) == []
    assert window.findChild(QPushButton, "nextPhoneButton").text() == "Next number (F5)"
    assert window.findChild(QPushButton, "addCustomerButton").text() == "Add to CRM (F2)"
    if CJK_FONT in QFontDatabase.families():
        assert window.font().family() == CJK_FONT
        save_picture(window.grab(), "work_en.png")
