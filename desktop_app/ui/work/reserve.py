"""Keeps the phone reserve of the current package topped up, in the background.

One refill at a time: a phone taken while a refill runs asks for one more round once it
ends, so the reserve is full again without two refills racing for the same slots.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum

from desktop_app.api import ApiClient
from desktop_app.sync.phones import PhoneSupply

from ..tasks import BackgroundTasks

log = logging.getLogger(__name__)


class RefillState(Enum):
    IDLE = "idle"
    RUNNING = "running"
    AGAIN = "running, then once more"  # a phone was taken meanwhile


class ReserveRefill:
    """``request()`` tops up the reserve of ``target()`` (None: nothing to top up now)."""

    def __init__(
        self,
        supply: PhoneSupply,
        client: Callable[[], ApiClient],
        tasks: BackgroundTasks,
        user_id: int,
        target: Callable[[], int | None],
        refilled: Callable[[], None],
    ) -> None:
        self._supply = supply
        self._client = client
        self._tasks = tasks
        self._user_id = user_id
        self._target = target
        self._refilled = refilled
        self.state = RefillState.IDLE

    def request(self) -> None:
        package_id = self._target()
        if self._supply.size == 0 or package_id is None:
            return
        if self.state is not RefillState.IDLE:
            self.state = RefillState.AGAIN
            return
        self.state = RefillState.RUNNING
        supply, client, user_id = self._supply, self._client, self._user_id
        wanted = self._tasks.still_open.holding  # its window closed: nothing more is added

        def work() -> int:
            return supply.refill(client(), user_id, package_id, wanted)

        self._tasks.run(work, self._done, self._failed)

    def _done(self, _added: int) -> None:
        again = self.state is RefillState.AGAIN
        self.state = RefillState.IDLE
        self._refilled()
        if again:
            self.request()

    def _failed(self, exc: BaseException) -> None:
        self.state = RefillState.IDLE
        log.info("reserve refill failed: %s", exc)
