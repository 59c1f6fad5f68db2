"""Puts the follow-ups into the work window: the panel under the card, the 回访 and 历史 tabs,
their keys, and the controller that ties them to the card. Kept out of ``work.window`` so
the window stays a shell that lists its parts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QWidget

from desktop_app.store.db import LocalStore
from desktop_app.store.history import DEFAULT_KEEP_DAYS

from ..i18n import fill
from ..tasks import BackgroundTasks
from ..widgets.key_help import KeyHelp
from ..widgets.lazy_tab import LazyTab
from ..work.call_flow import CallFlow
from ..work.call_page import CallPage
from ..work.keymap import CALLBACK_KEY, CALLBACKS_KEY, HISTORY_KEY, NOTE_KEY
from ..work.phone_card import PhoneCardView
from ..work.status_bar import SyncStatusBar
from .controller import FollowUps, day_times
from .panel import FollowUpsPanel

if TYPE_CHECKING:  # built, and loaded, when first shown
    from .callbacks_view import CallbacksView
    from .history_view import HistoryView


@dataclass(frozen=True)
class WindowParts:
    """What the follow-ups take from the work window (which builds this, and imports us)."""

    window: QWidget
    store: LocalStore
    tasks: BackgroundTasks
    settings: object
    clock: Callable[[], float]
    flow: CallFlow
    call_page: CallPage
    tabs: QTabWidget
    card_view: PhoneCardView
    status_bar: SyncStatusBar
    key_help: KeyHelp


class FollowUpsParts(QObject):
    """The follow-up parts of one work window."""

    def __init__(self, window: WindowParts) -> None:
        super().__init__(window.window)
        self._window = window
        settings, store, tasks = window.settings, window.store, window.tasks
        user_id = window.flow.session.user_id

        def keep_days() -> int:
            return int(getattr(settings, "history_keep_days", DEFAULT_KEEP_DAYS))

        self.panel = FollowUpsPanel(lambda: day_times(settings))
        window.call_page.action_row.addWidget(self.panel)  # at the right end, under the keys
        window.card_view.number_row.addWidget(self.panel.hint, 0, Qt.AlignmentFlag.AlignVCenter)
        self.panel.forms_layout = window.call_page.under_card
        # The two views are built when first shown: most shifts never open them, and
        # idle memory after login stays as it was.
        self._view_args = (store, user_id, tasks, keep_days)
        self._callbacks_view: CallbacksView | None = None
        self._history_view: HistoryView | None = None
        self.callbacks_tab, self.history_tab = LazyTab(), LazyTab()
        tabs = window.tabs
        tabs.addTab(
            self.callbacks_tab, fill(QCoreApplication.translate("WorkWindow", "回访 (%1)"), CALLBACKS_KEY)
        )
        tabs.addTab(
            self.history_tab, fill(QCoreApplication.translate("WorkWindow", "历史 (%1)"), HISTORY_KEY)
        )
        self.controller = FollowUps(
            store, tasks, window.flow, window.card_view, window.status_bar, self.panel, window.clock, self
        )

        self.callbacks_action = QAction(
            QCoreApplication.translate("WorkWindow", "回访"),
            window.window,
            shortcut=QKeySequence(CALLBACKS_KEY),
        )
        self.history_action = QAction(
            QCoreApplication.translate("WorkWindow", "历史"),
            window.window,
            shortcut=QKeySequence(HISTORY_KEY),
        )
        for action in (self.callbacks_action, self.history_action):
            window.window.addAction(action)
        self.callbacks_action.triggered.connect(self.show_callbacks)
        self.history_action.triggered.connect(self.show_history)
        self.controller.due_label.clicked.connect(self.show_callbacks)
        self.controller.scheduled.connect(lambda _c: self._refresh_callbacks())
        tabs.currentChanged.connect(self._tab_changed)
        window.flow.cardChanged.connect(lambda _card: self._refresh_callbacks())
        for key, meaning in (
            (CALLBACK_KEY, QCoreApplication.translate("WorkWindow", "预约回访")),
            (NOTE_KEY, QCoreApplication.translate("WorkWindow", "备注(只在本机)")),
            (f"{CALLBACKS_KEY} / {HISTORY_KEY}", QCoreApplication.translate("WorkWindow", "回访 / 历史")),
        ):
            window.key_help.add_row(key, meaning)

    @property
    def callbacks_view(self) -> CallbacksView:
        if self._callbacks_view is None:
            from .callbacks_view import CallbacksView

            view = self._callbacks_view = CallbacksView(*self._view_args, clock=self._window.clock)
            self.callbacks_tab.put(view)
            view.changed.connect(self.controller.check_due)
            view.openRequested.connect(self._open_callback)
        return self._callbacks_view

    @property
    def history_view(self) -> HistoryView:
        if self._history_view is None:
            from .history_view import HistoryView

            self._history_view = HistoryView(*self._view_args, clock=self._window.clock)
            self.history_tab.put(self._history_view)
        return self._history_view

    def show_callbacks(self) -> None:
        self._window.tabs.setCurrentWidget(self.callbacks_tab)

    def show_history(self) -> None:
        self._window.tabs.setCurrentWidget(self.history_tab)
        self.history_view.search.setFocus()
        self.history_view.search.selectAll()

    def _tab_changed(self, _index: int) -> None:
        current = self._window.tabs.currentWidget()
        if current is self.callbacks_tab:
            self.callbacks_view.refresh()
            self.callbacks_view.list.setFocus()
        elif current is self.history_tab:
            self.history_view.refresh()

    def _refresh_callbacks(self) -> None:
        if self._window.tabs.currentWidget() is self.callbacks_tab:
            self.callbacks_view.refresh()

    def _open_callback(self, callback: object) -> None:
        if self.controller.open_callback(callback):  # type: ignore[arg-type]
            self._window.tabs.setCurrentIndex(0)
        self.controller.check_due()

    def close(self) -> None:
        self.controller.close()
