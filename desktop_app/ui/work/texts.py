"""The work screen's sentences about the card and the session, in the agent's language.

The call flow reports a ``Why``; the words for it are here (translation context
``WorkWindow``), so the same reason always reads the same, wherever it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.messages import Message
from desktop_app.sync.auth import AgentSession

from ..i18n import fill
from ..i18n.messages import render
from .card_state import Reason, Why


def why_text(why: Why, session: AgentSession) -> str:
    detail = render(why.detail) if isinstance(why.detail, Message) else why.detail
    match why.reason:
        case Reason.LOADING_PROJECTS:
            return QCoreApplication.translate("WorkWindow", "正在加载项目…")
        case Reason.NO_PACKAGE:
            return QCoreApplication.translate("WorkWindow", "未选择信息包。请先选择项目和信息包。")
        case Reason.INACTIVE:
            return inactive_text(session)
        case Reason.NO_PROJECTS:
            return QCoreApplication.translate(
                "WorkWindow", "无法连接服务器，且本机没有项目列表。联网后会自动加载。"
            )
        case Reason.NO_PACKAGES:
            return QCoreApplication.translate("WorkWindow", "无法连接服务器，且本机没有该项目的信息包列表。")
        case Reason.PACKAGES_REFUSED:
            return detail  # the server's own words
        case Reason.PHONE_REFUSED:
            return fill(QCoreApplication.translate("WorkWindow", "%1。请选择其他信息包。"), detail)
        case Reason.UNREACHABLE:
            return QCoreApplication.translate(
                "WorkWindow", "无法连接服务器，且没有备用号码。联网后会自动取号，也可按 F5 重试。"
            )
        case Reason.SERVER_ERROR:
            return fill(QCoreApplication.translate("WorkWindow", "%1。请按 F5 重试。"), detail)
        case Reason.FETCH_FAILED:
            return fill(QCoreApplication.translate("WorkWindow", "取号失败：%1"), detail)
        case Reason.RECORDED:
            return fill(QCoreApplication.translate("WorkWindow", "已记录“%1”。按 F5 取下一个号码。"), detail)


def inactive_text(session: AgentSession) -> str:
    status = session.status or QCoreApplication.translate("WorkWindow", "未知")
    return fill(
        QCoreApplication.translate(
            "WorkWindow", "用户状态是“%1”，不是“活动”，不能获取新号码。已记录的内容仍会同步。"
        ),
        status,
    )


def window_title(session: AgentSession) -> str:
    """Who is working; Qt appends the program's name (applicationDisplayName) itself."""
    title = fill(QCoreApplication.translate("WorkWindow", "%1 (%2)"), session.user_name, session.user_num)
    if session.offline:
        title += QCoreApplication.translate("WorkWindow", " — 离线登录")
    return title


def banner_text(session: AgentSession) -> tuple[str, str]:
    """The banner's text and level ("error", "info"); no text: no banner."""
    if not session.active:
        return inactive_text(session), "error"
    if session.offline:
        return QCoreApplication.translate(
            "WorkWindow", "离线登录：服务器恢复后会自动确认。记录照常保存在本机。"
        ), "info"
    return "", "info"


def card_source_text(pro_name: str, package_name: str, other: bool) -> str:
    """The card's project and package; ``other`` when the pickers now name another package."""
    if other:
        return fill(
            QCoreApplication.translate("WorkWindow", "来自 %1 / %2（不是当前所选信息包）"),
            pro_name,
            package_name,
        )
    return fill(QCoreApplication.translate("WorkWindow", "%1 / %2"), pro_name, package_name)


def refused_text(message: Message) -> str:
    """The banner when the server no longer takes the offline login's password."""
    return fill(
        QCoreApplication.translate(
            "WorkWindow", "服务器不再接受本次离线登录的密码（%1）。已记录的内容会照常同步；请退出后重新登录。"
        ),
        render(message),
    )
