"""The keys the settings dialog edits, their names as the agent reads them, and when they apply.

The program follows ``LIVE_KEYS`` at once (``CONNECTION_KEYS`` by a new connection):
the undo wait from the next feedback, the callback times from the next 预约回访, the
goal and the 接受邀请 items from the next time 统计 is read. ``RESTART_KEYS`` wait for
the next start: the translators, and the days kept (old rows are removed at start-up).
A key set above the user's file (``locked_keys``) is shown but cannot be changed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.config import LoadedConfig

from ..i18n.messages import render

# Keys the running program picks up only when it starts again (the translators; the
# removal of rows older than the days kept).
RESTART_KEYS = ("lang", "history_keep_days")
# Keys that open a new connection (HTTP client and sync engine) when saved.
CONNECTION_KEYS = ("server_url", "connect_timeout_s", "read_timeout_s", "request_deadline_s", "ca_bundle")
# Keys the running program follows from the moment they are saved.
LIVE_KEYS = (
    "next_phone_after_feedback",
    "phone_reserve_size",
    "show_expired_projects",
    "dial_template",
    "machine_no",
    "form_first_items",
    "undo_window_s",
    "callback_end_of_day",
    "callback_morning",
    "callback_afternoon",
    "stats_goal_per_hour",
    "stats_accepted_items",
    *CONNECTION_KEYS,
)
EDITABLE_KEYS = RESTART_KEYS + LIVE_KEYS


def key_labels() -> dict[str, str]:
    """The field names as the dialog shows them (also used in notices)."""

    # Written out in full so that lupdate finds each one in its context.
    return {
        "server_url": QCoreApplication.translate("SettingsDialog", "服务器地址"),
        "machine_no": QCoreApplication.translate("SettingsDialog", "机器编号"),
        "connect_timeout_s": QCoreApplication.translate("SettingsDialog", "连接超时"),
        "read_timeout_s": QCoreApplication.translate("SettingsDialog", "等待回复超时"),
        "next_phone_after_feedback": QCoreApplication.translate("SettingsDialog", "反馈后自动显示下一个号码"),
        "phone_reserve_size": QCoreApplication.translate("SettingsDialog", "备用号码数量"),
        "show_expired_projects": QCoreApplication.translate("SettingsDialog", "显示已过期项目"),
        "dial_template": QCoreApplication.translate("SettingsDialog", "拨号链接模板"),
        "ca_bundle": QCoreApplication.translate("SettingsDialog", "公司 CA 证书"),
        "lang": QCoreApplication.translate("SettingsDialog", "语言"),
        "request_deadline_s": QCoreApplication.translate("SettingsDialog", "单次请求总时限"),
        "form_first_items": QCoreApplication.translate("SettingsDialog", "先填电子客的反馈"),
        "undo_window_s": QCoreApplication.translate("SettingsDialog", "撤销等待秒数"),
        "callback_end_of_day": QCoreApplication.translate("SettingsDialog", "回访：今天下班前"),
        "callback_morning": QCoreApplication.translate("SettingsDialog", "回访：明天上午"),
        "callback_afternoon": QCoreApplication.translate("SettingsDialog", "回访：明天下午"),
        "history_keep_days": QCoreApplication.translate("SettingsDialog", "本机记录保留天数"),
        "stats_goal_per_hour": QCoreApplication.translate("SettingsDialog", "每小时通话目标"),
        "stats_accepted_items": QCoreApplication.translate("SettingsDialog", "计入接受邀请率的反馈"),
    }


def locked_keys(loaded: LoadedConfig | None, *, demo: bool = False) -> dict[str, str]:
    """Setting key → what sets it above the user's file, in words, from each value's source.

    A source is recorded only when its value was used, so a bad environment variable
    locks nothing; where a flag and a variable both set a key, the flag's value won.
    """
    locked = loaded.locked() if loaded is not None else {}
    locks = {key: render(source.describe()) for key, source in locked.items()}
    if demo:
        locks["server_url"] = QCoreApplication.translate("SettingsDialog", "演示模式(本机演示服务器)")
    return locks
