"""The work screen: pick a package, call the number on the card, press a feedback key.

One window, no dialogs in the call loop. A feedback is committed to the local outbox
(about a millisecond) before anything else happens; the sync engine sends it when it
can. The next card comes from the phone reserve at once; the server is only asked in
the background. Everything slow runs through ``BackgroundTasks``; the window only
shows results. What goes into the outbox is decided by ``sync.calls``, where the next
phone comes from by ``sync.phones``.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.api import (
    ApiClient,
    ApiError,
    CallbackItem,
    NoAnswer,
    NotReached,
    Package,
    Phone,
    Project,
    Refused,
)
from desktop_app.domain.messages import Message
from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError
from desktop_app.sync.auth import AgentSession, LoginRefused, reverify
from desktop_app.sync.calls import finish_call, record_customer
from desktop_app.sync.phones import PhoneSupply
from desktop_app.sync.reference import (
    CustomerChoices,
    ListUnavailable,
    Loaded,
    load_callback_items,
    load_customer_choices,
    load_packages,
    load_projects,
)
from desktop_app.sync.status import SyncStatus

from . import timefmt
from .customer_form import CustomerForm
from .feedback_bar import FeedbackBar
from .i18n.messages import render
from .key_help import KeyHelp
from .keys import press_on_key
from .naming import named
from .phone_card import PhoneCardView
from .pickers import Pickers
from .queue_view import QueueView
from .status_bar import SyncStatusBar
from .tasks import BackgroundTasks
from .today_view import TodayView

log = logging.getLogger(__name__)

CUSTOMER_KEY = "F2"
QUEUE_KEY = "F9"
TODAY_KEY = "F7"
WORK_KEY = "F8"
SYNC_KEY = "Ctrl+R"


class EngineLike(Protocol):
    """What the window needs of ``sync.engine.SyncEngine``."""

    def wake(self) -> None: ...
    def sync_now(self) -> None: ...
    def client(self) -> ApiClient: ...
    def note_reachable(self) -> None: ...
    def note_unreachable(self, error: Message) -> None: ...
    def status(self) -> SyncStatus: ...


class WorkSettings(Protocol):
    """The settings the window reads (``config.Settings`` has them all)."""

    @property
    def next_phone_after_feedback(self) -> bool: ...
    @property
    def show_expired_projects(self) -> bool: ...
    @property
    def dial_template(self) -> str: ...
    @property
    def machine_no(self) -> str: ...


def _pref_key(user_id: int, name: str) -> str:
    return f"work.{user_id}.{name}"


class WorkWindow(QMainWindow):
    logoutRequested = Signal()
    settingsRequested = Signal()
    diagnosticsRequested = Signal()
    sessionChanged = Signal(object)  # AgentSession, after an offline login is confirmed
    statusArrived = Signal(object)  # SyncStatus; emit from any thread (see post_status)

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
        self._tasks = tasks
        self._session = session
        self._supply = supply
        self._password = password if session.offline else None
        self._today = today
        self._clock = clock
        self._closed = False
        self._card: PhoneCard | None = None
        self._project: Project | None = None
        self._package: Package | None = None
        self._fetching = False
        self._refilling = False
        self._refill_again = False
        self._reverifying = False
        self._waiting_for_server = False  # the card is empty because the server was not reached
        self._lists_live = False
        self._projects_pending = False
        self._choices: CustomerChoices | None = None
        self._online: bool | None = None
        self._build()
        self._update_title()
        self.statusArrived.connect(self.show_status, Qt.ConnectionType.QueuedConnection)
        self._restore_card()
        self._update_banner()
        self._load_reference_lists()
        self._load_projects()

    # -- building -----------------------------------------------------------------

    def _build(self) -> None:
        self.banner = named(QLabel(""), "userBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.pickers = Pickers()
        self.card_view = PhoneCardView(lambda: self._settings.dial_template)  # a saved change applies at once
        self.feedback = FeedbackBar(self)
        self.add_customer_button = named(
            QPushButton(self.tr("添加到电子客 (%1)").replace("%1", CUSTOMER_KEY)), "addCustomerButton"
        )
        press_on_key(self.add_customer_button, CUSTOMER_KEY)
        self.add_customer_button.setAutoDefault(False)
        self.customer_form = CustomerForm()
        self.customer_form.hide()

        call_column = QVBoxLayout()
        call_column.setSpacing(10)
        call_column.addWidget(self.card_view)
        feedback_title = named(QLabel(self.tr("通话结果 (按数字键)")), "feedbackTitle")
        call_column.addWidget(feedback_title)
        call_column.addWidget(self.feedback)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.add_customer_button)
        call_column.addLayout(actions)
        call_column.addStretch(1)

        # The form's column is always there: the key list holds its place while it is closed,
        # so the call area keeps its size and nothing moves under the agent's eyes.
        self.key_help = KeyHelp(
            self.customer_form,
            customer_key=CUSTOMER_KEY,
            work_key=WORK_KEY,
            queue_key=QUEUE_KEY,
            today_key=TODAY_KEY,
            sync_key=SYNC_KEY,
        )
        side_column = QVBoxLayout()
        side_column.addWidget(self.customer_form)
        side_column.addWidget(self.key_help)
        side_column.addStretch(1)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(call_column, 3)
        body.addLayout(side_column, 2)
        work_page = named(QWidget(), "workPage")
        page_layout = QVBoxLayout(work_page)
        page_layout.setSpacing(10)
        page_layout.addWidget(self.banner)
        page_layout.addWidget(self.pickers)
        page_layout.addLayout(body, 1)

        self.queue_view = QueueView(self._store, self._session.user_id, tasks=self._tasks)
        self.tabs = named(QTabWidget(), "workTabs")
        self.tabs.addTab(work_page, self.tr("打电话 (%1)").replace("%1", WORK_KEY))
        self.tabs.addTab(self.queue_view, self.tr("队列 (%1)").replace("%1", QUEUE_KEY))
        self.today_view = TodayView(
            self._store, self._session.user_id, clock=self._clock, today=self._today, tasks=self._tasks
        )
        self.tabs.addTab(self.today_view, self.tr("今日 (%1)").replace("%1", TODAY_KEY))
        self.setCentralWidget(self.tabs)

        self.status_bar = SyncStatusBar()
        self.setStatusBar(self.status_bar)
        self._build_menu()

        self.pickers.projectChosen.connect(self._project_chosen)
        self.pickers.packageChosen.connect(self._package_chosen)
        self.card_view.nextRequested.connect(self.next_phone)
        self.feedback.chosen.connect(self.record_feedback)
        self.add_customer_button.clicked.connect(self.open_customer_form)
        self.customer_form.submitted.connect(self._customer_submitted)
        self.customer_form.cancelled.connect(self.close_customer_form)
        self.status_bar.attentionClicked.connect(self.show_queue)
        self.queue_view.syncNowRequested.connect(self._engine.sync_now)
        self.queue_view.resent.connect(lambda _cid: self._engine.wake())
        self.queue_view.discarded.connect(lambda _cid: self.show_status(self._engine.status()))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.resize(960, 640)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("操作(&O)"))
        self.sync_action = QAction(self.tr("立即同步"), self, shortcut=QKeySequence(SYNC_KEY))
        self.work_action = QAction(self.tr("打电话"), self, shortcut=QKeySequence(WORK_KEY))
        self.queue_action = QAction(self.tr("队列"), self, shortcut=QKeySequence(QUEUE_KEY))
        self.today_action = QAction(self.tr("今日"), self, shortcut=QKeySequence(TODAY_KEY))
        self.settings_action = QAction(self.tr("设置…"), self)
        self.diagnostics_action = QAction(self.tr("导出诊断包…"), self)
        self.logout_action = QAction(self.tr("退出登录"), self)
        for action in (self.sync_action, self.work_action, self.queue_action, self.today_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.settings_action, self.diagnostics_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.logout_action)
        self.sync_action.triggered.connect(self._engine.sync_now)
        self.work_action.triggered.connect(lambda: self.tabs.setCurrentIndex(0))
        self.queue_action.triggered.connect(self.show_queue)
        self.today_action.triggered.connect(lambda: self.tabs.setCurrentWidget(self.today_view))
        self.settings_action.triggered.connect(self.settingsRequested)
        self.diagnostics_action.triggered.connect(self.diagnosticsRequested)
        self.logout_action.triggered.connect(self._logout)

    # -- public -------------------------------------------------------------------

    @property
    def session(self) -> AgentSession:
        return self._session

    @property
    def card(self) -> PhoneCard | None:
        return self._card

    def post_status(self, status: SyncStatus) -> None:
        """Thread-safe: hand a status from the sync worker to the UI thread."""
        self.statusArrived.emit(status)

    def show_status(self, status: SyncStatus) -> None:
        """Repaint the status bar; when the server comes back, catch up on what waited."""
        if self._closed:
            return
        came_online = status.online is True and self._online is not True
        self._online = status.online
        self.status_bar.show_status(status)
        if self.tabs.currentWidget() is self.queue_view:
            self.queue_view.refresh_soon()
        elif self.tabs.currentWidget() is self.today_view:
            self.today_view.refresh_soon()
        if came_online:
            self._server_is_back()

    def apply_settings(self, _settings: object) -> None:
        """Settings saved in 设置…: re-filter the projects and top up the reserve at once."""
        if self._closed:
            return
        self._load_projects()
        self._update_reserve()
        self._refill()

    def show_queue(self) -> None:
        self.tabs.setCurrentWidget(self.queue_view)
        self.queue_view.refresh()
        self.queue_view.select_attention()

    def next_phone(self) -> None:
        """Show the next phone of the chosen package: the reserve at once, else the server."""
        if self._closed:
            return
        if self._fetching:  # one is on its way (F5 skipping a card, say)
            if self._card is None:  # and the card on screen was answered meanwhile
                self.card_view.show_pending(self.tr("正在获取号码…"))
            return
        package, project = self._package, self._project
        if not self._session.active:
            self._show_empty(self._inactive_text())
            return
        if package is None or project is None:
            self._show_empty(self.tr("未选择信息包。请先选择项目和信息包。"))
            return
        user_id = self._session.user_id
        try:
            phone = self._supply.take_reserved(user_id, package.package_id)
        except StoreError as exc:
            log.warning("reserve unreadable: %s", exc)
            phone = None
        if phone is not None:
            self._show_card(self._new_card(project, package, phone))
            self._refill()
            return
        self._fetching = True
        store, supply, engine = self._store, self._supply, self._engine
        skipped = self._card  # F5 on a card skips it, also when the reserve is empty

        def fetch() -> PhoneCard:
            # Saved on the pool thread, before the window hears of it: the phone the
            # server handed out is kept even if the program dies now, and the UI thread
            # does not wait for the disk between the key and the next card.
            card = self._new_card(project, package, supply.fetch(engine.client, user_id, package.package_id))
            try:
                store.cards().save(card)
            except StoreError as exc:
                log.warning("card not saved: %s", exc)
            return card

        self._tasks.run(
            fetch,
            lambda card: self._fetched(card, skipped),
            lambda exc: self._fetch_failed(package, exc),
        )
        # The request is on its way; now say so.
        self._update_next_button()
        if self._card is None:
            self.card_view.show_pending(self.tr("正在获取号码…"))

    def record_feedback(self, item: CallbackItem) -> None:
        """The agent pressed a feedback: commit it, then move on to the next card."""
        card = self._card
        if card is None or self._closed:
            return
        try:
            finish_call(self._store, card, item.item_name, now=self._clock())
        except StoreError as exc:
            self.card_view.show_note(self.tr("没有保存！%1").replace("%1", render(exc.message)))
            return
        self._card = None
        self.feedback.set_active(False)
        if self._settings.next_phone_after_feedback:
            self.next_phone()  # first: a getphone leaves before the feedback's own request
        else:
            self._show_empty(self.tr("已记录“%1”。按 F5 取下一个号码。").replace("%1", item.item_name))
        self._engine.wake()
        self.status_bar.show_message(
            self.tr("已记录：%1 — %2").replace("%1", item.item_name).replace("%2", card.phone_no)
        )

    def open_customer_form(self) -> None:
        card = self._card
        project = self._project
        self.tabs.setCurrentIndex(0)
        if card is not None:
            self.customer_form.prefill(card.owner_name, card.phone_no, card.pro_name)
        else:
            self.customer_form.prefill("", "", project.pro_name if project else "")
        self._apply_choices()
        self.customer_form.show()
        self.customer_form.setFocus()
        self.customer_form.name_edit.setFocus()
        self.customer_form.name_edit.selectAll()

    def close_customer_form(self) -> None:
        self.customer_form.hide()
        self.card_view.setFocus()

    # -- cards --------------------------------------------------------------------

    def _restore_card(self) -> None:
        try:
            card = self._store.cards().load(self._session.user_id)
        except StoreError as exc:
            log.warning("saved card unreadable: %s", exc)
            card = None
        if card is None:
            self._show_empty(self.tr("正在加载项目…"))
            return
        self._card = card
        self.card_view.show_phone(card.owner_name, card.phone_no, card.shown_at)
        self.feedback.set_active(True)
        self._update_next_button()

    def _new_card(self, project: Project, package: Package, phone: Phone) -> PhoneCard:
        return PhoneCard(
            user_id=self._session.user_id,
            pro_id=project.pro_id,
            pro_name=project.pro_name,
            package_id=package.package_id,
            package_name=package.package_name,
            phone_id=phone.phone_id,
            phone_no=phone.phone_no,
            owner_name=phone.owner_name,
            shown_at=self._clock(),
        )

    def _show_card(self, card: PhoneCard, saved: bool = False) -> None:
        self._card = card
        self._waiting_for_server = False
        if not saved:
            self._save_card(card)
        self.card_view.show_phone(card.owner_name, card.phone_no, card.shown_at)
        self.feedback.set_active(True)
        self._update_reserve()
        self._update_next_button()

    def _save_card(self, card: PhoneCard) -> None:
        try:
            self._store.cards().save(card)
        except StoreError as exc:
            log.warning("card not saved: %s", exc)

    def _show_empty(self, why: str) -> None:
        if self._card is not None:  # a card on screen stays; the reason is a note under it
            self.card_view.show_note(why)
            return
        self.card_view.show_empty(why)
        self.feedback.set_active(False)
        self._update_next_button()

    def _fetched(self, card: PhoneCard, skipped: PhoneCard | None = None) -> None:
        self._fetching = False
        if self._closed:
            return
        self._engine.note_reachable()
        if self._card is None or self._card is skipped:
            self._show_card(card, saved=True)
        else:  # a card appeared meanwhile: it stays the current one, this phone waits
            self._save_card(self._card)
            phone = Phone(phone_id=card.phone_id, phone_no=card.phone_no, owner_name=card.owner_name)
            self._store.reserve().add(self._session.user_id, card.package_id, phone)
        self._update_next_button()
        self._refill()

    def _fetch_failed(self, package: Package, exc: BaseException) -> None:
        self._fetching = False
        if self._closed:
            return
        self._update_next_button()
        if isinstance(exc, Refused):
            self._engine.note_reachable()
            self._show_empty(self.tr("%1。请选择其他信息包。").replace("%1", render(exc.message)))
        elif isinstance(exc, NotReached | NoAnswer):
            self._waiting_for_server = True
            self._engine.note_unreachable(exc.message)
            self._show_empty(self.tr("无法连接服务器，且没有备用号码。联网后会自动取号，也可按 F5 重试。"))
        elif isinstance(exc, ApiError):
            self._show_empty(self.tr("%1。请按 F5 重试。").replace("%1", render(exc.message)))
        else:
            log.error("getting a phone failed", exc_info=exc)
            self._show_empty(self.tr("取号失败：%1").replace("%1", str(exc)))

    def _refill(self) -> None:
        package = self._package
        if self._supply.size == 0 or package is None or not self._session.active:
            return
        if self._refilling:
            self._refill_again = True  # a phone was taken meanwhile: top up once this one ends
            return
        self._refilling = True
        self._refill_again = False
        supply, engine, user_id = self._supply, self._engine, self._session.user_id

        def work() -> int:
            return supply.refill(engine.client(), user_id, package.package_id)

        self._tasks.run(work, self._refilled, self._refill_failed)

    def _refilled(self, added: int) -> None:
        self._refilling = False
        if self._closed:
            return
        self._update_reserve()
        if self._refill_again:
            self._refill()

    def _refill_failed(self, exc: BaseException) -> None:
        self._refilling = False
        log.info("reserve refill failed: %s", exc)

    def _update_reserve(self) -> None:
        package = self._package
        if self._supply.size == 0 or package is None:
            self.card_view.set_reserve(None)
            return
        try:
            count = self._supply.count(self._session.user_id, package.package_id)
        except StoreError:
            return
        self.card_view.set_reserve(count)

    def _update_next_button(self) -> None:
        can = self._session.active and self._package is not None
        self.card_view.set_can_fetch(can, busy=self._fetching)

    # -- pickers ------------------------------------------------------------------

    def _load_projects(self) -> None:
        if self._projects_pending:
            return
        self._projects_pending = True
        factory, store, user_id = self._engine.client, self._store, self._session.user_id
        self._tasks.run(
            lambda: load_projects(factory, store.cache(), user_id),
            self._projects_loaded,
            self._projects_failed,
        )

    def _projects_loaded(self, loaded: Loaded[Project]) -> None:
        self._projects_pending = False
        if self._closed:
            return
        self._note_server(loaded)
        self._lists_live = loaded.live
        self._show_list_source(loaded)
        wanted = self._card.pro_id if self._card else self._pref_int("pro_id")
        self.pickers.set_projects(
            loaded.items, self._today(), self._settings.show_expired_projects, select_id=wanted
        )
        if self.pickers.current_project() is None:
            self._project_chosen(None)

    def _projects_failed(self, exc: BaseException) -> None:
        self._projects_pending = False
        if self._closed:
            return
        message = render(exc.message) if isinstance(exc, ListUnavailable) else str(exc)
        self.pickers.set_source(self.tr("无法加载项目：%1").replace("%1", message), stale=True)
        self._show_empty(self.tr("无法连接服务器，且本机没有项目列表。联网后会自动加载。"))

    def _project_chosen(self, project: Project | None) -> None:
        self._project = project
        if project is None:
            self._package = None
            self.pickers.clear_packages(self.tr("(请先选择项目)"))
            self._update_next_button()
            self._show_empty(self.tr("未选择信息包。请先选择项目和信息包。"))
            return
        self._set_pref("pro_id", project.pro_id)
        self.pickers.clear_packages(self.tr("正在加载…"))
        factory, store, user_id = self._engine.client, self._store, self._session.user_id

        def work() -> Loaded[Package]:
            return load_packages(factory, store.cache(), user_id, project.pro_id)

        self._tasks.run(work, lambda loaded: self._packages_loaded(project, loaded), self._packages_failed)

    def _packages_loaded(self, project: Project, loaded: Loaded[Package]) -> None:
        if self._closed or self._project != project:
            return
        self._note_server(loaded)
        if loaded.error and loaded.reached:  # refused, e.g. 联动项目已删除、或者过期
            self.pickers.clear_packages(self.tr("(没有信息包)"))
            self._package = None
            self._update_next_button()
            self._show_empty(render(loaded.error))
            return
        card = self._card
        wanted = card.package_id if card and card.pro_id == project.pro_id else self._pref_int("package_id")
        self.pickers.set_packages(loaded.items, select_id=wanted)

    def _packages_failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self._package = None
        self.pickers.clear_packages(self.tr("(无法加载信息包)"))
        self._update_next_button()
        self._show_empty(self.tr("无法连接服务器，且本机没有该项目的信息包列表。"))

    def _package_chosen(self, package: Package | None) -> None:
        self._package = package
        self._update_next_button()
        self._update_reserve()
        if package is None:
            self._show_empty(self.tr("未选择信息包。请先选择项目和信息包。"))
            return
        self._set_pref("package_id", package.package_id)
        if self._card is None:
            self.next_phone()
        else:
            self._refill()

    def _show_list_source(self, loaded: Loaded[Project]) -> None:
        if loaded.live:
            self.pickers.set_source("", stale=False)
            return
        if loaded.fetched_at is None:
            text = self.tr("离线数据")
        else:
            age = timefmt.ago(self._clock() - loaded.fetched_at)
            text = self.tr("离线数据，%1更新").replace("%1", age)
        self.pickers.set_source(text, stale=True)

    # -- reference lists ------------------------------------------------------------

    def _load_reference_lists(self) -> None:
        # Each store object belongs to the thread that made it: make them in the worker.
        factory, store = self._engine.client, self._store
        self._tasks.run(
            lambda: load_callback_items(factory, store.cache()),
            self._callback_items_loaded,
            self._list_failed,
        )
        self._tasks.run(
            lambda: load_customer_choices(factory, store.cache()), self._choices_loaded, self._list_failed
        )

    def _callback_items_loaded(self, loaded: Loaded[CallbackItem]) -> None:
        if self._closed:
            return
        self._note_server(loaded)
        self.feedback.set_items(loaded.items)
        self.feedback.set_active(self._card is not None)
        self.queue_view.set_callback_items([item.item_name for item in loaded.items])

    def _choices_loaded(self, choices: CustomerChoices) -> None:
        if self._closed:
            return
        self._choices = choices
        self._apply_choices()
        self.queue_view.set_choices(choices.genders.items, choices.types.items)

    def _apply_choices(self) -> None:
        if self._choices is not None:
            self.customer_form.set_choices(self._choices.genders.items, self._choices.types.items)

    def _list_failed(self, exc: BaseException) -> None:
        log.info("list unavailable: %s", exc)

    # -- customer form ------------------------------------------------------------

    def _customer_submitted(self, form: dict[str, object]) -> None:
        try:
            record_customer(
                self._store.outbox(), self._session.user_id, dict(form), self._card, now=self._clock()
            )
        except StoreError as exc:
            self.status_bar.show_message(self.tr("没有保存！%1").replace("%1", render(exc.message)), 15000)
            return
        self._engine.wake()
        self.status_bar.show_message(
            self.tr("已加入电子客：%1").replace("%1", str(form.get("customer_name", "")))
        )
        self.customer_form.clear()
        self.close_customer_form()

    # -- the server comes and goes ------------------------------------------------

    def _note_server(self, loaded: Loaded[Any]) -> None:
        if loaded.reached:
            self._engine.note_reachable()
        elif loaded.error:
            self._engine.note_unreachable(loaded.error)

    def _server_is_back(self) -> None:
        if self._session.offline and self._password is not None:
            self._reverify()
        if not self._lists_live:
            self._load_reference_lists()
            self._load_projects()
        if self._card is None and self._waiting_for_server:
            self.next_phone()
        else:
            self._refill()

    def _reverify(self) -> None:
        if self._reverifying or self._password is None:
            return
        self._reverifying = True
        engine, store, session, password = self._engine, self._store, self._session, self._password
        machine_no = self._settings.machine_no

        def work() -> AgentSession:
            return reverify(engine.client(), store.verifiers(), session, password, machine_no)

        self._tasks.run(work, self._reverified, self._reverify_failed)

    def _reverified(self, session: AgentSession) -> None:
        self._reverifying = False
        if self._closed or session.offline:
            return
        self._password = None  # confirmed: no longer needed
        was_active = self._session.active
        self._session = session
        self._update_title()
        self._update_banner()
        self._update_next_button()
        self.sessionChanged.emit(session)
        if was_active and not session.active and self._card is None:
            self._show_empty(self._inactive_text())

    def _reverify_failed(self, exc: BaseException) -> None:
        self._reverifying = False
        if self._closed:
            return
        if isinstance(exc, LoginRefused):
            self._password = None
            self.banner.setText(
                self.tr(
                    "服务器不再接受本次离线登录的密码（%1）。已记录的内容会照常同步；请退出后重新登录。"
                ).replace("%1", render(exc.message))
            )
            self.banner.setProperty("level", "error")
            self.banner.show()

    # -- small things -------------------------------------------------------------

    def _inactive_text(self) -> str:
        status = self._session.status or self.tr("未知")
        return self.tr("用户状态是“%1”，不是“活动”，不能获取新号码。已记录的内容仍会同步。").replace(
            "%1", status
        )

    def _update_banner(self) -> None:
        if not self._session.active:
            self.banner.setText(self._inactive_text())
            self.banner.setProperty("level", "error")
            self.banner.show()
        elif self._session.offline:
            self.banner.setText(self.tr("离线登录：服务器恢复后会自动确认。记录照常保存在本机。"))
            self.banner.setProperty("level", "info")
            self.banner.show()
        else:
            self.banner.hide()
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)

    def _update_title(self) -> None:
        s = self._session
        title = self.tr("电话营销 — %1 (%2)").replace("%1", s.user_name).replace("%2", s.user_num)
        if s.offline:
            title += self.tr(" — 离线登录")
        self.setWindowTitle(title)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.queue_view:
            self.queue_view.refresh()

    def _pref_int(self, name: str) -> int | None:
        value = self._store.prefs().get(_pref_key(self._session.user_id, name))
        return int(value) if value and value.lstrip("-").isdigit() else None

    def _set_pref(self, name: str, value: int) -> None:
        try:
            self._store.prefs().set(_pref_key(self._session.user_id, name), str(value))
        except StoreError as exc:
            log.warning("preference not kept: %s", exc)

    def _logout(self) -> None:
        self._password = None
        self.logoutRequested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        self._password = None
        super().closeEvent(event)
