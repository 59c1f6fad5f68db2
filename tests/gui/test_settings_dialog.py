"""The settings dialog: inline validation, saving only what changed, locked layers, wiring."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from desktop_app.app import build_application
from desktop_app.config import Settings, load_settings
from desktop_app.demo.server import DemoServer
from desktop_app.paths import AppPaths
from desktop_app.ui.application import Application
from desktop_app.ui.settings.dialog import SettingsDialog
from desktop_app.ui.settings.fields import locked_keys
from tests.helpers.app_driver import log_in


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "config.toml"


@pytest.fixture
def make_dialog(qtbot, config_file: Path):
    def make(current: Settings | None = None, locks: dict[str, str] | None = None) -> SettingsDialog:
        dialog = SettingsDialog(current or Settings(), config_file, locks)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()  # the keyboard moves as on a desktop: a click on OK takes it
        qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
        return dialog

    return make


def saved_values(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def press_ok(qtbot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_fields_show_the_current_settings_and_where_they_are_saved(make_dialog, config_file: Path) -> None:
    current = Settings(
        server_url="https://call.example.com/estate",
        machine_no="pc-17",
        connect_timeout_s=2.5,
        read_timeout_s=12.25,
        next_phone_after_feedback=False,
        phone_reserve_size=7,
        show_expired_projects=True,
        dial_template="sip:{phone}@pbx.example.com",
        lang="en",
    )
    dialog = make_dialog(current)
    assert dialog.server_edit.text() == "https://call.example.com/estate"
    assert dialog.machine_edit.text() == "pc-17"
    assert dialog.connect_spin.value() == 2.5
    assert dialog.read_spin.value() == 12.25
    assert not dialog.next_phone_check.isChecked()
    assert dialog.reserve_spin.value() == 7
    assert dialog.expired_check.isChecked()
    assert dialog.dial_edit.text() == "sip:{phone}@pbx.example.com"
    assert dialog.lang_box.currentData() == "en"
    assert str(config_file) in dialog.file_label.text()
    assert dialog.findChild(QLabel, "settingsRestartNote").text() == "部分设置在重新启动程序后生效"
    # Nothing touched: OK writes nothing at all.
    assert dialog.changes() == {}
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not config_file.exists()


def test_ok_saves_only_the_changed_keys(qtbot, make_dialog, config_file: Path) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text('machine_no = "pc-17"\n', encoding="utf-8")
    dialog = make_dialog(Settings(machine_no="pc-17"))
    dialog.next_phone_check.setChecked(False)
    dialog.reserve_spin.setValue(5)
    dialog.dial_edit.setText("sip:{phone}@pbx.example.com")
    dialog.connect_spin.setValue(4.5)
    dialog.lang_box.setCurrentIndex(dialog.lang_box.findData("en"))
    with qtbot.waitSignal(dialog.saved, timeout=1000) as blocker:
        press_ok(qtbot, dialog)
    expected = {
        "next_phone_after_feedback": False,
        "phone_reserve_size": 5,
        "dial_template": "sip:{phone}@pbx.example.com",
        "connect_timeout_s": 4.5,
        "lang": "en",
    }
    assert blocker.args == [expected]
    assert saved_values(config_file) == {"machine_no": "pc-17", **expected}
    assert dialog.restart_needed() == ["lang"]  # the timeout applies at once (a new connection)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()


def test_a_bad_dial_template_is_explained_inline_and_ok_refuses(
    qtbot, make_dialog, config_file: Path
) -> None:
    dialog = make_dialog()
    dialog.tabs.setCurrentIndex(1)  # 打电话: the dial template's page
    error = dialog.findChild(QLabel, "settingsDialTemplateError")
    dialog.dial_edit.clear()
    qtbot.keyClicks(dialog.dial_edit, "tel:{phon}")
    assert error.isVisible()
    assert "{phone}" in error.text()
    dialog.reserve_spin.setValue(9)
    press_ok(qtbot, dialog)
    assert dialog.isVisible(), "OK must refuse while a field is wrong"
    assert dialog.dial_edit.text() == "tel:{phon}", "what was typed is kept"
    assert dialog.reserve_spin.value() == 9
    assert dialog.findChild(QLabel, "settingsSaveError").isVisible()
    assert dialog.focusWidget() is dialog.dial_edit, "the wrong field gets the focus"
    assert not config_file.exists()

    dialog.dial_edit.setText("tel:{phone}")
    assert not error.isVisible()
    press_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert saved_values(config_file) == {"phone_reserve_size": 9}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("call.example.com/estate", "缺少 http:// 或 https://"),
        ("ftp://call.example.com/estate", "只能以 http:// 或 https:// 开头"),
        ("https://call.example.com/estate?x=1", "不能带 ?"),
    ],
)
def test_a_bad_server_url_is_refused(
    qtbot, make_dialog, config_file: Path, typed: str, expected: str
) -> None:
    dialog = make_dialog()
    dialog.server_edit.setText(typed)
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert expected in dialog.problems()["server_url"]
    assert not config_file.exists()


def test_the_same_server_in_another_spelling_is_no_change(qtbot, make_dialog, config_file: Path) -> None:
    dialog = make_dialog(Settings(server_url="https://call.example.com/estate"))
    dialog.server_edit.setText(" HTTPS://Call.Example.com:443/estate/ ")
    assert "server_url" not in dialog.problems()
    assert dialog.changes() == {}
    dialog.server_edit.setText("HTTPS://Other.Example.com/estate/")
    with qtbot.waitSignal(dialog.saved, timeout=1000) as blocker:
        press_ok(qtbot, dialog)
    assert blocker.args == [{"server_url": "https://other.example.com/estate"}]
    assert saved_values(config_file) == {"server_url": "https://other.example.com/estate"}


def test_clearing_the_server_removes_it_from_the_file(qtbot, make_dialog, config_file: Path) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text('server_url = "https://old.example.com/estate"\nlang = "en"\n', encoding="utf-8")
    dialog = make_dialog(Settings(server_url="https://old.example.com/estate", lang="en"))
    dialog.server_edit.clear()
    assert "server_url" not in dialog.problems()
    with qtbot.waitSignal(dialog.saved, timeout=1000) as blocker:
        press_ok(qtbot, dialog)
    assert blocker.args == [{"server_url": None}]
    assert saved_values(config_file) == {"lang": "en"}


def test_the_ca_bundle_must_be_a_pem_file(qtbot, make_dialog, config_file: Path, tmp_path: Path) -> None:
    dialog = make_dialog()
    dialog.ca_edit.setText(str(tmp_path / "missing.pem"))
    assert "找不到 CA 证书文件" in dialog.problems()["ca_bundle"]
    not_pem = tmp_path / "notes.pem"
    not_pem.write_text("this is not a certificate\n", encoding="utf-8")
    dialog.ca_edit.setText(str(not_pem))
    assert "不是 PEM 格式" in dialog.problems()["ca_bundle"]
    press_ok(qtbot, dialog)
    assert dialog.isVisible()

    pem = tmp_path / "company-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(pem))
    dialog.ca_edit.setText(str(pem))
    assert dialog.problems() == {}
    press_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert saved_values(config_file) == {"ca_bundle": str(pem)}
    assert dialog.restart_needed() == []  # a new connection uses it at once


def test_keys_set_by_environment_or_flags_cannot_be_changed_here(make_dialog) -> None:
    loaded = load_settings(
        default_file=None,
        user_file=None,
        environ={"ESTATE_SERVER_URL": "https://env.example.com/estate", "ESTATE_READ_TIMEOUT": "nope"},
        flags={"lang": "en", "server": None, "data_dir": None, "demo": False},
    )
    locks = locked_keys(loaded)
    # The bad environment value was ignored, so it locks nothing.
    assert locks == {"server_url": "环境变量 ESTATE_SERVER_URL", "lang": "命令行 --lang"}
    dialog = make_dialog(loaded.settings, locks)
    assert not dialog.server_edit.isEnabled()
    assert dialog.server_edit.text() == "https://env.example.com/estate"
    assert dialog.server_edit.toolTip() == "由环境变量 ESTATE_SERVER_URL 设定"
    assert not dialog.lang_box.isEnabled()
    assert dialog.lang_box.toolTip() == "由命令行 --lang 设定"
    assert dialog.read_spin.isEnabled()
    # Even if a locked field's value were different, it is never written.
    dialog.server_edit.setText("https://other.example.com/estate")
    dialog.read_spin.setValue(20)
    assert dialog.changes() == {"read_timeout_s": 20.0}


def test_flags_win_over_environment_and_demo_locks_the_server(tmp_path: Path) -> None:
    loaded = load_settings(
        default_file=None,
        user_file=None,
        environ={"ESTATE_SERVER_URL": "https://env.example.com/estate"},
        flags={"server": "https://flag.example.com/estate", "data_dir": str(tmp_path)},
    )
    assert locked_keys(loaded) == {"server_url": "命令行 --server", "data_dir": "命令行 --data-dir"}
    assert "server_url" in locked_keys(None, demo=True)


def test_a_file_that_cannot_be_written_keeps_the_dialog_open(qtbot, tmp_path: Path) -> None:
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x", encoding="utf-8")
    dialog = SettingsDialog(Settings(), blocker_file / "config.toml")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reserve_spin.setValue(4)
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "设置没有保存" in dialog.findChild(QLabel, "settingsSaveError").text()
    assert dialog.reserve_spin.value() == 4


# -- wired into the application --------------------------------------------------------


@pytest.fixture
def app(qtbot, tmp_path: Path, demo_server: DemoServer) -> Iterator[Application]:
    paths = AppPaths.under(tmp_path)
    loaded = load_settings(
        default_file=None,
        user_file=paths.config_file,
        environ={"ESTATE_READ_TIMEOUT": "2", "ESTATE_CONNECT_TIMEOUT": "1"},
        flags={"server": demo_server.base_url},
    )
    application = build_application(loaded.settings, paths, start_sync=False, loaded=loaded)
    yield application
    application.shutdown()


def test_the_work_window_opens_settings_and_live_ones_apply_at_once(
    qtbot, app: Application, demo_server: DemoServer
) -> None:
    window = log_in(qtbot, app, click=True)
    assert app.supply is not None and app.supply.size == 3
    window.settingsRequested.emit()
    dialog = app.settings_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.parent() is window
    assert not dialog.server_edit.isEnabled()
    assert dialog.server_edit.toolTip() == "由命令行 --server 设定"
    assert not dialog.read_spin.isEnabled()
    assert "ESTATE_READ_TIMEOUT" in dialog.read_spin.toolTip()

    dialog.next_phone_check.setChecked(False)
    dialog.expired_check.setChecked(True)
    dialog.reserve_spin.setValue(6)
    dialog.dial_edit.setText("sip:{phone}@pbx.example.com")
    dialog.machine_edit.setText("pc-17")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: app.settings_dialog is None, timeout=2000)

    assert saved_values(app.paths.config_file) == {
        "machine_no": "pc-17",
        "next_phone_after_feedback": False,
        "phone_reserve_size": 6,
        "show_expired_projects": True,
        "dial_template": "sip:{phone}@pbx.example.com",
    }
    # Live: the running window reads them from now on; the reserve grows on its next refill.
    assert app.settings.next_phone_after_feedback is False
    assert window._settings.next_phone_after_feedback is False
    assert window._settings.show_expired_projects is True
    assert app.supply.size == 6
    assert window.card_view.dial_template() == "sip:{phone}@pbx.example.com"
    # The machine number applies at once too (the next login or re-verification sends
    # it); nothing waits for a restart, so no notice says so.
    assert app.settings.machine_no == "pc-17"
    assert app.config_settings.machine_no == "pc-17"
    assert window.findChild(QMessageBox, "settingsRestartNotice") is None

    # Opened again, the dialog shows what was saved, including what waits for a restart.
    again = app.open_settings()
    assert again.machine_edit.text() == "pc-17"
    assert not again.next_phone_check.isChecked()
    assert again.reserve_spin.value() == 6
    assert app.open_settings() is again, "one settings dialog at a time"
    again.reject()
    qtbot.waitUntil(lambda: app.settings_dialog is None, timeout=2000)


def test_a_ca_bundle_that_became_unusable_does_not_stop_the_program(qtbot, tmp_path: Path) -> None:
    bundle = tmp_path / "company-ca.pem"
    bundle.write_text("replaced by something that is not a certificate\n", encoding="utf-8")
    settings = Settings(server_url="https://call.example.com/estate", ca_bundle=str(bundle))
    application = build_application(settings, AppPaths.under(tmp_path / "data"), start_sync=False)
    try:
        box = application.login_window.findChild(QMessageBox, "noticeBox")
        assert box is not None and str(bundle) in box.text()
        assert "公共证书机构" in box.text()
        assert application.http.is_closed is False
    finally:
        application.shutdown()
