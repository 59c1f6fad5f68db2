"""Finding the widgets the spec names, and letting Qt deliver what is already posted."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject

W = TypeVar("W", bound=QObject)


def child(root: QObject, kind: type[W], name: str) -> W:
    """The child of ``root`` with this object name (object names are in spec/ui.md)."""
    found = root.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name!r}"
    return found


def text_of(root: QObject, name: str) -> str:
    """The text of a named label or button."""
    widget = child(root, QObject, name)
    text = getattr(widget, "text", None)
    assert callable(text), f"{name!r} shows no text"
    return str(text())


def flush_events() -> None:
    """Deliver every event already posted (queued signals, layout requests, deferred paints).

    Deterministic, unlike waiting a fixed time: what was queued before this call has been
    handled when it returns.
    """
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
