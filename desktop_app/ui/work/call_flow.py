"""The call flow of the work screen: what happens to the card that is up.

``CallFlow`` owns the card and its ``CardState`` (kept and shown by ``CardHolder``, in
``card_holder``) and nothing that draws: it takes the next phone from the reserve at once
or asks the server in the background, commits a feedback to the outbox before moving on,
and tells the window by signals what to show. The window turns those into widgets and
words; tests drive a ``CallFlow`` alone.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop_app.api import ApiError, CallbackItem, NoAnswer, NotReached, Package, Phone, Project, Refused
from desktop_app.domain.writes import WriteKind
from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError
from desktop_app.sync.auth import AgentSession
from desktop_app.sync.calls import AnsweredCall, correct_answered, finish_call, last_answered, record_customer
from desktop_app.sync.phones import PhoneSupply

from ..tasks import BackgroundTasks
from .card_holder import CardHolder
from .card_state import FETCH_ON_ITS_WAY, CardState, Reason, Why
from .ports import EngineLike, WorkSettings
from .reserve import ReserveRefill
from .undo_window import HeldWrite, hold_until

log = logging.getLogger(__name__)

S = CardState
_NO_PACKAGE = Why(Reason.NO_PACKAGE)


class CallFlow(CardHolder):
    """The agent's actions on the card, the fetching of the next one and the last call."""

    held = Signal(object)  # HeldWrite: a write just committed, in its undo window
    previousChanged = Signal(object)  # AnsweredCall: the last call recorded (or corrected)
    packageChanged = Signal()  # another package was chosen (the card may now be from another one)

    def __init__(
        self,
        store: LocalStore,
        engine: EngineLike,
        settings: WorkSettings,
        tasks: BackgroundTasks,
        session: AgentSession,
        supply: PhoneSupply,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(store, session, supply, parent, clock=clock)
        self._engine = engine
        self._settings = settings
        self._tasks = tasks
        self._previous: AnsweredCall | None = None
        self._held = False  # answered, the next card waits until the customer form is closed
        self._parked: PhoneCard | None = None  # a card fetched meanwhile, shown at ``release``
        # A due callback's card, offered before the next phone (``ui.followups``); None: none.
        self.due_source: Callable[[], PhoneCard | None] | None = None
        self.refill = ReserveRefill(
            supply, engine.client, tasks, session.user_id, self._refill_target, self._refilled
        )

    # -- what the window reads ----------------------------------------------------------

    @property
    def previous(self) -> AnsweredCall | None:
        """The last call recorded, for its customer (Ctrl+F2) and its 更正 (Ctrl+1–9)."""
        return self._previous

    # -- the agent's actions --------------------------------------------------------------

    def restore(self) -> None:
        """The card this agent was on when the program last stopped, if any, and the last call."""
        card: PhoneCard | None = None
        try:  # back on screen from now: the time the program was closed is not time on card
            card = self._store.cards().resume(self._session.user_id, self._clock())
        except StoreError as exc:
            log.warning("saved card unreadable: %s", exc)
        store, user_id, now = self._store, self._session.user_id, self._clock()
        self._tasks.run(  # the day's log grows: read on the pool
            lambda: last_answered(store, user_id, now),
            self._previous_read,
            lambda exc: log.warning("call log unreadable: %s", exc),
        )
        if card is None:
            self.explain(Why(Reason.LOADING_PROJECTS))
        else:
            self._enter(S.SHOWN, card)

    def next_phone(self) -> None:
        """Show the next phone of the chosen package: the reserve at once, else the server."""
        if self._state in FETCH_ON_ITS_WAY or self._state is S.CLOSED:
            if self._state is S.FETCHING:  # the card on screen was answered meanwhile
                self.pending.emit()
            return
        package, project = self._package, self._project
        if not self._session.active:
            self.explain(Why(Reason.INACTIVE))
            return
        due = self.due_source() if self.due_source is not None else None
        if due is not None:
            self._show(due)
            return
        if package is None or project is None:
            self.explain(Why(Reason.NO_PACKAGE))
            return
        try:
            phone = self._supply.take_reserved(self._session.user_id, package.package_id)
        except StoreError as exc:
            log.warning("reserve unreadable: %s", exc)
            phone = None
        if phone is not None:
            self._show(self._new_card(project, package, phone))
            self.refill.request()
        else:
            self._fetch(project, package)

    def record_feedback(self, item: CallbackItem, *, hold: bool = False) -> PhoneCard | None:
        """Commit the feedback for the card, then move on; the card answered (None: no card).

        With ``hold`` (the customer form opens first) the next card waits for ``release``.
        Raises ``StoreError`` when the outbox refused it: the card then stays.
        """
        card = self._card
        if card is None or self.closed:
            return None
        now = self._clock()
        until = hold_until(self._settings.undo_window_s, now)
        client_id = finish_call(self._store, card, item.item_name, now=now, hold_until=until)
        self._previous = AnsweredCall(card, client_id, item.item_name, now)
        self._enter(S.FETCHING if self._state is S.SKIPPING else S.EMPTY, None)
        self.previousChanged.emit(self._previous)
        self._held = hold
        if not hold:
            self._move_on(item.item_name)
        self._engine.wake()
        if until is not None:
            self.held.emit(HeldWrite(client_id, WriteKind.FEEDBACK, card, item.item_name, until))
        return card

    def release(self) -> None:
        """The customer form of a held call was closed: now the next card."""
        if self._held and not self.closed:
            self._held = False
            parked, self._parked = self._parked, None
            if parked is not None:
                self._fetched(parked)
            elif self._card is None and self._state is not S.FETCHING:
                self._move_on(self._previous.item_name if self._previous else "")

    def _move_on(self, item_name: str) -> None:
        if self._settings.next_phone_after_feedback:
            self.next_phone()  # first: a getphone leaves before the feedback's own request
        else:
            self.explain(Why(Reason.RECORDED, item_name))

    def _previous_read(self, previous: AnsweredCall | None) -> None:
        if previous is not None and self._previous is None and not self.closed:
            self._previous = previous
            self.previousChanged.emit(previous)

    def offer(self, card: PhoneCard) -> bool:
        """Put ``card`` up now (a callback opened from the 回访 view); False while one is on its way."""
        if self._state in FETCH_ON_ITS_WAY or self.closed:
            return False
        self._show(card)
        return True

    def correct_previous(self, item: CallbackItem) -> AnsweredCall | None:
        """更正: the last call's result becomes ``item``. Raises ``StoreError``."""
        previous = self._previous
        if previous is None or self.closed or item.item_name == previous.item_name:
            return previous
        self._previous = correct_answered(self._store, previous, item.item_name, now=self._clock())
        self.previousChanged.emit(self._previous)
        self._engine.wake()
        return self._previous

    def add_customer(self, form: dict[str, object], call: PhoneCard | None) -> None:
        """Queue the 电子客 of the form, for ``call``: the card the form was opened for, not
        the one shown now. Raises ``StoreError``."""
        now = self._clock()
        until = hold_until(self._settings.undo_window_s, now)
        user_id = self._session.user_id
        client_id = record_customer(self._store.outbox(), user_id, dict(form), call, now, until)
        self._engine.wake()
        if until is not None:
            name = str(form.get("customer_name", ""))
            self.held.emit(HeldWrite(client_id, WriteKind.CUSTOMER, None, name, until))

    def bring_back(self, card: PhoneCard) -> None:
        """An undone feedback: its card is up again; a card shown meanwhile goes back to the reserve."""
        if self.closed:
            return
        shown = self._card
        if shown is not None and shown != card:
            try:
                phone = Phone(shown.phone_id, shown.phone_no, shown.owner_name)
                self._store.reserve().add(shown.user_id, shown.package_id, phone)
            except StoreError as exc:
                log.warning("card not returned to the reserve: %s", exc)
        self._show(card)

    def choose_project(self, project: Project | None) -> None:
        self._project = project
        if project is None:
            self.choose_package(None)

    def choose_package(self, package: Package | None, why: Why = _NO_PACKAGE) -> None:
        """The package to call; None with the reason there is none."""
        self._package = package
        self.packageChanged.emit()
        self._update_fetch()
        self._update_reserve()
        if package is None:
            self.explain(why)
        elif self._card is None and not self._held:
            self.next_phone()
        else:
            self.refill.request()  # a card shown stays: its number was handed to this agent

    # -- the world around -------------------------------------------------------------------

    def server_is_back(self) -> None:
        if self._state is S.UNREACHABLE:
            self.next_phone()
        else:
            self.refill.request()

    def settings_changed(self) -> None:
        """The reserve size may have changed: show it and top it up."""
        self._update_reserve()
        self.refill.request()

    # -- the next card from the server -----------------------------------------------------

    def _fetch(self, project: Project, package: Package) -> None:
        store, supply, engine, user_id = self._store, self._supply, self._engine, self._session.user_id

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

        self._tasks.run(fetch, self._fetched, self._fetch_failed)
        # The request is on its way; now say so. F5 on a card skips it: it stays up meanwhile.
        self._enter(S.SKIPPING if self._card is not None else S.FETCHING, self._card)
        if self._card is None:
            self.pending.emit()

    def _fetched(self, card: PhoneCard) -> None:
        if self.closed:
            return
        if self._held:  # not under the customer form of the call just answered
            self._parked = card
            return
        if self._state not in FETCH_ON_ITS_WAY:  # an undone card came back meanwhile: keep this one
            self._keep_for_later(card)
            return
        self._engine.note_reachable()
        self._show(card, saved=True)  # the skipped card, or none: this one replaces it
        self.refill.request()

    def _keep_for_later(self, card: PhoneCard) -> None:
        try:
            phone = Phone(card.phone_id, card.phone_no, card.owner_name)
            self._store.reserve().add(card.user_id, card.package_id, phone)
            if self._card is not None:
                self._store.cards().save(self._card)  # the fetch saved its own card as current
        except StoreError as exc:
            log.warning("fetched card not kept: %s", exc)
        self._update_reserve()

    def _fetch_failed(self, exc: BaseException) -> None:
        if self.closed or self._state not in FETCH_ON_ITS_WAY:
            return
        after = S.EMPTY
        if isinstance(exc, Refused):
            self._engine.note_reachable()
            why = Why(Reason.PHONE_REFUSED, exc.message)
        elif isinstance(exc, NotReached | NoAnswer):
            self._engine.note_unreachable(exc.message)
            why, after = Why(Reason.UNREACHABLE), S.UNREACHABLE
        elif isinstance(exc, ApiError):
            why = Why(Reason.SERVER_ERROR, exc.message)
        else:
            log.error("getting a phone failed", exc_info=exc)
            why = Why(Reason.FETCH_FAILED, str(exc))
        self._enter(S.SHOWN if self._state is S.SKIPPING else after, self._card)  # a skipped card stays
        self.explain(why)

    # -- the reserve ------------------------------------------------------------------------

    def _refill_target(self) -> int | None:
        package = self._package
        if self.closed or package is None or not self._session.active:
            return None
        return package.package_id

    def _refilled(self) -> None:
        if not self.closed:
            self._update_reserve()
