"""What the 回访 and 历史 tabs share: they show what lives on this PC only, and say so.

Both read the store on the background pool; a read's answer is shown only if no newer
read was asked for meanwhile (``_generation``). The note under each names how long IT
keeps these rows (``history_keep_days``), read again each time the tab is shown.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.store.db import LocalStore

from ..i18n import fill
from ..tasks import BackgroundTasks
from ..widgets.naming import named


def local_only_text(keep_days: int) -> str:
    return fill(
        QCoreApplication.translate(
            "CallbacksView", "回访、通话历史和备注只保存在这台电脑上，不会发送到服务器；保留 %1 天。"
        ),
        keep_days,
    )


class LocalView(QWidget):
    def __init__(
        self,
        name: str,
        store: LocalStore,
        user_id: int,
        tasks: BackgroundTasks,
        keep_days: Callable[[], int],
        clock: Callable[[], float] = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._store, self._user_id, self._tasks, self._clock = store, user_id, tasks, clock
        self._keep_days = keep_days
        self._generation = 0  # of the newest read asked for
        self.local_note = named(QLabel(local_only_text(keep_days())), "localOnlyNote")
        self.local_note.setWordWrap(True)

    def _say_where_it_lives(self) -> None:
        self.local_note.setText(local_only_text(self._keep_days()))
