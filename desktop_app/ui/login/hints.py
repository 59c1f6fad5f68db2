"""What a login error means and what the agent does next, in one paragraph.

The store and the sync layer say why a login failed (a code); this module adds the next
step for each kind of failure, so no login error leaves the agent without one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.codes import InputCode, SyncCode
from desktop_app.domain.messages import Message


def next_step(reason: Message | None) -> str:
    """The next step after a login that failed for ``reason`` (None: an unexpected error)."""
    if reason is None:
        return QCoreApplication.translate(
            "LoginHints",
            "请再试一次；仍然失败时，请联系 IT(可在命令提示符中运行 estate-call --check-server 检查连接)。",
        )
    code = reason.code
    if code is InputCode.USER_NUM_MISSING:
        return QCoreApplication.translate("LoginHints", "请输入工号后再登录。")
    if code is SyncCode.OFFLINE_PASSWORD_WRONG:
        return QCoreApplication.translate(
            "LoginHints", "请输入上次在这台电脑联网登录时用的密码；忘记密码请联系主管，并在联网后登录。"
        )
    if code is SyncCode.NO_OFFLINE_RECORD:
        why = reason.args[0] if reason.args else None
        if isinstance(why, Message) and why.code is SyncCode.NO_SERVER:
            return QCoreApplication.translate(
                "LoginHints", "请点“设置服务器…”填写服务器地址(地址由 IT 提供)。"
            )
        return QCoreApplication.translate(
            "LoginHints", "请检查网络后重试；仍然不行时，请在 设置… 中点“测试连接”，把结果告诉 IT。"
        )
    if code is SyncCode.AGENT_CHANGED:
        return QCoreApplication.translate("LoginHints", "请重新输入工号和密码登录。")
    # The server refused: its own words come first.
    return QCoreApplication.translate(
        "LoginHints", "请检查工号和密码后重试；忘记密码或工号被停用，请联系主管。"
    )
