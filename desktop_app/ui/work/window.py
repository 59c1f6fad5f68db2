"""The work screen: pick a package, call the number on the card, press a feedback key.

One window, no dialogs in the call loop. The window lays out the parts and turns what
they report into widgets and words; the card itself is ``CallFlow``'s (``call_flow``),
painted by ``CardPainter`` (``card_paint``), the lists come from ``ListLoader``
(``lists``), the customer form is ``CustomerFormFlow``'s (``customer_form_flow``), the
操作 menu is ``menu``'s and an offline login is confirmed by ``OfflineLogin``. A feedback
is committed to the local outbox (about a millisecond) before anything else happens; the
sync engine sends it when it can. Everything slow runs through ``BackgroundTasks``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from desktop_app.api import CallbackItem
from desktop_app.domain.messages import Message
from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError
from desktop_app.sync.auth import AgentSession
from desktop_app.sync.phones import PhoneSupply
from desktop_app.sync.reference import CustomerChoices
from desktop_app.sync.status import SyncStatus

from ..followups.wiring import FollowUpsParts, WindowParts
from ..i18n import fill
from ..i18n.messages import render
from ..tasks import BackgroundTasks
from ..widgets.naming import named
from ..widgets.polish import repolish
from .call_flow import CallFlow
from .call_page import CallPage
from .card_paint import CardPainter
from .customer_form_flow import CustomerFormFlow
from .keymap import QUEUE_KEY, TODAY_KEY, WORK_KEY
from .lists import ListLoader, Lists
from .menu import build_menu
from .offline_login import OfflineLogin
from .pickers_feed import PickersFeed
from .ports import EngineLike, WorkSettings
from .prefs import WorkPrefs
from .side_views import SideViews, ViewParts
from .status_bar import SyncStatusBar
from .texts import banner_text, refused_text, window_title
from .undo_button import UndoButton
from .undo_window import HeldWrite, UndoWindow

if TYPE_CHECKING:  # built, and loaded, when first shown (side_views)
    from ..queue.view import QueueView
    from ..today.view import TodayView


class WorkWindow(QMainWindow):
    logoutRequested = Signal()
    settingsRequested = Signal()
    diagnosticsRequested = Signal()
    sessionChanged = Signal(object)  # AgentSession, after an offline login is confirmed

    def __init__(
        self,
        store: LocalStore,
        engine: EngineLike,
        settings: WorkSettings,
        tasks: BackgroundTasks,
        session: AgentSession,
        supply: PhoneSupply,
        password: str | None = None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workWindow")
        self._store = store
        self._engine = engine
        self._settings = settings
        # Its own share of the pool: at 退出登录 its jobs stop calling back (see ``_end``).
        self._tasks = tasks.scope(self)
        self._supply = supply
        self._today = today
        self._clock = clock
        self.flow = CallFlow(store, engine, settings, self._tasks, session, supply, self, clock=clock)
        self.lists = ListLoader(engine, store, self._tasks, session.user_id, self)
        self.offline_login = OfflineLogin(
            session, password, engine.client, store, lambda: settings.machine_no, self._tasks, self
        )
        self._build()
        self.undo = UndoWindow(store, engine, session.user_id, self, clock=clock)
        self.undo_button = UndoButton(self, self.undo)
        prefs = WorkPrefs(store, session.user_id)
        self.pickers_feed = PickersFeed(
            self.pickers, self.lists, self.flow, prefs, settings, today=today, clock=clock
        )
        self._connect()
        self.followups = FollowUpsParts(  # 回访, 历史, notes and the repeat hint: the window's jobs too
            WindowParts(
                self, store, self._tasks, settings, clock, self.flow, self.call_page, self.tabs,
                self.card_view, self.status_bar, self.key_help,
            )
        )
        self._show_session()
        self.flow.restore()
        self.lists.load_reference_lists()
        self.lists.load_projects()

    # -- building -----------------------------------------------------------------

    def _build(self) -> None:
        page = CallPage(lambda: self._settings.dial_template, self)  # a saved template applies at once
        self.call_page = page
        self.banner, self.pickers, self.card_view = page.banner, page.pickers, page.card_view
        self.feedback, self.customer_form = page.feedback, page.customer_form
        self.add_customer_button, self.key_help = page.add_customer_button, page.key_help
        self.previous_call = page.previous_call

        self.side = SideViews(
            ViewParts(self._store, self.flow.session.user_id, self._tasks, self._settings, self._clock, self._today),
            self._wire_queue_view,
        )
        self.queue_tab, self.today_tab = self.side.queue_tab, self.side.today_tab
        self.tabs = named(QTabWidget(), "workTabs")
        self.tabs.addTab(page, fill(self.tr("打电话 (%1)"), WORK_KEY))
        self.tabs.addTab(self.queue_tab, fill(self.tr("队列 (%1)"), QUEUE_KEY))
        self.tabs.addTab(self.today_tab, fill(self.tr("统计 (%1)"), TODAY_KEY))
        self.setCentralWidget(self.tabs)
        self.status_bar = SyncStatusBar()
        self.setStatusBar(self.status_bar)
        actions = build_menu(self)  # the 操作 menu: the tab keys are its actions' shortcuts
        self.sync_action, self.work_action, self.queue_action = actions.sync, actions.work, actions.queue
        self.today_action, self.settings_action = actions.today, actions.settings
        self.diagnostics_action, self.logout_action = actions.diagnostics, actions.logout
        self.form_flow = CustomerFormFlow(
            self.customer_form, self.flow, self.lists, self.tabs, self.card_view, self.status_bar
        )
        self.resize(960, 640)

    def _connect(self) -> None:
        flow, lists, card_view = self.flow, self.lists, self.card_view
        self.card_painter = CardPainter(flow, card_view, self.feedback)
        flow.held.connect(self.undo.add)
        self.undo.undone.connect(self._undone)
        self.undo.tooLate.connect(lambda: self.status_bar.show_message(self.tr("没有可以撤销的记录")))
        lists.callbackItemsLoaded.connect(self._callback_items_loaded)
        lists.choicesLoaded.connect(self._choices_loaded)
        self.offline_login.confirmed.connect(self._confirmed)
        self.offline_login.refused.connect(self._refused)

        card_view.nextRequested.connect(self.next_phone)
        card_view.dialed.connect(flow.mark_dialed)
        self.feedback.chosen.connect(self.record_feedback)
        self.add_customer_button.clicked.connect(lambda: self.open_customer_form())
        flow.previousChanged.connect(self.previous_call.show_call)
        self.previous_call.addCustomerRequested.connect(self.open_previous_customer_form)
        self.previous_call.correctRequested.connect(self.correct_previous)
        self.status_bar.attentionClicked.connect(self.show_queue)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.sync_action.triggered.connect(self._engine.sync_now)
        self.work_action.triggered.connect(lambda: self.tabs.setCurrentIndex(0))
        self.queue_action.triggered.connect(self.show_queue)
        self.today_action.triggered.connect(self.show_today)
        self.settings_action.triggered.connect(self.settingsRequested)
        self.diagnostics_action.triggered.connect(self.diagnosticsRequested)
        self.logout_action.triggered.connect(self._logout)

    def _wire_queue_view(self, view: QueueView) -> None:
        view.syncNowRequested.connect(self._engine.sync_now)
        view.resent.connect(lambda _cid: self._engine.wake())
        view.rebound.connect(lambda _count: self._engine.wake())
        view.discarded.connect(lambda _cid: self.show_status(self._engine.status()))

    # -- public -------------------------------------------------------------------

    @property
    def queue_view(self) -> QueueView:
        """The 队列 view (built now if it was not yet)."""
        return self.side.queue

    @property
    def today_view(self) -> TodayView:
        """The 统计 view (built now if it was not yet)."""
        return self.side.today

    @property
    def session(self) -> AgentSession:
        return self.flow.session

    @property
    def card(self) -> PhoneCard | None:
        return self.flow.card

    def show_status(self, status: SyncStatus) -> None:
        """Repaint the status bar; when the server comes back, catch up on what waited."""
        if self.flow.closed:
            return
        shown = self.status_bar.status()
        came_online = status.online is True and (shown is None or shown.online is not True)
        self.status_bar.show_status(status)
        tab = self.tabs.currentWidget()
        if tab is self.queue_tab:
            self.queue_view.refresh_soon()
        elif tab is self.today_tab:
            self.today_view.refresh_soon()
        if came_online:
            self.offline_login.server_is_back()
            if self.lists.state is not Lists.LIVE:
                self.lists.load_reference_lists()
                self.lists.load_projects()
            self.flow.server_is_back()

    def apply_settings(self, _settings: object) -> None:
        """Settings saved in 设置…: re-filter the projects and top up the reserve at once."""
        if not self.flow.closed:
            self.lists.load_projects()
            self.flow.settings_changed()

    def show_today(self) -> None:
        self.tabs.setCurrentWidget(self.today_tab)

    def show_queue(self) -> None:
        self.tabs.setCurrentWidget(self.queue_tab)
        self.queue_view.refresh()  # on the pool: the row is selected when the rows are in
        self.queue_view.select_attention_when_read()

    def next_phone(self) -> None:
        """Show the next phone of the chosen package: the reserve at once, else the server."""
        self.flow.next_phone()

    def record_feedback(self, item: CallbackItem) -> None:
        """The agent pressed a feedback: commit it, then move on to the next card (or, for an
        item that opens the customer form first, once the form is saved or cancelled)."""
        form_first = item.item_name in self._settings.form_first_items
        try:
            answered = self.flow.record_feedback(item, hold=form_first)
        except StoreError as exc:
            self.card_view.show_note(fill(self.tr("没有保存！%1"), render(exc.message)))
            return
        if answered is not None:
            self.status_bar.show_message(fill(self.tr("已记录：%1 — %2"), item.item_name, answered.phone_no))
            if form_first:
                self.card_view.show_note(self.tr("已记录。保存或取消电子客后显示下一个号码。"))
                self.open_customer_form(answered)

    def correct_previous(self, item: CallbackItem) -> None:
        """更正 (Ctrl+1–9): the previous call's result becomes ``item``, as the store decides."""
        try:
            call = self.flow.correct_previous(item)
        except StoreError as exc:
            self.status_bar.show_message(fill(self.tr("没有更正！%1"), render(exc.message)), 15000)
            return
        if call is not None:
            self.status_bar.show_message(fill(self.tr("已更正：%1 — %2"), call.card.phone_no, item.item_name))

    def open_previous_customer_form(self) -> None:
        """添加到电子客 for the previous call (Ctrl+F2)."""
        self.form_flow.open_for_previous()

    def open_customer_form(self, call: PhoneCard | None = None) -> None:
        """The form for ``call`` (default: the card shown); it stays that call's until closed."""
        self.form_flow.open(call)

    def close_customer_form(self) -> None:
        self.form_flow.close()

    # -- what the undo window reports ----------------------------------------------------

    def _undone(self, held: HeldWrite) -> None:
        """Taken back before it was sent: its card is up again (a feedback)."""
        if held.card is not None:
            self.tabs.setCurrentIndex(0)
            self.flow.bring_back(held.card)
            self.status_bar.show_message(fill(self.tr("已撤销：%1 — %2"), held.label, held.card.phone_no))
        else:
            self.status_bar.show_message(fill(self.tr("已撤销电子客：%1"), held.label))

    # -- reference lists ----------------------------------------------------------------

    def _callback_items_loaded(self, items: list[CallbackItem]) -> None:
        if not self.flow.closed:
            self.feedback.set_items(items)
            self.previous_call.set_items(items)
            self.feedback.set_active(self.flow.card is not None)
            self.side.set_callback_items([item.item_name for item in items])

    def _choices_loaded(self, choices: CustomerChoices) -> None:
        if not self.flow.closed:
            self.form_flow.apply_choices()
            self.side.set_choices(choices.genders.items, choices.types.items)

    # -- the session ----------------------------------------------------------------

    def _confirmed(self, session: AgentSession) -> None:
        if self.flow.closed:
            return
        self.flow.set_session(session)
        self._show_session()
        self.sessionChanged.emit(session)

    def _refused(self, message: Message) -> None:
        if self.flow.closed:
            return
        self._show_banner(refused_text(message), "error")

    def _show_session(self) -> None:
        """The title and the banner: who is logged in, offline or not, 活动 or not."""
        session = self.flow.session
        self.setWindowTitle(window_title(session))
        self._show_banner(*banner_text(session))

    def _show_banner(self, text: str, level: str) -> None:
        """The line above the work screen, coloured by ``level`` ("error", "info"); none without text."""
        self.banner.setText(text)
        self.banner.setProperty("level", level)
        self.banner.setVisible(bool(text))
        repolish(self.banner)

    # -- small things -------------------------------------------------------------

    def _tab_changed(self, _index: int) -> None:
        tab = self.tabs.currentWidget()
        if tab is self.queue_tab:
            self.queue_view.refresh()
        elif tab is self.today_tab:
            self.today_view  # noqa: B018 - built now: it reads its range when shown

    def _logout(self) -> None:
        self._end()
        self.logoutRequested.emit()

    def _end(self) -> None:
        """The window is going: held writes go now; late answers and background results are dropped."""
        if not self.flow.closed:
            self.undo.release_all()
        self.flow.close()
        self.followups.close()
        self.offline_login.forget()
        self._tasks.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._end()
        super().closeEvent(event)
