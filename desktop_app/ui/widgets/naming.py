"""``named(widget, "loginUser")``: object names are the stable handles of tests and style sheets."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

QObjectT = TypeVar("QObjectT", bound=QObject)


def named(obj: QObjectT, name: str) -> QObjectT:
    obj.setObjectName(name)
    return obj
