"""The settings as the running program uses them, for windows that outlive a save.

The settings dialog can change some settings (``LIVE_KEYS``) while the work window is
open; the window reads them through ``LiveSettings``, never a copy, so a saved value is
used from the next time it is read. Kept apart from the application so a window can
hold this without holding the application.
"""

from __future__ import annotations

from typing import Any

from desktop_app.config import Settings


class LiveSettings:
    """The work window's view of the settings: always the running ones.

    Settings that can change while the program runs (``LIVE_KEYS``) are read through
    this, so a value saved in the settings dialog is used from the next time it is read.
    It holds the settings, not the application: a window must not keep the application
    alive (a reference cycle would leave Qt objects to the garbage collector's timing).
    """

    def __init__(self, settings: Settings) -> None:
        self.current = settings

    @property
    def next_phone_after_feedback(self) -> bool:
        return self.current.next_phone_after_feedback

    @property
    def show_expired_projects(self) -> bool:
        return self.current.show_expired_projects

    @property
    def dial_template(self) -> str:
        return self.current.dial_template

    @property
    def machine_no(self) -> str:
        return self.current.machine_no

    @property
    def form_first_items(self) -> tuple[str, ...]:
        return self.current.form_first_items

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name == "current":  # before __init__ ran (copy, pickle)
            raise AttributeError(name)
        return getattr(self.current, name)
