"""What the core says (``Message``), in the agent's language.

One table: every message code of ``desktop_app.domain.codes`` and its words, marked
for lupdate in the context ``Message`` and translated where shown. ``render`` fills
the translated words with the message's arguments in one pass (``fill``), a nested
message rendered in turn and a tuple of texts as a list. The server's own words
travel as arguments and are shown as they came.

Qt is imported only to translate inside the running program (the default); the
command line passes its own ``translate`` (``desktop_app.cli.words``), so this module
itself loads nothing of Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from desktop_app.domain.codes import ApiCode, CommandCode, ConfigCode, InputCode, StoreCode, SyncCode
from desktop_app.domain.messages import Arg, Message, MessageCode

from . import fill
from .config_text import CONFIG_TEMPLATES
from .config_text import CONTEXT as CONFIG_CONTEXT

CONTEXT = "Message"

# (context, source text) -> the text in the agent's language
Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for lupdate in ``context``; it is translated where it is shown.

    Qt's own ``QT_TRANSLATE_NOOP`` does the same but is typed ``object``.
    """
    return source


# The enumeration comma between the items of a list (甲、乙 / a, b).
LIST_SEPARATOR = QT_TRANSLATE_NOOP("Message", "、")

TEMPLATES: dict[MessageCode, str] = {
    # -- api: why a request failed ---------------------------------------------------------
    ApiCode.CONNECT_TIMEOUT: QT_TRANSLATE_NOOP("Message", "连接服务器超时"),
    ApiCode.POOL_TIMEOUT: QT_TRANSLATE_NOOP("Message", "等待可用连接超时"),
    ApiCode.UNREACHABLE: QT_TRANSLATE_NOOP("Message", "无法连接服务器(连接被拒绝或网络不通)"),
    ApiCode.BAD_URL: QT_TRANSLATE_NOOP("Message", "服务器地址无效"),
    ApiCode.REQUEST_FAILED: QT_TRANSLATE_NOOP("Message", "请求失败: %1"),
    ApiCode.HTTP_STATUS: QT_TRANSLATE_NOOP("Message", "服务器回复 HTTP %1"),
    ApiCode.NOT_JSON: QT_TRANSLATE_NOOP("Message", "回复不是 JSON: %1"),
    ApiCode.EMPTY_REPLY: QT_TRANSLATE_NOOP("Message", "回复为空"),
    ApiCode.CERT_REJECTED: QT_TRANSLATE_NOOP("Message", "证书验证失败: %1(%2)"),
    ApiCode.CERT_UNTRUSTED: QT_TRANSLATE_NOOP(
        "Message", "证书验证失败: %1(%2)；如公司使用自己的证书，请在设置中指定公司 CA 证书"
    ),
    ApiCode.TLS_FAILED: QT_TRANSLATE_NOOP(
        "Message", "加密连接(https)失败: %1(服务器可能不支持 https，或地址的端口不对)"
    ),
    ApiCode.CERT_NOT_TRUSTED: QT_TRANSLATE_NOOP("Message", "服务器证书不可信"),
    ApiCode.CERT_NOT_YET_VALID: QT_TRANSLATE_NOOP("Message", "服务器证书尚未生效(请检查本机的日期和时间)"),
    ApiCode.CERT_EXPIRED: QT_TRANSLATE_NOOP("Message", "服务器证书已过期"),
    ApiCode.CERT_SELF_SIGNED: QT_TRANSLATE_NOOP("Message", "服务器使用自签名证书，本机不信任它"),
    ApiCode.CERT_SELF_SIGNED_IN_CHAIN: QT_TRANSLATE_NOOP("Message", "服务器证书链中有本机不信任的自签名证书"),
    ApiCode.CERT_UNKNOWN_ISSUER: QT_TRANSLATE_NOOP("Message", "服务器证书的签发机构不受本机信任"),
    ApiCode.CERT_WRONG_HOST: QT_TRANSLATE_NOOP("Message", "服务器证书与地址中的主机名不符"),
    ApiCode.CERT_WRONG_IP: QT_TRANSLATE_NOOP("Message", "服务器证书与地址中的 IP 不符"),
    ApiCode.READ_TIMEOUT: QT_TRANSLATE_NOOP("Message", "等待服务器回复超时"),
    ApiCode.CONNECTION_LOST: QT_TRANSLATE_NOOP("Message", "连接中断，没有收到回复"),
    ApiCode.ANSWER_TOO_LARGE: QT_TRANSLATE_NOOP("Message", "服务器的回复过大，已停止接收 (%1)"),
    ApiCode.ANSWER_TOO_DEEP: QT_TRANSLATE_NOOP("Message", "服务器的回复层次过深，无法读取"),
    ApiCode.ANSWER_UNDECODABLE: QT_TRANSLATE_NOOP("Message", "服务器的回复含有无法识别的字符"),
    ApiCode.ANSWER_ENCODED: QT_TRANSLATE_NOOP("Message", "服务器的回复经过了未约定的压缩 (%1)"),
    # The server's own words need no introduction in Chinese; in English they say whose they are.
    ApiCode.REFUSED: QT_TRANSLATE_NOOP("Message", "%1"),
    ApiCode.REFUSED_SILENTLY: QT_TRANSLATE_NOOP("Message", "服务器拒绝(无说明)"),
    ApiCode.MALFORMED: QT_TRANSLATE_NOOP("Message", "服务器回复异常: %1"),
    # -- store: the local database and the outbox ------------------------------------------
    StoreCode.DISK_FULL: QT_TRANSLATE_NOOP("Message", "无法写入本地数据库(磁盘已满): %1"),
    StoreCode.READ_ONLY: QT_TRANSLATE_NOOP("Message", "无法写入本地数据库(磁盘已满或只读): %1"),
    StoreCode.BUSY: QT_TRANSLATE_NOOP("Message", "本地数据库正忙，请稍后再试: %1"),
    StoreCode.DAMAGED: QT_TRANSLATE_NOOP("Message", "本地数据库文件已损坏，请重新启动程序: %1"),
    StoreCode.FAILED: QT_TRANSLATE_NOOP("Message", "本地数据库出错: %1"),
    StoreCode.CANNOT_OPEN: QT_TRANSLATE_NOOP("Message", "无法打开本地数据库 %1: %2"),
    StoreCode.CLOSED: QT_TRANSLATE_NOOP("Message", "本地数据库已关闭"),
    StoreCode.PATH_IS_FOLDER: QT_TRANSLATE_NOOP(
        "Message",
        "无法使用本地数据库: %1 是一个文件夹，而不是数据库文件。请移走或改名这个文件夹，或用 --data-dir 指定别的数据文件夹",
    ),
    StoreCode.FOLDER_READ_ONLY: QT_TRANSLATE_NOOP(
        "Message",
        "无法使用本地数据库: 数据文件夹 %1 是只读的(不能写入)。请让它可写，或用 --data-dir 指定别的数据文件夹",
    ),
    StoreCode.FILE_READ_ONLY: QT_TRANSLATE_NOOP(
        "Message",
        "无法使用本地数据库: 数据库文件 %1 是只读的(不能写入)。请让它可写，或用 --data-dir 指定别的数据文件夹",
    ),
    StoreCode.MOVED_ASIDE: QT_TRANSLATE_NOOP(
        "Message",
        "本地数据库文件已损坏，已移到 %1 保存，并新建了数据库。已从中找回 %2 条待同步或已同步的记录。",
    ),
    StoreCode.NO_SERVER_TO_BIND: QT_TRANSLATE_NOOP("Message", "未设置服务器地址，无法把记录改发到当前服务器"),
    StoreCode.CANNOT_CACHE: QT_TRANSLATE_NOOP("Message", "无法缓存 %1: %2"),
    StoreCode.NOT_SENDABLE: QT_TRANSLATE_NOOP("Message", "无法保存：内容无法转换为发送格式 (%1)"),
    StoreCode.ROW_MISSING: QT_TRANSLATE_NOOP("Message", "找不到这条记录"),
    StoreCode.CANNOT_RESEND: QT_TRANSLATE_NOOP("Message", "这条记录当前为「%1」，不能重新发送"),
    StoreCode.CANNOT_DISCARD: QT_TRANSLATE_NOOP("Message", "这条记录当前为「%1」，不能放弃"),
    StoreCode.CANNOT_CORRECT: QT_TRANSLATE_NOOP("Message", "这条记录当前为「%1」，不能更正"),
    # The outbox states: the one wording of each, wherever a state is shown.
    StoreCode.STATE_QUEUED: QT_TRANSLATE_NOOP("Message", "待同步"),
    StoreCode.STATE_IN_FLIGHT: QT_TRANSLATE_NOOP("Message", "发送中"),
    StoreCode.STATE_UNCERTAIN: QT_TRANSLATE_NOOP("Message", "不确定(将重试)"),
    StoreCode.STATE_SENT: QT_TRANSLATE_NOOP("Message", "已同步"),
    StoreCode.STATE_SENT_MAYBE_TWICE: QT_TRANSLATE_NOOP("Message", "已同步(可能重复)"),
    StoreCode.STATE_ATTENTION: QT_TRANSLATE_NOOP("Message", "需处理"),
    StoreCode.STATE_DISCARDED: QT_TRANSLATE_NOOP("Message", "已放弃"),
    StoreCode.STATE_UNCONFIRMED: QT_TRANSLATE_NOOP("Message", "未确认(将重试)"),
    # -- sync: login, lists, the sync engine -----------------------------------------------
    SyncCode.NO_SERVER: QT_TRANSLATE_NOOP("Message", "未设置服务器地址"),
    SyncCode.SERVER_UNREACHABLE: QT_TRANSLATE_NOOP("Message", "无法连接服务器"),
    SyncCode.SERVER_ODD_REPLY: QT_TRANSLATE_NOOP("Message", "服务器回复异常"),
    SyncCode.PASS_FAILED: QT_TRANSLATE_NOOP("Message", "同步时程序出错 (%1)，稍后自动重试"),
    SyncCode.NO_OFFLINE_RECORD: QT_TRANSLATE_NOOP("Message", "%1，且本机没有该工号的离线登录记录"),
    SyncCode.OFFLINE_PASSWORD_WRONG: QT_TRANSLATE_NOOP("Message", "密码与本机保存的离线登录记录不符"),
    SyncCode.AGENT_CHANGED: QT_TRANSLATE_NOOP("Message", "服务器上的工号信息已变化，请重新登录"),
    # -- input: what the agent typed ---------------------------------------------------------
    InputCode.USER_NUM_MISSING: QT_TRANSLATE_NOOP("Message", "请输入工号"),
    InputCode.FIELD_NAME: QT_TRANSLATE_NOOP("Message", "客户姓名"),
    InputCode.FIELD_RECOMMEND: QT_TRANSLATE_NOOP("Message", "推荐项目"),
    InputCode.FIELD_FOLLOW: QT_TRANSLATE_NOOP("Message", "跟进内容"),
    InputCode.NAME_MISSING: QT_TRANSLATE_NOOP("Message", "请输入客户姓名"),
    InputCode.RECOMMEND_MISSING: QT_TRANSLATE_NOOP("Message", "请输入推荐项目"),
    InputCode.PHONE_MISSING: QT_TRANSLATE_NOOP("Message", "请输入电话号码"),
    InputCode.PHONE_INVALID: QT_TRANSLATE_NOOP(
        "Message", "请输入手机号或带区号的固话，如 13800138000 或 020-12345678"
    ),
    InputCode.GENDERS_UNKNOWN: QT_TRANSLATE_NOOP("Message", "尚未取得性别列表，请联网后重试"),
    InputCode.GENDER_MISSING: QT_TRANSLATE_NOOP("Message", "请选择性别"),
    InputCode.TYPES_UNKNOWN: QT_TRANSLATE_NOOP("Message", "尚未取得客户类型列表，请联网后重试"),
    InputCode.TYPE_MISSING: QT_TRANSLATE_NOOP("Message", "请选择客户类型"),
    InputCode.TOO_LONG: QT_TRANSLATE_NOOP("Message", "%1最多 %2 个字，现在有 %3 个"),
    InputCode.EMOJI: QT_TRANSLATE_NOOP("Message", "不能包含表情符号"),
    InputCode.CONTROL_CHARACTER: QT_TRANSLATE_NOOP("Message", "不能包含换行、制表符等控制字符"),
    InputCode.UNSUPPORTED_CHARACTER: QT_TRANSLATE_NOOP("Message", "含有服务器无法保存的字符（第 %1 个字）"),
    InputCode.FIELD_EMOJI: QT_TRANSLATE_NOOP("Message", "%1不能包含表情符号"),
    InputCode.FIELD_CONTROL_CHARACTER: QT_TRANSLATE_NOOP("Message", "%1不能包含换行、制表符等控制字符"),
    InputCode.FIELD_UNSUPPORTED_CHARACTER: QT_TRANSLATE_NOOP(
        "Message", "%1含有服务器无法保存的字符（第 %2 个字）"
    ),
    # -- command: the window-less commands ---------------------------------------------------
    CommandCode.DEMO_SERVER: QT_TRANSLATE_NOOP("Message", "演示服务器: %1  (工号 00006 密码 888)"),
    CommandCode.CHECK_BAD_URL: QT_TRANSLATE_NOOP(
        "Message", "服务器地址无效: %1 (应类似 http://127.0.0.1:8080/estate)"
    ),
    CommandCode.CHECK_START: QT_TRANSLATE_NOOP("Message", "检查服务器 %1"),
    CommandCode.CHECK_NO_ANSWER: QT_TRANSLATE_NOOP("Message", "服务器没有回应 (等待 %1 秒): %2"),
    CommandCode.CHECK_NO_VALID_ANSWER: QT_TRANSLATE_NOOP("Message", "服务器的回复无法使用: %1"),
    CommandCode.CHECK_REFUSED: QT_TRANSLATE_NOOP("Message", "服务器拒绝: %1"),
    CommandCode.CHECK_MALFORMED: QT_TRANSLATE_NOOP("Message", "服务器回复的格式不对: %1"),
    CommandCode.CHECK_SERVER_URL: QT_TRANSLATE_NOOP("Message", "服务器地址: %1"),
    CommandCode.CHECK_SERVER_URL_EMPTY: QT_TRANSLATE_NOOP("Message", "服务器地址: (空)"),
    CommandCode.CHECK_NAMED_UNUSABLE: QT_TRANSLATE_NOOP("Message", "%1 无法使用，改用入口地址 %2"),
    CommandCode.CHECK_FEEDBACK_ITEMS: QT_TRANSLATE_NOOP("Message", "%1 种反馈: %2"),
    CommandCode.CHECK_CUSTOMER_TYPES: QT_TRANSLATE_NOOP("Message", "客户类型: %1"),
    CommandCode.CHECK_GENDERS: QT_TRANSLATE_NOOP("Message", "性别: %1"),
    CommandCode.CHECK_EMPTY_LIST: QT_TRANSLATE_NOOP("Message", "(空列表)"),
    CommandCode.CHECK_LOGGED_IN: QT_TRANSLATE_NOOP("Message", "登录成功: %1 (user_id %2)"),
    CommandCode.CHECK_USER_STATUS: QT_TRANSLATE_NOOP("Message", "用户状态: %1"),
    CommandCode.CHECK_PROJECTS: QT_TRANSLATE_NOOP("Message", "%1 个联动项目"),
    CommandCode.CHECK_ALL_OK: QT_TRANSLATE_NOOP("Message", "结论: 全部 %1 项正常。"),
    CommandCode.CHECK_FAILED: QT_TRANSLATE_NOOP("Message", "结论: %1 项失败。首个问题: %2 — %3"),
    CommandCode.CHECK_PASSWORD_PROMPT: QT_TRANSLATE_NOOP("Message", "工号 %1 的密码(输入时不显示): "),
    CommandCode.CHECK_PASSWORD_NO_TERMINAL: QT_TRANSLATE_NOOP(
        "Message",
        "--user 需要密码，但没有可输入密码的终端。请在命令提示符窗口中运行(会提示输入密码，不显示)，"
        "或在脚本中加 --password",
    ),
    CommandCode.SYNC_NO_SERVER: QT_TRANSLATE_NOOP(
        "Message", "未设置服务器地址: 请用 --server 指定，或在配置文件中设置 server_url"
    ),
    CommandCode.SYNC_SUMMARY: QT_TRANSLATE_NOOP("Message", "已发送 %1 条，需处理 %2 条，仍待同步 %3 条"),
    CommandCode.SYNC_SUMMARY_OFFLINE: QT_TRANSLATE_NOOP(
        "Message", "已发送 %1 条，需处理 %2 条，仍待同步 %3 条；服务器无法连接: %4"
    ),
    CommandCode.SYNC_BY_RUNNING_PROGRAM: QT_TRANSLATE_NOOP(
        "Message", "本数据文件夹的程序正在运行，已由它完成同步:"
    ),
    CommandCode.WAITING_FOR_OTHER_SERVER: QT_TRANSLATE_NOOP(
        "Message",
        "另有 %1 条记录是为服务器 %2 记录的，不会发往当前设置的服务器；请在队列页面选择改发到当前服务器或放弃",
    ),
    CommandCode.STATUS_READ_ONLY: QT_TRANSLATE_NOOP(
        "Message", "数据文件夹 %1 是只读的: 只读取了数量，没有做任何修改"
    ),
    CommandCode.ALREADY_RUNNING_ACTIVATED: QT_TRANSLATE_NOOP("Message", "程序已在运行，已切换到它的窗口"),
    CommandCode.ALREADY_RUNNING_NO_REPLY: QT_TRANSLATE_NOOP(
        "Message", "程序已在为数据文件夹 %1 运行，但它没有回应。请切换到它的窗口，或结束它后再启动"
    ),
    CommandCode.CANNOT_START: QT_TRANSLATE_NOOP("Message", "程序无法启动"),
    CommandCode.SELF_TEST_PASSED: QT_TRANSLATE_NOOP(
        "Message", "自检通过: 登录、领号、反馈、添加电子客、同步全部正常 (%1 ms)"
    ),
    CommandCode.SELF_TEST_UNFINISHED: QT_TRANSLATE_NOOP("Message", "自检失败: 第「%1」步没有完成"),
    CommandCode.SELF_TEST_ERROR: QT_TRANSLATE_NOOP("Message", "自检失败: 「%1」出错: %2"),
    CommandCode.SELF_TEST_FORM_REFUSED: QT_TRANSLATE_NOOP("Message", "添加电子客: %1"),
    CommandCode.SELF_TEST_WRONG_FEEDBACK: QT_TRANSLATE_NOOP("Message", "服务器收到的反馈不对: %1"),
    CommandCode.STEP_START: QT_TRANSLATE_NOOP("Message", "启动"),
    CommandCode.STEP_LOGIN: QT_TRANSLATE_NOOP("Message", "登录"),
    CommandCode.STEP_PHONE: QT_TRANSLATE_NOOP("Message", "领取号码"),
    CommandCode.STEP_FEEDBACK_TYPES: QT_TRANSLATE_NOOP("Message", "读取反馈类型"),
    CommandCode.STEP_FEEDBACK: QT_TRANSLATE_NOOP("Message", "记录反馈"),
    CommandCode.STEP_FEEDBACK_READY: QT_TRANSLATE_NOOP("Message", "反馈按钮可用"),
    CommandCode.STEP_NEXT_PHONE: QT_TRANSLATE_NOOP("Message", "下一个号码"),
    CommandCode.STEP_CUSTOMER: QT_TRANSLATE_NOOP("Message", "添加电子客"),
    CommandCode.STEP_CUSTOMER_FORM: QT_TRANSLATE_NOOP("Message", "电子客表单"),
    CommandCode.STEP_SYNC: QT_TRANSLATE_NOOP("Message", "同步"),
    CommandCode.STEP_SENT: QT_TRANSLATE_NOOP("Message", "同步到服务器"),
    CommandCode.STEP_QUEUE_EMPTY: QT_TRANSLATE_NOOP("Message", "队列清空"),
}


def qt_translate(context: str, source: str) -> str:
    """Qt's translation in the running program (the installed translators)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, source)


def render(message: Message, translate: Translate | None = None) -> str:
    """``message`` in the agent's language, its arguments filled in."""
    words = translate or qt_translate
    found = template_of(message.code)
    if found is None:  # a code without words yet: better its name than nothing
        return str(message)
    context, template = found
    return fill(words(context, template), *(_argument(arg, words) for arg in message.args))


def template_of(code: MessageCode) -> tuple[str, str] | None:
    """The tr context and the words of ``code``; the configuration's live in ``config_text``."""
    if isinstance(code, ConfigCode):
        return CONFIG_CONTEXT, CONFIG_TEMPLATES[code]
    template = TEMPLATES.get(code)
    return None if template is None else (CONTEXT, template)


def list_text(items: Iterable[str], translate: Translate | None = None) -> str:
    """Items joined as a list reads in the agent's language (``甲、乙`` / ``a, b``)."""
    return (translate or qt_translate)(CONTEXT, LIST_SEPARATOR).join(items)


def _argument(arg: Arg, words: Translate) -> str:
    if isinstance(arg, Message):
        return render(arg, words)
    if isinstance(arg, tuple):
        return list_text(arg, words)
    return str(arg)
