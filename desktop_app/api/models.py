"""Typed results of the server actions, built leniently from what the old server sends.

Numbers may arrive as strings and strings as numbers; dates may be empty or null. The
``from_json`` constructors accept all of that and raise ``ValueError`` only when a
member the contract requires is missing or cannot be read at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


def as_int(value: Any, name: str) -> int:
    """An integer from an int, a float with no fraction, or a numeric string."""
    if isinstance(value, bool):
        raise ValueError(f"{name}: expected a number, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ValueError(f"{name}: expected a number, got {value!r}")


def as_str(value: Any, name: str) -> str:
    """A string from a string or a number (phone numbers arrive as either)."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{name}: expected text, got {value!r}")
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    raise ValueError(f"{name}: expected text, got {value!r}")


def as_date(value: Any) -> dt.date | None:
    """A date from ``"2014-02-03"``; empty, null or unreadable gives None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()[:10].replace("/", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def member(obj: Any, name: str) -> Any:
    """A required member of a JSON object, or ValueError naming what is missing."""
    if not isinstance(obj, dict) or name not in obj:
        raise ValueError(f"missing member {name!r}")
    return obj[name]


def as_list(obj: Any, name: str) -> list[Any]:
    """A required list member; null counts as empty, anything else is malformed."""
    value = member(obj, name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{name}: expected a list, got {type(value).__name__}")
    return value


@dataclass(frozen=True)
class LoginResult:
    user_id: int
    user_name: str

    @classmethod
    def from_json(cls, body: Any) -> LoginResult:
        return cls(
            user_id=as_int(member(body, "user_id"), "user_id"),
            user_name=as_str(body.get("user_name") or "", "user_name"),
        )


@dataclass(frozen=True)
class Project:
    pro_id: int
    pro_name: str
    start_date: dt.date | None
    end_date: dt.date | None

    def is_current(self, today: dt.date) -> bool:
        """在推 today: inside its dates, an open end counting as still running."""
        if self.start_date and today < self.start_date:
            return False
        return not (self.end_date and today > self.end_date)

    @classmethod
    def from_json(cls, item: Any) -> Project:
        return cls(
            pro_id=as_int(member(item, "pro_id"), "pro_id"),
            pro_name=as_str(member(item, "pro_name"), "pro_name"),
            start_date=as_date(item.get("start_date")),
            end_date=as_date(item.get("end_date")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "pro_id": self.pro_id,
            "pro_name": self.pro_name,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
        }


@dataclass(frozen=True)
class Package:
    package_id: int
    package_name: str

    @classmethod
    def from_json(cls, item: Any) -> Package:
        return cls(
            package_id=as_int(member(item, "package_id"), "package_id"),
            package_name=as_str(member(item, "package_name"), "package_name"),
        )

    def to_json(self) -> dict[str, Any]:
        return {"package_id": self.package_id, "package_name": self.package_name}


@dataclass(frozen=True)
class Phone:
    phone_id: int
    phone_no: str
    owner_name: str

    @classmethod
    def from_json(cls, body: Any) -> Phone:
        return cls(
            phone_id=as_int(member(body, "phone_id"), "phone_id"),
            phone_no=as_str(member(body, "phone_no"), "phone_no"),
            owner_name=as_str(body.get("owner_name") or "", "owner_name"),
        )

    def to_json(self) -> dict[str, Any]:
        return {"phone_id": self.phone_id, "phone_no": self.phone_no, "owner_name": self.owner_name}


@dataclass(frozen=True)
class CallbackItem:
    index: int
    item_name: str

    @classmethod
    def from_json(cls, item: Any) -> CallbackItem:
        return cls(
            index=as_int(member(item, "index"), "index"),
            item_name=as_str(member(item, "item_name"), "item_name"),
        )

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "item_name": self.item_name}


@dataclass(frozen=True)
class Choice:
    """One entry of the customer-type or gender list: shown ``name``, sent ``value``."""

    name: str
    value: str

    @classmethod
    def from_json(cls, item: Any) -> Choice:
        return cls(
            name=as_str(member(item, "name"), "name"),
            value=as_str(member(item, "value"), "value"),
        )

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value}
