"""Logging an agent in: online when the server answers, offline against this PC's verifier.

An agent must be able to start work through a network drop, so a login that cannot
reach the server is checked against the salted verifier of that agent's last online
login here. The password itself is never stored; the window keeps it in memory only
while an offline session still needs to be confirmed by the server (``reverify``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Protocol

from desktop_app.api import ApiClient, Malformed, NoAnswer, NotReached, Refused
from desktop_app.domain.codes import InputCode, SyncCode
from desktop_app.domain.messages import Message, MessageError, msg
from desktop_app.store.errors import StoreError

log = logging.getLogger(__name__)

ACTIVE_STATUS = "活动"  # the server's word for an agent who may work (get_user_status)


class Verifiers(Protocol):
    """What login needs of ``store.LoginVerifiers``."""

    def remember(self, user_num: str, password: str, user_id: int, user_name: str) -> None: ...

    def check(self, user_num: str, password: str) -> tuple[int, str] | None: ...

    def known(self, user_num: str) -> bool: ...


@dataclass(frozen=True)
class AgentSession:
    user_num: str
    user_id: int
    user_name: str
    offline: bool  # logged in against this PC's verifier; the server has not confirmed it yet
    status: str | None  # the server's user_status; None when it could not be asked
    active: bool  # may get new phones (status 活动, or unknown)


class LoginError(MessageError):
    """A login that did not succeed; ``message`` says why (a refusal carries the server's words)."""


class LoginRefused(LoginError):
    """The server (or this PC's verifier) says the 工号 or password is wrong."""


class LoginUnavailable(LoginError):
    """Neither the server nor an offline record can decide: try again later."""


def log_in(
    client: ApiClient | None,
    verifiers: Verifiers,
    user_num: str,
    password: str,
    machine_no: str,
) -> AgentSession:
    """Online login, falling back to the offline verifier when the server is not reached.

    ``client`` is None when no server is configured: only an offline login is possible.
    """
    user_num = user_num.strip()
    if not user_num:
        raise LoginRefused(msg(InputCode.USER_NUM_MISSING))
    if client is None:
        return _offline(verifiers, user_num, password, msg(SyncCode.NO_SERVER))
    try:
        result = client.login(user_num, password, machine_no)
    except Refused as exc:
        raise LoginRefused(exc.message) from exc
    except (NotReached, NoAnswer):
        return _offline(verifiers, user_num, password, msg(SyncCode.SERVER_UNREACHABLE))
    except Malformed as exc:
        log.warning("login reply unusable: %s", exc.message)
        return _offline(verifiers, user_num, password, msg(SyncCode.SERVER_ODD_REPLY))
    try:
        verifiers.remember(user_num, password, result.user_id, result.user_name)
    except StoreError:
        log.warning("could not keep the offline login record", exc_info=True)
    status, active = user_status(client, user_num)
    return AgentSession(user_num, result.user_id, result.user_name, False, status, active)


def user_status(client: ApiClient, user_num: str) -> tuple[str | None, bool]:
    """(status, active): a status other than 活动 blocks new phones; unknown does not."""
    try:
        status = client.get_user_status(user_num)
    except Refused as exc:
        log.warning("user status refused: %s", exc.message)
        return None, True
    except (NotReached, NoAnswer, Malformed) as exc:
        log.info("user status unknown: %s", exc.message)
        return None, True
    return status, status.strip() == ACTIVE_STATUS


def reverify(
    client: ApiClient,
    verifiers: Verifiers,
    session: AgentSession,
    password: str,
    machine_no: str = "weixin",
) -> AgentSession:
    """Confirm an offline session once the server answers again, without asking the agent.

    Returns the confirmed session (offline False, fresh status), or the same session
    when the server is still not reached. Raises LoginRefused when the server rejects
    the password (changed elsewhere): the agent must log in again.
    """
    try:
        result = client.login(session.user_num, password, machine_no)
    except Refused as exc:
        raise LoginRefused(exc.message) from exc
    except (NotReached, NoAnswer, Malformed):
        return session
    if result.user_id != session.user_id:
        raise LoginRefused(msg(SyncCode.AGENT_CHANGED))
    try:
        verifiers.remember(session.user_num, password, result.user_id, result.user_name)
    except StoreError:
        log.warning("could not keep the offline login record", exc_info=True)
    status, active = user_status(client, session.user_num)
    return replace(session, user_name=result.user_name, offline=False, status=status, active=active)


def _offline(verifiers: Verifiers, user_num: str, password: str, why: Message) -> AgentSession:
    if not verifiers.known(user_num):
        raise LoginUnavailable(msg(SyncCode.NO_OFFLINE_RECORD, why))
    found = verifiers.check(user_num, password)
    if found is None:
        raise LoginRefused(msg(SyncCode.OFFLINE_PASSWORD_WRONG))
    user_id, user_name = found
    return AgentSession(user_num, user_id, user_name, True, None, True)
