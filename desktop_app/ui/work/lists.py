"""The lists behind the pickers and the forms: from the server, else this PC's copy.

Projects, a project's packages, the feedback items and the customer choices are loaded
on the background pool (``sync.reference`` decides server or cache) and handed to the
window by signal. Whether the server answered is told to the sync engine on the way, so
the status bar learns of it even before the next write.
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app.api import CallbackItem, Package, Project
from desktop_app.store.db import LocalStore
from desktop_app.sync.reference import (
    CustomerChoices,
    Loaded,
    load_callback_items,
    load_customer_choices,
    load_packages,
    load_projects,
)

from ..tasks import BackgroundTasks
from .ports import EngineLike

log = logging.getLogger(__name__)


class Lists(Enum):
    NOT_LOADED = "not loaded"  # nothing yet, or the last try failed
    LOADING = "loading"  # the projects are on their way
    CACHED = "cached"  # this PC's copy: load again when the server is back
    LIVE = "live"  # fresh from the server


class ListLoader(QObject):
    projectsLoaded = Signal(object)  # Loaded[Project]
    projectsFailed = Signal(object)  # the exception: ListUnavailable when there is no list at all
    packagesLoaded = Signal(object, object)  # Project, Loaded[Package]
    packagesFailed = Signal(object)  # the exception
    callbackItemsLoaded = Signal(object)  # list[CallbackItem]
    choicesLoaded = Signal(object)  # CustomerChoices

    def __init__(
        self,
        engine: EngineLike,
        store: LocalStore,
        tasks: BackgroundTasks,
        user_id: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._store = store
        self._tasks = tasks
        self._user_id = user_id
        self.state = Lists.NOT_LOADED
        self.choices: CustomerChoices | None = None

    def load_projects(self) -> None:
        """Load the projects, unless a load is on its way already."""
        if self.state is Lists.LOADING:
            return
        self.state = Lists.LOADING
        # Each store object belongs to the thread that made it: make them in the worker.
        factory, store, user_id = self._engine.client, self._store, self._user_id
        self._tasks.run(
            lambda: load_projects(factory, store.cache(), user_id), self._projects, self._no_projects
        )

    def load_packages(self, project: Project) -> None:
        factory, store, user_id = self._engine.client, self._store, self._user_id

        def work() -> Loaded[Package]:
            return load_packages(factory, store.cache(), user_id, project.pro_id)

        self._tasks.run(work, lambda loaded: self._packages(project, loaded), self.packagesFailed.emit)

    def load_reference_lists(self) -> None:
        """The feedback items and the customer form's choices."""
        factory, store = self._engine.client, self._store
        self._tasks.run(
            lambda: load_callback_items(factory, store.cache()), self._callback_items, self._failed
        )
        self._tasks.run(lambda: load_customer_choices(factory, store.cache()), self._choices, self._failed)

    def _projects(self, loaded: Loaded[Project]) -> None:
        self.state = Lists.LIVE if loaded.live else Lists.CACHED
        self._note_server(loaded)
        self.projectsLoaded.emit(loaded)

    def _no_projects(self, exc: BaseException) -> None:
        self.state = Lists.NOT_LOADED
        self.projectsFailed.emit(exc)

    def _packages(self, project: Project, loaded: Loaded[Package]) -> None:
        self._note_server(loaded)
        self.packagesLoaded.emit(project, loaded)

    def _callback_items(self, loaded: Loaded[CallbackItem]) -> None:
        self._note_server(loaded)
        self.callbackItemsLoaded.emit(loaded.items)

    def _choices(self, choices: CustomerChoices) -> None:
        self.choices = choices
        self.choicesLoaded.emit(choices)

    def _failed(self, exc: BaseException) -> None:
        log.info("list unavailable: %s", exc)

    def _note_server(self, loaded: Loaded[Any]) -> None:
        if loaded.reached:
            self._engine.note_reachable()
        elif loaded.error:
            self._engine.note_unreachable(loaded.error)
