"""导出诊断包 from the running application: where it goes, what is in it, what is not."""

from __future__ import annotations

import json
import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.app import build_application
from desktop_app.config import Settings
from desktop_app.demo.server import DemoServer
from desktop_app.logsetup import setup_logging, shutdown_logging
from desktop_app.paths import AppPaths
from desktop_app.store.outbox import CallLogEntry
from desktop_app.ui.application import Application
from desktop_app.ui.diagnostics_export import default_folder, export_diagnostics
from tests.helpers.app_driver import log_in
from tests.helpers.writes import enqueue, feedback

PHONE = "13800138000"
FULL_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
PASSWORD = "888"
LOG_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}")


@pytest.fixture
def app(qtbot, tmp_path: Path, demo_server: DemoServer) -> Iterator[Application]:
    paths = AppPaths.under(tmp_path / "data")
    setup_logging(paths.log_dir, level=logging.DEBUG)
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(
        f'server_url = "{demo_server.base_url}"\n# 上次打给 {PHONE}\n', encoding="utf-8"
    )
    settings = Settings(server_url=demo_server.base_url, connect_timeout_s=1.0, read_timeout_s=2.0)
    application = build_application(settings, paths, start_sync=False)
    yield application
    application.shutdown()
    shutdown_logging()


def queue_feedback(app: Application, n: int) -> None:
    for i in range(n):
        entry = CallLogEntry(user_id=29, kind="savecallback", phone_no=PHONE, owner_name=f"业主{i}")
        enqueue(app.store, feedback(f"业主{i}", phone_no=PHONE), entry=entry)


def notice(name: str) -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == name and widget.isVisible():
            return widget
    return None


def test_the_zip_holds_logs_config_settings_and_counts_but_no_secret(
    qtbot, app: Application, tmp_path: Path
) -> None:
    log_in(qtbot, app, password=PASSWORD, click=True)
    queue_feedback(app, 3)
    logging.getLogger("desktop_app.test").warning("called %s with pwd=%s", PHONE, PASSWORD)
    suggested: list[Path] = []
    written: list[Path] = []
    target = tmp_path / "out" / "diag.zip"

    def choose(parent: QWidget | None, default: Path) -> Path:
        suggested.append(default)
        return target

    result = export_diagnostics(app, app.work_window, choose=choose, on_written=written.append)
    assert result == target
    qtbot.waitUntil(lambda: written == [target], timeout=5000)

    assert re.fullmatch(r"estate-call-诊断包-\d{8}-\d{6}\.zip", suggested[0].name)
    assert suggested[0].parent == default_folder()
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        texts = {name: archive.read(name).decode("utf-8") for name in names}
    assert {
        "logs/estate-call.log",
        "config/config.toml",
        "config/default_config.toml",
        "settings.json",
        "versions.txt",
        "outbox.json",
        "extra/sync-status.txt",
    } <= names
    assert not any(name.endswith((".db", ".sqlite", "-wal")) for name in names)
    assert "logged in" in texts["logs/estate-call.log"]
    assert json.loads(texts["outbox.json"])["queued"] == 3
    assert json.loads(texts["settings.json"])["read_timeout_s"] == 2.0
    assert "连接:" in texts["extra/sync-status.txt"]
    # Log times end in milliseconds (",888" now and then): not the password.
    everything = LOG_TIME.sub("", "\n".join(texts.values()))
    assert FULL_MOBILE.findall(everything) == []
    assert not re.search(rf"(?<!\d){PASSWORD}(?!\d)", everything), "the password never goes into the zip"

    box = notice("diagnosticsNotice")
    assert box is not None
    assert str(target) in box.text()
    box.close()


def test_cancelling_writes_nothing(qtbot, app: Application, tmp_path: Path) -> None:
    assert app.tasks.wait_idle(5000)  # the start-up work (the history's retention pass) is over
    assert export_diagnostics(app, None, choose=lambda parent, default: None) is None
    assert app.tasks.busy == 0
    assert list(tmp_path.rglob("*.zip")) == []


def test_a_folder_or_a_name_without_zip_gets_a_proper_file(qtbot, app: Application, tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    written: list[Path] = []
    into_folder = export_diagnostics(app, None, choose=lambda p, d: folder, on_written=written.append)
    no_suffix = export_diagnostics(
        app, None, choose=lambda p, d: folder / "for-it", on_written=written.append
    )
    qtbot.waitUntil(lambda: len(written) == 2, timeout=5000)
    assert into_folder is not None and into_folder.parent == folder
    assert re.fullmatch(r"estate-call-诊断包-\d{8}-\d{6}\.zip", into_folder.name)
    assert no_suffix == folder / "for-it.zip"
    assert sorted(written) == sorted([into_folder, no_suffix])
    assert all(zipfile.is_zipfile(path) for path in written)


def test_a_place_that_cannot_be_written_is_told(qtbot, app: Application, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    written: list[Path] = []
    export_diagnostics(app, None, choose=lambda p, d: blocker / "diag.zip", on_written=written.append)
    qtbot.waitUntil(lambda: notice("diagnosticsFailed") is not None, timeout=5000)
    box = notice("diagnosticsFailed")
    assert box is not None and str(blocker / "diag.zip") in box.text()
    box.close()
    assert written == []


def test_the_work_window_menu_exports(qtbot, app: Application, tmp_path: Path, monkeypatch) -> None:
    import desktop_app.ui.diagnostics_export as export

    target = tmp_path / "from-menu.zip"
    monkeypatch.setattr(export, "ask_for_target", lambda parent, default: target)
    log_in(qtbot, app, password=PASSWORD, click=True)
    assert app.work_window is not None
    app.work_window.diagnosticsRequested.emit()
    qtbot.waitUntil(target.exists, timeout=5000)
    qtbot.waitUntil(lambda: notice("diagnosticsNotice") is not None, timeout=5000)
    notice("diagnosticsNotice").close()  # type: ignore[union-attr]
