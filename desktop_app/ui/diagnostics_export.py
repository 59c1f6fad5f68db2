"""导出诊断包: the menu command that puts the diagnostics zip where the agent chooses.

The agent picks the file (by default on the desktop, named with the date and time);
what goes in it is decided by ``desktop_app.diagnostics`` (logs, configuration files,
effective settings, queue counts, sync status; nothing secret, no full phone number).
Reading and compressing the logs can take a moment, so the zip is written on the
background pool and a non-blocking notice says where it went.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.config import LoadedConfig, Settings
from desktop_app.diagnostics import write_diagnostics_zip
from desktop_app.paths import AppPaths, default_config_file
from desktop_app.store.db import LocalStore
from desktop_app.sync.status import SyncStatus

from .i18n import fill
from .i18n.messages import render
from .notices import Notices
from .tasks import BackgroundTasks

log = logging.getLogger(__name__)

# (parent, suggested path) → the chosen path, or None when the agent cancels
ChooseTarget = Callable[[QWidget | None, Path], Path | None]


class DiagnosticsHost(Notices, Protocol):
    """What the export reads of the running program (``Application`` has it all)."""

    settings: Settings
    loaded: LoadedConfig | None
    paths: AppPaths
    store: LocalStore
    tasks: BackgroundTasks

    def status(self) -> SyncStatus: ...



def default_name(now: float | None = None) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    return f"estate-call-诊断包-{stamp}.zip"


def default_folder() -> Path:
    """The desktop when there is one, else the home folder."""
    desktop = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DesktopLocation)
    if desktop and Path(desktop).is_dir():
        return Path(desktop)
    return Path.home()


def ask_for_target(parent: QWidget | None, suggested: Path) -> Path | None:
    """The save-file dialog (outside the call loop: a menu command)."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("DiagnosticsExport", "导出诊断包"),
        str(suggested),
        QCoreApplication.translate("DiagnosticsExport", "压缩包 (*.zip)"),
    )
    return Path(chosen) if chosen else None


def _when(timestamp: float | None) -> str:
    if timestamp is None:
        return "无"
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M:%S")


def status_text(status: SyncStatus) -> str:
    """The sync engine's status, one fact a line, for IT."""
    online = {True: "在线", False: "离线", None: "未知"}[status.online]
    lines = [
        f"连接: {online}(自 {_when(status.since)})",
        f"服务器: {status.base_url or '未设置'}",
        f"待发送: {status.queued}",
        f"发送中: {status.in_flight}",
        f"未确认: {status.uncertain}",
        f"需处理: {status.attention}",
        f"上次同步成功: {_when(status.last_success)}",
        f"最近的错误: {status.last_error or '无'}",
    ]
    return "\n".join(lines) + "\n"


def export_diagnostics(
    app: DiagnosticsHost,
    parent: QWidget | None,
    *,
    choose: ChooseTarget | None = None,
    on_written: Callable[[Path], None] | None = None,
) -> Path | None:
    """Ask where to put the 诊断包 and write it there in the background.

    ``choose`` asks for the file (default: ``ask_for_target``, the save-file dialog).
    Returns the path being written, or None when the agent cancelled. When the zip is
    on disk, a notice (object name ``diagnosticsNotice``) says where, and
    ``on_written(path)`` is called; a failure is told the same way
    (``diagnosticsFailed``).
    """
    target = (choose or ask_for_target)(parent, default_folder() / default_name())
    if target is None:
        return None
    if target.is_dir():
        target = target / default_name()
    elif target.suffix.lower() != ".zip":
        target = target.with_name(target.name + ".zip")

    # Gathered on the UI thread (cheap); the counts and the zip on the pool (they grow).
    settings: Settings = app.settings
    store = app.store
    extra = {"sync-status.txt": status_text(app.status())}
    if app.loaded is not None and app.loaded.problems:
        extra["config-problems.txt"] = "\n".join(render(p.located()) for p in app.loaded.problems) + "\n"
    if app.store.recovered_from is not None:
        extra["recovered-database.txt"] = f"损坏的数据库已移到 {app.store.recovered_from}\n"
    config_files = [app.paths.config_file]
    it_default = default_config_file()
    if it_default.is_file():
        config_files.append(it_default)
    log_dir = app.paths.log_dir

    def work() -> Path:
        counts = {str(state): count for state, count in store.outbox().counts().items()}
        return write_diagnostics_zip(
            target,
            log_dir=log_dir,
            config_files=config_files,
            settings=settings,
            outbox_counts=counts,
            extra=extra,
        )

    def done(written: Path) -> None:
        log.info("diagnostics written to %s", written)
        app.tell(
            QCoreApplication.translate("DiagnosticsExport", "诊断包已导出"),
            fill(
                QCoreApplication.translate(
                    "DiagnosticsExport", "诊断包已保存到：\n%1\n\n请把这个文件发给 IT。"
                ),
                written,
            ),
            parent,
            icon=QMessageBox.Icon.Information,
            name="diagnosticsNotice",
        )
        if on_written is not None:
            on_written(written)

    def failed(exc: BaseException) -> None:
        log.warning("diagnostics not written to %s: %s", target, exc)
        app.tell(
            QCoreApplication.translate("DiagnosticsExport", "诊断包没有导出"),
            fill(QCoreApplication.translate("DiagnosticsExport", "无法写入 %1：%2"), target, exc),
            parent,
            name="diagnosticsFailed",
        )

    app.tasks.run(work, done, failed)
    return target
