"""导出 CSV… of the 统计 view: ask where, write the chosen range's log on the pool, say how it went.

Kept apart from the view so that the figures and the file each have one place: the view
hands over the range, its save dialog and the picker names, and shows the notice this
class gives back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.domain.date_ranges import DayRange
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError

from ..csv_words import csv_header, csv_kind_names
from ..i18n import fill
from ..i18n.messages import render
from ..tasks import BackgroundTasks
from .day_csv import write_range_csv
from .export_place import AskPath, export_dir, remember_dir

log = logging.getLogger(__name__)

Notice = Callable[[str, str, str], None]  # text, level ("info" / "error"), tooltip


class RangeExport(QObject):
    exported = Signal(str)  # the path of a written CSV file

    def __init__(
        self,
        store: LocalStore,
        user_id: int,
        tasks: BackgroundTasks | None,
        notice: Notice,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._user_id = user_id
        self._tasks = tasks
        self._notice = notice

    def default_file_name(self, days: DayRange) -> str:
        if days.days == 1:
            return fill(self.tr("通话记录-%1.csv"), days.first.isoformat())
        return fill(self.tr("通话记录-%1至%2.csv"), days.first.isoformat(), days.last.isoformat())

    def export(
        self,
        parent: QWidget,
        days: DayRange,
        ask_path: AskPath,
        choice_names: Mapping[str, Mapping[str, str]],
    ) -> Path | None:
        """Ask where, then write ``days``' log there (atomically), on the background pool.

        Returns the path being written, or None when the agent cancelled (or, without a
        pool, when writing failed). ``exported`` says when the file is there.
        """
        default = str(export_dir(self._store) / self.default_file_name(days))
        chosen = ask_path(parent, self.tr("导出通话记录"), default, self.tr("CSV 文件 (*.csv)"))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        store, user_id = self._store, self._user_id
        header, kind_names = csv_header(), csv_kind_names()

        def work() -> int:
            return write_range_csv(
                store, days, user_id, path, header=header, kind_names=kind_names, choice_names=choice_names
            )

        outcome: list[bool] = []
        self._run(
            work,
            lambda count: outcome.append(self._exported(path, count)),
            lambda exc: outcome.append(self._export_failed(path, exc)),
        )
        return None if outcome == [False] else path

    def _exported(self, path: Path, count: int) -> bool:
        remember_dir(self._store, path.parent)
        self._notice(fill(self.tr("已导出 %1 条记录：%2"), count, path.name), "info", str(path))
        self.exported.emit(str(path))
        return True

    def _export_failed(self, path: Path, exc: BaseException) -> bool:
        if isinstance(exc, StoreError):
            why = render(exc.message)
        elif isinstance(exc, OSError):
            log.warning("CSV export to %s failed: %s", path, exc)
            why = exc.strerror or str(exc)
        else:
            log.error("CSV export failed", exc_info=exc)
            why = str(exc)
        text = fill(self.tr("导出失败：%1"), why)
        self._notice(text, "error", text)
        return False

    def _run(
        self, work: Callable[[], int], done: Callable[[int], None], failed: Callable[[BaseException], None]
    ) -> None:
        """On the pool; at once only for a view built without one (tests of the view alone)."""
        if self._tasks is not None:
            self._tasks.run(work, done, failed)
            return
        try:
            result = work()
        except Exception as exc:
            failed(exc)
            return
        done(result)
