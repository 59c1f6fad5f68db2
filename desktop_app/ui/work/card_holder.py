"""The card of the work screen: which one is up, its state, and the signals that show it.

``CardHolder`` keeps the card, the chosen project and package and the ``CardState``, moves
the state only along its rules, and tells the window by signals what to show. What the
agent does with the card (the next phone, a feedback, a correction) is ``CallFlow``'s,
which builds on this; neither draws anything.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop_app.api import Package, Phone, Project
from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError
from desktop_app.sync.auth import AgentSession
from desktop_app.sync.phones import PhoneSupply

from .card_state import FETCH_ON_ITS_WAY, CardState, Reason, Why, check

log = logging.getLogger(__name__)

S = CardState


class CardHolder(QObject):
    """The card, its state and the chosen package; the signals the window paints from."""

    cardChanged = Signal(object)  # PhoneCard | None: the card to show, or none any more
    pending = Signal()  # no card, and the next one is on its way: say so if it takes long
    emptied = Signal(object)  # Why: no card, shown in its place
    noted = Signal(object)  # Why: a line under the card, which stays
    fetchChanged = Signal(bool, bool)  # whether a phone may be asked for; whether one is on its way
    reserveChanged = Signal(object)  # int | None: phones in reserve; None when there is no reserve

    def __init__(
        self,
        store: LocalStore,
        session: AgentSession,
        supply: PhoneSupply,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._session = session
        self._supply = supply
        self._clock = clock
        self._state = S.EMPTY
        self._card: PhoneCard | None = None
        self._project: Project | None = None
        self._package: Package | None = None

    # -- what the window reads ----------------------------------------------------------

    @property
    def state(self) -> CardState:
        return self._state

    @property
    def card(self) -> PhoneCard | None:
        return self._card

    @property
    def project(self) -> Project | None:
        return self._project

    @property
    def package(self) -> Package | None:
        return self._package

    @property
    def session(self) -> AgentSession:
        return self._session

    @property
    def closed(self) -> bool:
        return self._state is S.CLOSED

    def explain(self, why: Why) -> None:
        """Say why: in place of the card when there is none, else as a note under it."""
        if self._card is not None:
            self.noted.emit(why)
            return
        self.emptied.emit(why)
        self._update_fetch()

    def set_session(self, session: AgentSession) -> None:
        """The session confirmed online; a user no longer 活动 gets no new phones."""
        was_active = self._session.active
        self._session = session
        self._update_fetch()
        if was_active and not session.active and self._card is None:
            self.explain(Why(Reason.INACTIVE))

    def mark_dialed(self) -> None:
        """拨号 (F4) was pressed for the card: from now the time to its result is kept too."""
        card = self._card
        if card is None or self.closed:
            return
        card = dataclasses.replace(card, dialed_at=self._clock())
        self._card = card  # the same card, not a new one: no cardChanged
        try:
            self._store.cards().save(card)
        except StoreError as exc:
            log.warning("dial time not saved: %s", exc)

    def close(self) -> None:
        """The window closed: late answers are dropped from now on, the card's clock stops."""
        if not self.closed:
            if self._card is not None:
                try:
                    self._store.cards().pause(self._session.user_id, self._clock())
                except StoreError as exc:
                    log.warning("time on card not saved: %s", exc)
            self._enter(S.CLOSED, self._card)

    # -- cards ------------------------------------------------------------------------------

    def _enter(self, state: CardState, card: PhoneCard | None) -> None:
        check(self._state, state)
        self._state = state
        changed = card is not self._card
        self._card = card
        if state is not S.CLOSED:
            if changed:
                self.cardChanged.emit(card)
            self._update_fetch()

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

    def _show(self, card: PhoneCard, saved: bool = False) -> None:
        if not saved:
            try:
                self._store.cards().save(card)
            except StoreError as exc:
                log.warning("card not saved: %s", exc)
        self._enter(S.SHOWN, card)
        self._update_reserve()

    def _update_reserve(self) -> None:
        package = self._package
        if self._supply.size == 0 or package is None:
            self.reserveChanged.emit(None)
            return
        try:
            count = self._supply.count(self._session.user_id, package.package_id)
        except StoreError:
            return
        self.reserveChanged.emit(count)

    def _update_fetch(self) -> None:
        can = self._session.active and self._package is not None
        self.fetchChanged.emit(can, self._state in FETCH_ON_ITS_WAY)
