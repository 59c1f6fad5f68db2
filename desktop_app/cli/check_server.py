"""``--check-server``: a connection test IT and agents can run without opening a window.

Each action is called once and reported in plain words with its latency; the exit code
says whether all of them worked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from desktop_app.api import ApiClient, ApiError, Malformed, NoAnswer, NotReached, Refused, make_http_client
from desktop_app.api.wire import normalize_server_url


@dataclass(frozen=True)
class CheckLine:
    action: str
    ok: bool
    latency_ms: float
    text: str


def describe_error(exc: ApiError, read_timeout_s: float) -> str:
    """One plain sentence for each error class."""
    if isinstance(exc, NotReached):
        return f"无法连接服务器: {exc.message}"
    if isinstance(exc, NoAnswer):
        return f"服务器没有回应 (等待 {read_timeout_s:g} 秒): {exc.message}"
    if isinstance(exc, Refused):
        return f"服务器拒绝: {exc.message}"
    if isinstance(exc, Malformed):
        return f"服务器回复的格式不对: {exc.message}"
    return exc.message


def _timed(
    action: str, call: Callable[[], Any], describe: Callable[[Any], str], read_timeout_s: float
) -> tuple[CheckLine, Any]:
    started = time.perf_counter()
    try:
        value = call()
    except ApiError as exc:
        ms = (time.perf_counter() - started) * 1000
        return CheckLine(action, False, ms, describe_error(exc, read_timeout_s)), None
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
    emit: Callable[[CheckLine], None] | None = None,
) -> list[CheckLine]:
    """Run the checks in order; ``emit`` sees each line as soon as it is known."""
    lines: list[CheckLine] = []

    def record(line: CheckLine) -> None:
        lines.append(line)
        if emit is not None:
            emit(line)

    entry = ApiClient(http, entry_url)
    line, raw = _timed(
        "get_server_url", entry.get_server_url, lambda v: f"服务器地址: {v or '(空)'}", read_timeout_s
    )
    record(line)
    if not line.ok:
        # Nothing else can work if the entry server is not there; say so once.
        return lines
    named = normalize_server_url(raw, entry_url)
    client = ApiClient(http, named or entry_url)
    if named and named != entry_url.rstrip("/"):
        probe, _ = _timed("getcallback", client.getcallback, lambda v: "", read_timeout_s)
        if not probe.ok:
            record(CheckLine("get_server_url", False, 0.0, f"{named} 无法使用，改用入口地址 {entry_url}"))
            client = ApiClient(http, entry_url)

    record(
        _timed(
            "getcallback",
            client.getcallback,
            lambda v: f"{len(v)} 种反馈: " + "、".join(i.item_name for i in v),
            read_timeout_s,
        )[0]
    )
    record(
        _timed(
            "get_customer_type",
            client.get_customer_type,
            lambda v: "、".join(c.name for c in v) or "(空列表)",
            read_timeout_s,
        )[0]
    )
    record(
        _timed(
            "get_gender_type",
            client.get_gender_type,
            lambda v: "、".join(c.name for c in v) or "(空列表)",
            read_timeout_s,
        )[0]
    )
    if user is None or password is None:
        return lines

    line, login = _timed(
        "login",
        lambda: client.login(user, password, machine_no),
        lambda v: f"登录成功: {v.user_name} (user_id {v.user_id})",
        read_timeout_s,
    )
    record(line)
    record(
        _timed(
            "get_user_status",
            lambda: client.get_user_status(user),
            lambda v: f"用户状态: {v}",
            read_timeout_s,
        )[0]
    )
    if login is not None:
        record(
            _timed(
                "getpros",
                lambda: client.getpros(login.user_id),
                lambda v: f"{len(v)} 个联动项目",
                read_timeout_s,
            )[0]
        )
    return lines


def format_line(line: CheckLine) -> str:
    mark = "✓" if line.ok else "✗"
    return f"  {mark} {line.action:<18} {line.latency_ms:7.0f} ms  {line.text}"


def verdict(lines: list[CheckLine]) -> tuple[bool, str]:
    failed = [line for line in lines if not line.ok]
    if not failed:
        return True, f"结论: 全部 {len(lines)} 项正常。"
    first = failed[0]
    return False, f"结论: {len(failed)} 项失败。首个问题: {first.action} — {first.text}"


def check_server_command(
    entry_url: str,
    *,
    user: str | None,
    password: str | None,
    machine_no: str,
    connect_timeout_s: float,
    read_timeout_s: float,
    verify: bool | str = True,
    out: Callable[[str], None] = print,
) -> int:
    """The whole ``--check-server`` run: prints lines and a verdict; returns the exit code."""
    if normalize_server_url(entry_url.split("://", 1)[-1], entry_url) is None or "://" not in entry_url:
        out(f"服务器地址无效: {entry_url!r} (应类似 http://127.0.0.1:8080/estate)")
        return 2
    out(f"检查服务器 {entry_url}")
    with make_http_client(connect_timeout_s, read_timeout_s, verify) as http:
        lines = run_checks(
            http,
            entry_url,
            user=user,
            password=password,
            machine_no=machine_no,
            read_timeout_s=read_timeout_s,
            emit=lambda line: out(format_line(line)),
        )
    ok, text = verdict(lines)
    out(text)
    return 0 if ok else 1
