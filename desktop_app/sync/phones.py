"""Where the next phone comes from: the local reserve first, the server second.

After a feedback the agent must see the next number at once, and keep calling through
a short network drop. So a few phones of the current package are fetched ahead in the
background and kept in SQLite (``PhoneReserve``); the next card is taken from there
with no round trip. ``getphone`` may hand out the same phone again while the last
feedback is still queued: the refill stops at the first phone it already holds (or
that is on the card now), so the reserve never fills with copies of one number.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from desktop_app.api import ApiClient, ApiError, NotReached, Phone
from desktop_app.domain.actions import Action
from desktop_app.domain.codes import SyncCode
from desktop_app.domain.messages import msg
from desktop_app.store.db import LocalStore

log = logging.getLogger(__name__)


def always_wanted() -> AbstractContextManager[bool]:
    """A refill nobody can call off: every phone it fetches is kept."""
    return nullcontext(True)


class PhoneSupply:
    """The phone reserve policy over ``store.reserve()``; ``size`` 0 turns it off."""

    def __init__(self, store: LocalStore, size: int) -> None:
        self._store = store
        self.size = max(0, size)

    def count(self, user_id: int, package_id: int) -> int:
        return self._store.reserve().count(user_id, package_id)

    def take_reserved(self, user_id: int, package_id: int) -> Phone | None:
        """The oldest reserved phone of the package, removed from the reserve (fast, local)."""
        return self._store.reserve().take(user_id, package_id)

    def fetch(
        self,
        client_factory: Callable[[], ApiClient] | None,
        user_id: int,
        package_id: int,
    ) -> Phone:
        """After the reserve was found empty: a refill that landed meanwhile, else ``getphone``.

        With the reserve off nothing refills it, so the reserve is not read again (the
        key-to-card time is then the round trip and nothing else). API errors pass
        through, call 完 included.
        """
        if self.size > 0:
            phone = self.take_reserved(user_id, package_id)
            if phone is not None:
                return phone
        if client_factory is None:
            raise NotReached(Action.GETPHONE, msg(SyncCode.NO_SERVER))
        return client_factory().getphone(user_id, package_id)

    def refill(
        self,
        client: ApiClient,
        user_id: int,
        package_id: int,
        wanted: Callable[[], AbstractContextManager[bool]] = always_wanted,
    ) -> int:
        """Fetch phones until the reserve holds ``size``; returns how many were added.

        Stops quietly at the first error (offline, call 完: the reserve is what it is)
        and at the first phone already held or already on the agent's card. ``wanted()``
        is entered before each request and around each phone's adding: False stops the
        refill there (whoever asked for it is gone), and the phone in hand is not kept.
        """
        reserve = self._store.reserve()
        held = set(reserve.peek_ids(user_id, package_id))
        card = self._store.cards().load(user_id)
        if card is not None and card.package_id == package_id:
            held.add(card.phone_id)
        added = 0
        for _ in range(self.size):
            with wanted() as still:
                if not still or reserve.count(user_id, package_id) >= self.size:
                    break
            try:
                phone = client.getphone(user_id, package_id)
            except ApiError as exc:
                log.info("reserve refill stopped: %s", exc.message)
                break
            with wanted() as still:
                if not still:
                    log.info("reserve refill stopped: it is no longer wanted")
                    break
                kept = phone.phone_id not in held and reserve.add(user_id, package_id, phone)
            if not kept:
                log.info("reserve refill stopped: the server handed out a phone already held")
                break
            held.add(phone.phone_id)
            added += 1
        return added
