"""What the work screen remembers per agent on this PC: the last project and package chosen."""

from __future__ import annotations

import logging

from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError

log = logging.getLogger(__name__)

PRO_ID = "pro_id"
PACKAGE_ID = "package_id"


def pref_key(user_id: int, name: str) -> str:
    return f"work.{user_id}.{name}"


class WorkPrefs:
    def __init__(self, store: LocalStore, user_id: int) -> None:
        self._store = store
        self._user_id = user_id

    def remembered(self, name: str) -> int | None:
        value = self._store.prefs().get(pref_key(self._user_id, name))
        return int(value) if value and value.lstrip("-").isdigit() else None

    def remember(self, name: str, value: int) -> None:
        try:
            self._store.prefs().set(pref_key(self._user_id, name), str(value))
        except StoreError as exc:
            log.warning("preference not kept: %s", exc)
