"""The eleven actions of the estate call API over the demo data, apart from HTTP.

This is what the real server does with a request once it has read it: check the
members, look things up, hand out the next phone of a package, accept or refuse a
write. Faults of the transport (latency, dropped replies, proxy pages) belong to
``server.py``; this module only knows the contract of ``spec/api.md``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .data import DemoData

WRITE_ACTIONS = ("savecallback", "save_to_customer")
GET_ACTIONS = ("getcallback", "get_customer_type", "get_gender_type", "get_server_url")

BAD_INPUT = "传入数据错误"
BAD_LOGIN = "用户名或者密码错误"
NO_USER = "找不到此用户"
PROJECT_GONE = "联动项目已删除、或者过期"
PACKAGE_DONE = "此信息包已经 call 完"
NO_PACKAGE = "找不到此信息包"
NO_PERSON = "未找到相关人员"


class BadInput(Exception):
    """A request member is missing or of the wrong kind (answered ``传入数据错误``)."""


@dataclass(frozen=True)
class Outcome:
    """The JSON answer of an action, and whether it accepted a write."""

    body: dict[str, Any]
    accepted_write: bool = False


def error_key(action: str) -> str:
    """``savecallback`` spells its error member with a trailing space, as documented."""
    return "errmsg " if action == "savecallback" else "errmsg"


def _error(action: str, message: str) -> Outcome:
    return Outcome({error_key(action): message})


def _int(body: dict[str, Any], name: str) -> int:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadInput(name)
    return value


def _text(body: dict[str, Any], name: str, allow_empty: bool = False) -> str:
    value = body.get(name)
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise BadInput(name)
    if any(ord(ch) > 0xFFFF for ch in value):
        # The old server's database stores only the Basic Multilingual Plane.
        raise BadInput(name)
    return value


class DemoBackend:
    """The server's state: the data, a hand-out cursor per package and the server URL."""

    def __init__(self, data: DemoData, server_url: Callable[[], str]) -> None:
        self.data = data
        self._server_url = server_url
        self._lock = threading.Lock()
        self._cursors: dict[int, int] = {}
        self._handlers: dict[str, Callable[[dict[str, Any], bool], Outcome]] = {
            "login": self._login,
            "getpros": self._getpros,
            "getpackages": self._getpackages,
            "getphone": self._getphone,
            "getcallback": self._getcallback,
            "savecallback": self._savecallback,
            "get_customer_type": self._get_customer_type,
            "get_gender_type": self._get_gender_type,
            "save_to_customer": self._save_to_customer,
            "get_server_url": self._get_server_url,
            "get_user_status": self._get_user_status,
        }

    def knows(self, action: str) -> bool:
        return action in self._handlers

    def reset(self) -> None:
        with self._lock:
            self._cursors.clear()

    def answer(self, action: str, body: dict[str, Any] | None, refuse_writes: bool = False) -> Outcome:
        """The answer to one request; ``body`` is None when it was not a JSON object."""
        if body is None:
            if action not in GET_ACTIONS:
                return _error(action, BAD_INPUT)
            body = {}
        try:
            return self._handlers[action](body, refuse_writes)
        except BadInput:
            return _error(action, BAD_INPUT)

    # -- the actions ----------------------------------------------------------------------

    def _login(self, body: dict[str, Any], _refuse: bool) -> Outcome:
        user_num = _text(body, "user_num", allow_empty=True)
        pwd = _text(body, "pwd", allow_empty=True)
        _text(body, "machine_no")
        user = self.data.user_by_num(user_num.strip())
        if user is None or user.pwd != pwd:
            return _error("login", BAD_LOGIN)
        return Outcome({"user_id": user.user_id, "user_name": user.user_name})

    def _getpros(self, body: dict[str, Any], _refuse: bool) -> Outcome:
        if self.data.user_by_id(_int(body, "user_id")) is None:
            return _error("getpros", NO_USER)
        projects = [
            {
                "pro_id": p.pro_id,
                "pro_name": p.pro_name,
                "start_date": p.start_date.isoformat() if p.start_date else "",
                "end_date": p.end_date.isoformat() if p.end_date else "",
            }
            for p in self.data.projects
        ]
        return Outcome({"projects": projects})

    def _getpackages(self, body: dict[str, Any], _refuse: bool) -> Outcome:
        user_id, pro_id = _int(body, "user_id"), _int(body, "pro_id")
        if self.data.user_by_id(user_id) is None:
            return _error("getpackages", NO_USER)
        project = self.data.project(pro_id)
        if project is None or project.has_ended(dt.date.today()):
            return _error("getpackages", PROJECT_GONE)
        packages = [{"package_id": k.package_id, "package_name": k.package_name} for k in project.packages]
        return Outcome({"packages": packages})

    def _getphone(self, body: dict[str, Any], _refuse: bool) -> Outcome:
        user_id, package_id = _int(body, "user_id"), _int(body, "package_id")
        if self.data.user_by_id(user_id) is None:
            return _error("getphone", NO_USER)
        found = self.data.package(package_id)
        if found is None:
            return _error("getphone", NO_PACKAGE)
        project, package = found
        if project.has_ended(dt.date.today()):
            return _error("getphone", PROJECT_GONE)
        with self._lock:  # one cursor per package, shared by every agent
            index = self._cursors.get(package_id, 0)
            if index >= package.size:
                return _error("getphone", PACKAGE_DONE)
            self._cursors[package_id] = index + 1
        phone = package.phone(index)
        return Outcome(
            {"phone_id": phone.phone_id, "phone_no": phone.phone_no, "owner_name": phone.owner_name}
        )

    def _getcallback(self, _body: dict[str, Any], _refuse: bool) -> Outcome:
        items = [{"index": i, "item_name": name} for i, name in enumerate(self.data.callback_items)]
        return Outcome({"call_back_item": items})

    def _savecallback(self, body: dict[str, Any], refuse: bool) -> Outcome:
        _int(body, "user_id")
        _text(body, "phone_no")
        _text(body, "owner_name", allow_empty=True)
        _int(body, "package_id")
        _int(body, "pro_id")
        _text(body, "call_back_item_name")
        if refuse:
            return _error("savecallback", BAD_INPUT)
        return Outcome({error_key("savecallback"): "ok"}, accepted_write=True)

    def _get_customer_type(self, _body: dict[str, Any], _refuse: bool) -> Outcome:
        return Outcome({"customer_type": [{"name": n, "value": v} for n, v in self.data.customer_types]})

    def _get_gender_type(self, _body: dict[str, Any], _refuse: bool) -> Outcome:
        return Outcome({"gender_type": [{"name": n, "value": v} for n, v in self.data.gender_types]})

    def _save_to_customer(self, body: dict[str, Any], refuse: bool) -> Outcome:
        _int(body, "reg_user_id")
        _text(body, "customer_name")
        _text(body, "customer_phone")
        if _text(body, "gender_type") not in {v for _n, v in self.data.gender_types}:
            raise BadInput("gender_type")
        if _text(body, "customer_type") not in {v for _n, v in self.data.customer_types}:
            raise BadInput("customer_type")
        _text(body, "recommend", allow_empty=True)
        _text(body, "follow_content", allow_empty=True)
        if refuse:
            return _error("save_to_customer", BAD_INPUT)
        return Outcome({"errmsg": "ok"}, accepted_write=True)

    def _get_server_url(self, _body: dict[str, Any], _refuse: bool) -> Outcome:
        return Outcome({"server_url": self._server_url()})

    def _get_user_status(self, body: dict[str, Any], _refuse: bool) -> Outcome:
        value = body.get("enroll_number")
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise BadInput("enroll_number")
        wanted = str(value).strip()
        for user in self.data.users:
            if user.user_num == wanted or (wanted.isdecimal() and _same_number(user.user_num, wanted)):
                return Outcome({"user_status": user.status})
        return _error("get_user_status", NO_PERSON)


def _same_number(user_num: str, wanted: str) -> bool:
    """工号 "00006" and enroll_number 6 name the same person."""
    return user_num.isdecimal() and int(user_num) == int(wanted)
