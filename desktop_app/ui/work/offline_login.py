"""An offline login, confirmed with the server as soon as it answers again.

After an offline login the password is kept in memory (never on disk) until the server
has checked it once; then it is forgotten. The agent is not asked anything: a confirmed
session replaces the offline one, a refused password is said in the banner.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, Signal

from desktop_app.api import ApiClient
from desktop_app.store.db import LocalStore
from desktop_app.sync.auth import AgentSession, LoginRefused, reverify

from ..tasks import BackgroundTasks


class Confirmation(Enum):
    NONE = "nothing to confirm"  # an online login, or one already confirmed, refused or forgotten
    WAITING = "waiting for the server"
    CHECKING = "checking with the server"


class OfflineLogin(QObject):
    confirmed = Signal(object)  # AgentSession, online now
    refused = Signal(object)  # Message: the server's reason; the password is forgotten

    def __init__(
        self,
        session: AgentSession,
        password: str | None,
        client: Callable[[], ApiClient],
        store: LocalStore,
        machine_no: Callable[[], str],
        tasks: BackgroundTasks,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._password = password if session.offline else None
        self._client = client
        self._store = store
        self._machine_no = machine_no
        self._tasks = tasks
        self.state = Confirmation.WAITING if self._password is not None else Confirmation.NONE

    def server_is_back(self) -> None:
        """Check the password now, unless that is done already or on its way."""
        if self.state is not Confirmation.WAITING or self._password is None:
            return
        self.state = Confirmation.CHECKING
        client, store, session, password = self._client, self._store, self._session, self._password
        machine_no = self._machine_no()

        def work() -> AgentSession:
            return reverify(client(), store.verifiers(), session, password, machine_no)

        self._tasks.run(work, self._checked, self._failed)

    def forget(self) -> None:
        """Logging out or closing: the password goes, and so does any answer still on its way."""
        self._password = None
        self.state = Confirmation.NONE

    def _checked(self, session: AgentSession) -> None:
        if self.state is not Confirmation.CHECKING:
            return
        if session.offline:  # the server went away again: next time
            self.state = Confirmation.WAITING
            return
        self.forget()  # confirmed: no longer needed
        self._session = session
        self.confirmed.emit(session)

    def _failed(self, exc: BaseException) -> None:
        if self.state is not Confirmation.CHECKING:
            return
        if isinstance(exc, LoginRefused):
            self.forget()
            self.refused.emit(exc.message)
        else:
            self.state = Confirmation.WAITING
