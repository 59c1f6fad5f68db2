"""The project and package pickers fed from the lists, and the agent's choice passed on.

The projects come from ``ListLoader``; the one selected is the card's, else the one
this agent chose last time (``WorkPrefs``). A chosen project loads its packages; a
chosen package goes to the call flow, which shows a phone of it. A list that cannot be
had says why on the card.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from desktop_app.api import Package, Project
from desktop_app.sync.reference import ListUnavailable, Loaded

from ..i18n import fill, timefmt
from ..i18n.messages import render
from .call_flow import CallFlow
from .card_state import Reason, Why
from .lists import ListLoader
from .pickers import Pickers
from .ports import WorkSettings
from .prefs import PACKAGE_ID, PRO_ID, WorkPrefs


class PickersFeed:
    def __init__(
        self,
        pickers: Pickers,
        lists: ListLoader,
        flow: CallFlow,
        prefs: WorkPrefs,
        settings: WorkSettings,
        *,
        today: Callable[[], dt.date],
        clock: Callable[[], float],
    ) -> None:
        self._pickers = pickers
        self._lists = lists
        self._flow = flow
        self._prefs = prefs
        self._settings = settings
        self._today = today
        self._clock = clock
        lists.projectsLoaded.connect(self._projects_loaded)
        lists.projectsFailed.connect(self._projects_failed)
        lists.packagesLoaded.connect(self._packages_loaded)
        lists.packagesFailed.connect(self._packages_failed)
        pickers.projectChosen.connect(self._project_chosen)
        pickers.packageChosen.connect(self._package_chosen)

    def _projects_loaded(self, loaded: Loaded[Project]) -> None:
        if self._flow.closed:
            return
        self._show_source(loaded)
        card = self._flow.card
        wanted = card.pro_id if card else self._prefs.remembered(PRO_ID)
        self._pickers.set_projects(
            loaded.items, self._today(), self._settings.show_expired_projects, select_id=wanted
        )
        if self._pickers.current_project() is None:
            self._project_chosen(None)

    def _projects_failed(self, exc: BaseException) -> None:
        if self._flow.closed:
            return
        message = render(exc.message) if isinstance(exc, ListUnavailable) else str(exc)
        self._pickers.set_source(
            fill(QCoreApplication.translate("WorkWindow", "无法加载项目：%1"), message), stale=True
        )
        self._flow.explain(Why(Reason.NO_PROJECTS))

    def _project_chosen(self, project: Project | None) -> None:
        self._flow.choose_project(project)
        if project is None:
            self._pickers.clear_packages(QCoreApplication.translate("WorkWindow", "(请先选择项目)"))
            return
        self._prefs.remember(PRO_ID, project.pro_id)
        self._pickers.clear_packages(QCoreApplication.translate("WorkWindow", "正在加载…"))
        self._lists.load_packages(project)

    def _packages_loaded(self, project: Project, loaded: Loaded[Package]) -> None:
        if self._flow.closed or self._flow.project != project:
            return
        if loaded.error and loaded.reached:  # refused, e.g. 联动项目已删除、或者过期
            self._pickers.clear_packages(QCoreApplication.translate("WorkWindow", "(没有信息包)"))
            self._flow.choose_package(None, Why(Reason.PACKAGES_REFUSED, loaded.error))
            return
        card = self._flow.card
        if card is not None and card.pro_id == project.pro_id:
            wanted: int | None = card.package_id
        else:
            wanted = self._prefs.remembered(PACKAGE_ID)
        self._pickers.set_packages(loaded.items, select_id=wanted)

    def _packages_failed(self, _exc: BaseException) -> None:
        if not self._flow.closed:
            self._pickers.clear_packages(QCoreApplication.translate("WorkWindow", "(无法加载信息包)"))
            self._flow.choose_package(None, Why(Reason.NO_PACKAGES))

    def _package_chosen(self, package: Package | None) -> None:
        if package is not None:
            self._prefs.remember(PACKAGE_ID, package.package_id)
        self._flow.choose_package(package)

    def _show_source(self, loaded: Loaded[Project]) -> None:
        if loaded.live:
            self._pickers.set_source("", stale=False)
            return
        if loaded.fetched_at is None:
            text = QCoreApplication.translate("WorkWindow", "离线数据")
        else:
            age = timefmt.ago(self._clock() - loaded.fetched_at)
            text = fill(QCoreApplication.translate("WorkWindow", "离线数据，%1更新"), age)
        self._pickers.set_source(text, stale=True)
