"""The work window's 操作 menu: its actions and their keys, in one place.

The tab keys (``keymap``) are window shortcuts on these actions, so the menu is also
where a key is bound; the window connects each action to what it does.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from .keymap import QUEUE_KEY, SYNC_KEY, TODAY_KEY, WORK_KEY


@dataclass(frozen=True)
class WorkActions:
    sync: QAction  # 立即同步
    work: QAction  # the 打电话 tab
    queue: QAction  # the 队列 tab
    today: QAction  # the 统计 tab
    settings: QAction  # 设置…
    diagnostics: QAction  # 导出诊断包…
    logout: QAction  # 退出登录


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorkWindow", text)


def build_menu(window: QMainWindow) -> WorkActions:
    """Add the 操作 menu to ``window``'s menu bar; its actions, not yet connected."""
    menu = window.menuBar().addMenu(_tr("操作(&O)"))
    actions = WorkActions(
        sync=QAction(_tr("立即同步"), window, shortcut=QKeySequence(SYNC_KEY)),
        work=QAction(_tr("打电话"), window, shortcut=QKeySequence(WORK_KEY)),
        queue=QAction(_tr("队列"), window, shortcut=QKeySequence(QUEUE_KEY)),
        today=QAction(_tr("统计"), window, shortcut=QKeySequence(TODAY_KEY)),
        settings=QAction(_tr("设置…"), window),
        diagnostics=QAction(_tr("导出诊断包…"), window),
        logout=QAction(_tr("退出登录"), window),
    )
    for action in (actions.sync, actions.work, actions.queue, actions.today):
        menu.addAction(action)
    menu.addSeparator()
    for action in (actions.settings, actions.diagnostics):
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(actions.logout)
    return actions
