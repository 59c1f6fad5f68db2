"""``--check-server``: a connection test IT and agents can run without opening a window.

Each action is called once and reported in plain words (in the chosen language) with
its latency; the exit code says whether all of them worked.
"""

from __future__ import annotations

import getpass
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from desktop_app.api import ApiClient, ApiError, Malformed, NoAnswer, NotReached, Refused, make_http_client
from desktop_app.api.answer import DEFAULT_DEADLINE_S
from desktop_app.api.wire import normalize_server_url
from desktop_app.domain.actions import Action
from desktop_app.domain.codes import ApiCode, CommandCode
from desktop_app.domain.messages import Message, msg
from desktop_app.ui.i18n.messages import Translate, render

from .words import translator


@dataclass(frozen=True)
class CheckLine:
    action: str
    ok: bool
    latency_ms: float
    text: Message


@dataclass(frozen=True)
class Limits:
    """How long a request may wait: for each piece of the answer, and for all of it."""

    read_timeout_s: float
    deadline_s: float

    def that_ended(self, elapsed_s: float) -> float:
        """The limit that ended a wait of ``elapsed_s`` with no answer."""
        if self.read_timeout_s >= self.deadline_s or elapsed_s >= 0.95 * self.deadline_s:
            return self.deadline_s
        return self.read_timeout_s


def describe_error(exc: ApiError, limits: Limits, elapsed_s: float) -> Message:
    """One plain sentence for each error class; a timeout says which limit it reached.

    A server not reached is said in the error's own words, which already say so
    ("无法连接服务器(…)", "连接服务器超时"): a prefix would only repeat them.
    """
    if isinstance(exc, NotReached):
        return exc.message
    if isinstance(exc, NoAnswer):
        if exc.message.code is ApiCode.READ_TIMEOUT:
            waited = f"{limits.that_ended(elapsed_s):g}"
            return msg(CommandCode.CHECK_NO_ANSWER, waited, exc.message)
        return msg(CommandCode.CHECK_NO_VALID_ANSWER, exc.message)
    if isinstance(exc, Refused):
        return msg(CommandCode.CHECK_REFUSED, exc.errmsg) if exc.errmsg else exc.message
    if isinstance(exc, Malformed):
        return msg(CommandCode.CHECK_MALFORMED, exc.detail)
    return exc.message


def _names(names: list[str]) -> Message | tuple[str, ...]:
    return tuple(names) if names else msg(CommandCode.CHECK_EMPTY_LIST)


def _feedback_items(items: list[Any]) -> Message:
    return msg(CommandCode.CHECK_FEEDBACK_ITEMS, len(items), tuple(i.item_name for i in items))


def _timed(
    action: str, call: Callable[[], Any], describe: Callable[[Any], Message], limits: Limits
) -> tuple[CheckLine, Any]:
    started = time.perf_counter()
    try:
        value = call()
    except ApiError as exc:
        elapsed = time.perf_counter() - started
        return CheckLine(action, False, elapsed * 1000, describe_error(exc, limits, elapsed)), None
    ms = (time.perf_counter() - started) * 1000
    return CheckLine(action, True, ms, describe(value)), value


def run_checks(
    http: httpx.Client,
    entry_url: str,
    *,
    user: str | None = None,
    password: str | None = None,
    machine_no: str = "weixin",
    read_timeout_s: float = 10.0,
    deadline_s: float = DEFAULT_DEADLINE_S,
    emit: Callable[[CheckLine], None] | None = None,
) -> list[CheckLine]:
    """Run the checks in order; ``emit`` sees each line as soon as it is known.

    Each request ends within ``deadline_s`` whatever the server does, so the whole run
    is bounded by that many times the number of checks.
    """
    lines: list[CheckLine] = []
    limits = Limits(read_timeout_s, deadline_s)

    def record(line: CheckLine) -> None:
        lines.append(line)
        if emit is not None:
            emit(line)

    def client_for(base_url: str) -> ApiClient:
        return ApiClient(http, base_url, deadline_s=deadline_s)

    entry = client_for(entry_url)
    line, raw = _timed(
        Action.GET_SERVER_URL,
        entry.get_server_url,
        lambda v: msg(CommandCode.CHECK_SERVER_URL, v) if v else msg(CommandCode.CHECK_SERVER_URL_EMPTY),
        limits,
    )
    record(line)
    if not line.ok:
        # Nothing else can work if the entry server is not there; say so once.
        return lines
    named = normalize_server_url(raw, entry_url)
    client = client_for(named or entry_url)
    if named and named != entry_url.rstrip("/"):
        probe, _ = _timed(Action.GETCALLBACK, client.getcallback, _feedback_items, limits)
        if not probe.ok:
            unusable = msg(CommandCode.CHECK_NAMED_UNUSABLE, named, entry_url)
            record(CheckLine(Action.GET_SERVER_URL, False, 0.0, unusable))
            client = client_for(entry_url)

    record(_timed(Action.GETCALLBACK, client.getcallback, _feedback_items, limits)[0])
    record(
        _timed(
            Action.GET_CUSTOMER_TYPE,
            client.get_customer_type,
            lambda v: msg(CommandCode.CHECK_CUSTOMER_TYPES, _names([c.name for c in v])),
            limits,
        )[0]
    )
    record(
        _timed(
            Action.GET_GENDER_TYPE,
            client.get_gender_type,
            lambda v: msg(CommandCode.CHECK_GENDERS, _names([c.name for c in v])),
            limits,
        )[0]
    )
    if user is None or password is None:
        return lines

    line, login = _timed(
        Action.LOGIN,
        lambda: client.login(user, password, machine_no),
        lambda v: msg(CommandCode.CHECK_LOGGED_IN, v.user_name, v.user_id),
        limits,
    )
    record(line)
    record(
        _timed(
            Action.GET_USER_STATUS,
            lambda: client.get_user_status(user),
            lambda v: msg(CommandCode.CHECK_USER_STATUS, v),
            limits,
        )[0]
    )
    if login is not None:
        record(
            _timed(
                Action.GETPROS,
                lambda: client.getpros(login.user_id),
                lambda v: msg(CommandCode.CHECK_PROJECTS, len(v)),
                limits,
            )[0]
        )
    return lines


def format_line(line: CheckLine, translate: Translate) -> str:
    mark = "✓" if line.ok else "✗"
    return f"  {mark} {line.action:<18} {line.latency_ms:7.0f} ms  {render(line.text, translate)}"


def verdict(lines: list[CheckLine]) -> tuple[bool, Message]:
    failed = [line for line in lines if not line.ok]
    if not failed:
        return True, msg(CommandCode.CHECK_ALL_OK, len(lines))
    first = failed[0]
    return False, msg(CommandCode.CHECK_FAILED, len(failed), first.action, first.text)


def check_server_command(
    entry_url: str,
    *,
    user: str | None,
    password: str | None,
    machine_no: str,
    connect_timeout_s: float,
    read_timeout_s: float,
    deadline_s: float = DEFAULT_DEADLINE_S,
    verify: bool | str = True,
    lang: str = "zh_CN",
    out: Callable[[str], None] = print,
    has_terminal: Callable[[], bool] = lambda: sys.stdin is not None and sys.stdin.isatty(),
    ask_password: Callable[[str], str] = getpass.getpass,
) -> int:
    """The whole ``--check-server`` run: prints lines and a verdict in ``lang``; returns the exit code.

    With ``--user`` and no ``--password`` the password is asked for without echo (so it
    stays out of the shell's history); with no terminal to ask on, the run fails at once.
    """
    words = translator(lang)
    if normalize_server_url(entry_url.split("://", 1)[-1], entry_url) is None or "://" not in entry_url:
        out(render(msg(CommandCode.CHECK_BAD_URL, repr(entry_url)), words))
        return 2
    if user is not None and password is None:
        if not has_terminal():
            out(render(msg(CommandCode.CHECK_PASSWORD_NO_TERMINAL), words))
            return 2
        password = ask_password(render(msg(CommandCode.CHECK_PASSWORD_PROMPT, user), words))
    out(render(msg(CommandCode.CHECK_START, entry_url), words))
    with make_http_client(connect_timeout_s, read_timeout_s, verify) as http:
        lines = run_checks(
            http,
            entry_url,
            user=user,
            password=password,
            machine_no=machine_no,
            read_timeout_s=read_timeout_s,
            deadline_s=deadline_s,
            emit=lambda line: out(format_line(line, words)),
        )
    ok, text = verdict(lines)
    out(render(text, words))
    return 0 if ok else 1
