"""The 队列 and 统计 tabs, each built the first time it is needed.

Most calls never look at them; a view not built holds no table, no chart and no rows,
so the work window opens sooner and idle memory after login stays lower. The lists a
view shows names from (feedback items, customer choices) arrive before it may exist:
they are kept here and handed to the view when it is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.api import Choice
from desktop_app.store.db import LocalStore

from ..tasks import BackgroundTasks
from ..widgets.lazy_tab import LazyTab
from .ports import WorkSettings

if TYPE_CHECKING:  # loaded with the view, when first shown
    from ..queue.view import QueueView
    from ..today.view import TodayView


@dataclass(frozen=True)
class ViewParts:
    """What the two views are built from."""

    store: LocalStore
    user_id: int
    tasks: BackgroundTasks  # the window's share of the pool: their reads end with it
    settings: WorkSettings
    clock: Callable[[], float]
    today: Callable[[], dt.date]


class SideViews:
    def __init__(self, parts: ViewParts, wire_queue: Callable[[QueueView], None]) -> None:
        self.queue_tab, self.today_tab = LazyTab(), LazyTab()
        self._parts, self._wire_queue = parts, wire_queue
        self._queue: QueueView | None = None
        self._today: TodayView | None = None
        self._item_names: list[str] | None = None
        self._choices: tuple[Sequence[Choice], Sequence[Choice]] | None = None

    @property
    def queue(self) -> QueueView:
        if self._queue is None:
            from ..queue.view import QueueView

            parts = self._parts
            view = self._queue = QueueView(parts.store, parts.user_id, tasks=parts.tasks)
            if self._item_names is not None:
                view.set_callback_items(self._item_names)
            if self._choices is not None:
                view.set_choices(*self._choices)
            self._wire_queue(view)
            self.queue_tab.put(view)
        return self._queue

    @property
    def today(self) -> TodayView:
        if self._today is None:
            from ..today.view import TodayView

            parts, settings = self._parts, self._parts.settings
            view = self._today = TodayView(
                parts.store,
                parts.user_id,
                clock=parts.clock,
                today=parts.today,
                tasks=parts.tasks,
                accepted_items=lambda: settings.stats_accepted_items,
                goal_per_hour=lambda: settings.stats_goal_per_hour,
            )
            if self._choices is not None:
                view.set_choices(*self._choices)
            self.today_tab.put(view)
        return self._today

    def built_queue(self) -> QueueView | None:
        return self._queue

    def built_today(self) -> TodayView | None:
        return self._today

    def set_callback_items(self, names: list[str]) -> None:
        self._item_names = names
        if self._queue is not None:
            self._queue.set_callback_items(names)

    def set_choices(self, genders: Sequence[Choice], types: Sequence[Choice]) -> None:
        self._choices = (genders, types)
        for view in (self._queue, self._today):
            if view is not None:
                view.set_choices(genders, types)
