"""The typed settings object and the bounds of its values.

``Settings`` is built once at start-up (see ``config.layers``) and passed in; tests and
scripts build it directly, e.g. ``Settings(server_url=…, data_dir=…)``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Everything configurable. ``server_url`` None means no server is set (no default host)."""

    server_url: str | None = None  # entry URL, e.g. "https://localhost:8443/estate"
    machine_no: str = "weixin"
    connect_timeout_s: float = 3.0
    read_timeout_s: float = 10.0
    request_deadline_s: float = 15.0  # the whole of one request: connect, send and the entire answer
    ca_bundle: str | None = None  # a company CA bundle (PEM) for https
    next_phone_after_feedback: bool = True  # show the next phone right after a feedback key
    phone_reserve_size: int = 3  # 0 turns the reserve off
    show_expired_projects: bool = False
    dial_template: str = "tel:{phone}"  # click-to-dial link
    # Feedback items (by the server's item name) whose key opens the customer form first:
    # the feedback is recorded at the key, the next card comes once the form is closed.
    form_first_items: tuple[str, ...] = ("接受邀请",)
    callback_end_of_day: str = "18:00"  # 预约回访 "今天下班前" (HH:MM)
    callback_morning: str = "09:30"  # 预约回访 "明天上午"
    callback_afternoon: str = "14:00"  # 预约回访 "明天下午"
    history_keep_days: int = 365  # callbacks, history and notes older than this are removed
    lang: str = "zh_CN"  # "zh_CN" | "en"
    data_dir: Path | None = None  # None = the platform's per-user folders
    demo: bool = False
    undo_window_s: float = 5.0  # a write waits this long for Ctrl+Z before it is sent; 0: off
    stats_accepted_items: tuple[str, ...] = ("接受邀请",)  # the results the 接受邀请 rate counts
    stats_goal_per_hour: float = 0.0  # calls per hour the team aims at (a line on the chart); 0: none


KEYS: tuple[str, ...] = tuple(f.name for f in fields(Settings))
BOOLEAN_KEYS = ("next_phone_after_feedback", "show_expired_projects", "demo")

LANGS = ("zh_CN", "en")
PHONE_PLACEHOLDER = "{phone}"
DIAL_SCHEMES = ("tel", "sip", "sips", "callto", "http", "https")
CONNECT_TIMEOUT_RANGE = (0.1, 60.0)
READ_TIMEOUT_RANGE = (0.1, 300.0)
REQUEST_DEADLINE_RANGE = (0.5, 600.0)
RESERVE_RANGE = (0, 20)
MACHINE_NO_MAX = 64
UNDO_WINDOW_RANGE = (0.0, 60.0)
GOAL_PER_HOUR_RANGE = (0.0, 1000.0)
ACCEPTED_ITEMS_MAX = 20
TIME_OF_DAY_KEYS = ("callback_end_of_day", "callback_morning", "callback_afternoon")
KEEP_DAYS_RANGE = (1, 3650)
