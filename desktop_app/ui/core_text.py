"""Messages of the Qt-free layers, shown in the agent's language.

``validation``, ``sync``, ``api``, ``store`` and ``config`` write their messages in
Chinese and know nothing of Qt. The windows pass every such message through
``core_text``: a message listed below is translated in the context ``CoreText``; a
message built from a listed template (``%1最多 %2 个字，现在有 %3 个``) is translated
as that template, its parts translated in turn. Anything else (the server's own
``errmsg`` words, an operating-system error) is shown as it is.

The list is what ``lupdate`` extracts (``QT_TRANSLATE_NOOP``); a test produces every
message of those layers and checks that each one is covered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from PySide6.QtCore import QCoreApplication


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for lupdate in ``context``; it is translated where it is shown.

    Qt's own ``QT_TRANSLATE_NOOP`` does the same but is typed ``object``.
    """
    return source


CONTEXT = "CoreText"
LIST_SEPARATOR = "、"

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_ARG = re.compile(r"%([1-9])")

MESSAGES: tuple[str, ...] = (
    # The enumeration comma between the items of a list.
    QT_TRANSLATE_NOOP("CoreText", "、"),
    # desktop_app.validation: field names, then whole messages and templates.
    QT_TRANSLATE_NOOP("CoreText", "客户姓名"),
    QT_TRANSLATE_NOOP("CoreText", "推荐项目"),
    QT_TRANSLATE_NOOP("CoreText", "跟进内容"),
    QT_TRANSLATE_NOOP("CoreText", "请输入客户姓名"),
    QT_TRANSLATE_NOOP("CoreText", "请输入推荐项目"),
    QT_TRANSLATE_NOOP("CoreText", "请输入电话号码"),
    QT_TRANSLATE_NOOP("CoreText", "请输入手机号或带区号的固话，如 13800138000 或 020-12345678"),
    QT_TRANSLATE_NOOP("CoreText", "尚未取得性别列表，请联网后重试"),
    QT_TRANSLATE_NOOP("CoreText", "请选择性别"),
    QT_TRANSLATE_NOOP("CoreText", "尚未取得客户类型列表，请联网后重试"),
    QT_TRANSLATE_NOOP("CoreText", "请选择客户类型"),
    QT_TRANSLATE_NOOP("CoreText", "%1最多 %2 个字，现在有 %3 个"),
    QT_TRANSLATE_NOOP("CoreText", "不能包含表情符号"),
    QT_TRANSLATE_NOOP("CoreText", "不能包含换行、制表符等控制字符"),
    QT_TRANSLATE_NOOP("CoreText", "含有服务器无法保存的字符（第 %1 个字）"),
    QT_TRANSLATE_NOOP("CoreText", "%1不能包含表情符号"),
    QT_TRANSLATE_NOOP("CoreText", "%1不能包含换行、制表符等控制字符"),
    QT_TRANSLATE_NOOP("CoreText", "%1含有服务器无法保存的字符（第 %2 个字）"),
    # desktop_app.sync (login, sending, lists, phones).
    QT_TRANSLATE_NOOP("CoreText", "请输入工号"),
    QT_TRANSLATE_NOOP("CoreText", "未设置服务器"),
    QT_TRANSLATE_NOOP("CoreText", "未设置服务器地址"),
    QT_TRANSLATE_NOOP("CoreText", "无法连接服务器"),
    QT_TRANSLATE_NOOP("CoreText", "服务器回复异常"),
    QT_TRANSLATE_NOOP("CoreText", "%1，且本机没有该工号的离线登录记录"),
    QT_TRANSLATE_NOOP("CoreText", "服务器上的工号信息已变化，请重新登录"),
    QT_TRANSLATE_NOOP("CoreText", "密码与本机保存的离线登录记录不符"),
    QT_TRANSLATE_NOOP("CoreText", "同步线程出错，请重新启动程序"),
    QT_TRANSLATE_NOOP("CoreText", "服务器回复异常: %1"),
    # desktop_app.api (the connection; the server's own errmsg is not translated).
    QT_TRANSLATE_NOOP("CoreText", "连接服务器超时"),
    QT_TRANSLATE_NOOP("CoreText", "等待可用连接超时"),
    QT_TRANSLATE_NOOP("CoreText", "服务器地址无效"),
    QT_TRANSLATE_NOOP("CoreText", "等待服务器回复超时"),
    QT_TRANSLATE_NOOP("CoreText", "连接中断，没有收到回复"),
    QT_TRANSLATE_NOOP("CoreText", "无法连接服务器(连接被拒绝或网络不通)"),
    QT_TRANSLATE_NOOP("CoreText", "请求失败: %1"),
    QT_TRANSLATE_NOOP("CoreText", "回复不是 JSON: %1"),
    QT_TRANSLATE_NOOP("CoreText", "回复为空"),
    QT_TRANSLATE_NOOP("CoreText", "服务器拒绝(无说明)"),
    QT_TRANSLATE_NOOP("CoreText", "证书验证失败: %1(%2)%3"),
    QT_TRANSLATE_NOOP("CoreText", "；如公司使用自己的证书，请在设置中指定公司 CA 证书"),
    QT_TRANSLATE_NOOP("CoreText", "服务器证书不可信"),
    QT_TRANSLATE_NOOP("CoreText", "服务器证书尚未生效(请检查本机的日期和时间)"),
    QT_TRANSLATE_NOOP("CoreText", "服务器证书已过期"),
    QT_TRANSLATE_NOOP("CoreText", "服务器使用自签名证书，本机不信任它"),
    QT_TRANSLATE_NOOP("CoreText", "服务器证书链中有本机不信任的自签名证书"),
    QT_TRANSLATE_NOOP("CoreText", "服务器证书的签发机构不受本机信任"),
    QT_TRANSLATE_NOOP("CoreText", "服务器证书与地址中的主机名不符"),
    QT_TRANSLATE_NOOP("CoreText", "服务器证书与地址中的 IP 不符"),
    QT_TRANSLATE_NOOP("CoreText", "加密连接(https)失败: %1(服务器可能不支持 https，或地址的端口不对)"),
    # desktop_app.store
    QT_TRANSLATE_NOOP("CoreText", "无法写入本地数据库(磁盘已满): %1"),
    QT_TRANSLATE_NOOP("CoreText", "无法写入本地数据库(磁盘已满或只读): %1"),
    QT_TRANSLATE_NOOP("CoreText", "本地数据库正忙，请稍后再试: %1"),
    QT_TRANSLATE_NOOP("CoreText", "本地数据库文件已损坏，请重新启动程序: %1"),
    QT_TRANSLATE_NOOP("CoreText", "本地数据库出错: %1"),
    # desktop_app.config: single values (the settings dialog) ...
    QT_TRANSLATE_NOOP("CoreText", "服务器地址中不能有空格"),
    QT_TRANSLATE_NOOP("CoreText", "服务器地址缺少 http:// 或 https://，例如 %1"),
    QT_TRANSLATE_NOOP("CoreText", "服务器地址中的端口无效"),
    QT_TRANSLATE_NOOP("CoreText", "服务器地址只能以 http:// 或 https:// 开头"),
    QT_TRANSLATE_NOOP("CoreText", "服务器地址缺少主机名或 IP，例如 %1"),
    QT_TRANSLATE_NOOP("CoreText", "服务器地址不能带 ? 或 # 之后的部分，只填到入口路径，例如 %1"),
    QT_TRANSLATE_NOOP("CoreText", "拨号链接不能为空，例如 tel:{phone}"),
    QT_TRANSLATE_NOOP("CoreText", "拨号链接中不能有空格"),
    QT_TRANSLATE_NOOP("CoreText", "拨号链接中必须包含 {phone}(会换成电话号码)，例如 tel:{phone}"),
    QT_TRANSLATE_NOOP("CoreText", "拨号链接中只能有 {phone} 这一个占位符，请删除其他花括号"),
    QT_TRANSLATE_NOOP("CoreText", "拨号链接必须以 tel:、sip:、callto: 等开头，例如 tel:{phone}"),
    QT_TRANSLATE_NOOP("CoreText", "不支持的拨号方式 %1:，只能用 %2"),
    QT_TRANSLATE_NOOP("CoreText", "网页拨号链接应写成 https://主机/路径?号码={phone} 的形式"),
    QT_TRANSLATE_NOOP("CoreText", '未知的设置项 "%1"'),
    QT_TRANSLATE_NOOP("CoreText", '应为文字，写在英文双引号中，例如 "weixin"'),
    QT_TRANSLATE_NOOP("CoreText", "应为 %1 到 %2 之间的秒数，例如 3 或 2.5"),
    QT_TRANSLATE_NOOP("CoreText", "应为 %1 到 %2 之间的整数%3"),
    QT_TRANSLATE_NOOP("CoreText", "(0 表示不预取号码)"),
    QT_TRANSLATE_NOOP("CoreText", "应为 true 或 false"),
    QT_TRANSLATE_NOOP("CoreText", '应为 1 到 64 个字符的机器编号，例如 "weixin"'),
    QT_TRANSLATE_NOOP("CoreText", "找不到 CA 证书文件 %1"),
    QT_TRANSLATE_NOOP("CoreText", "应为 zh_CN(中文) 或 en(英文)"),
    # ... and the configuration as loaded at start-up (the start-up notice).
    QT_TRANSLATE_NOOP("CoreText", "环境变量 %1"),
    QT_TRANSLATE_NOOP("CoreText", "命令行 %1"),
    QT_TRANSLATE_NOOP("CoreText", "环境变量 %1: %2"),
    QT_TRANSLATE_NOOP("CoreText", "命令行 %1: %2"),
    QT_TRANSLATE_NOOP("CoreText", "配置文件 %1: %2"),
    QT_TRANSLATE_NOOP("CoreText", "配置文件 %1 第 %2 行: %3"),
    QT_TRANSLATE_NOOP("CoreText", "无法读取(%1)，已忽略"),
    QT_TRANSLATE_NOOP("CoreText", "不是有效的 TOML 格式(%1)，整个文件已忽略"),
    QT_TRANSLATE_NOOP("CoreText", '未知的设置项 "%1"%2，已忽略'),
    QT_TRANSLATE_NOOP("CoreText", "(设置都直接写成 键 = 值，不分 [小节])"),
    QT_TRANSLATE_NOOP("CoreText", '设置项 "%1" 的值 %2 无效: %3，已忽略'),
    QT_TRANSLATE_NOOP("CoreText", "值 %1 无效: %2，已忽略"),
    QT_TRANSLATE_NOOP("CoreText", '设置项 "%1": %2'),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "data_dir 不能写在用户配置文件里(这个文件本身就放在数据文件夹中)；"
        "请改用命令行 --data-dir、环境变量 ESTATE_DATA_DIR 或程序旁的 default_config.toml，已忽略",
    ),
    # desktop_app.export_csv: the column names and kinds of the day's CSV file.
    QT_TRANSLATE_NOOP("CoreText", "时间"),
    QT_TRANSLATE_NOOP("CoreText", "类型"),
    QT_TRANSLATE_NOOP("CoreText", "项目"),
    QT_TRANSLATE_NOOP("CoreText", "信息包"),
    QT_TRANSLATE_NOOP("CoreText", "客户"),
    QT_TRANSLATE_NOOP("CoreText", "电话"),
    QT_TRANSLATE_NOOP("CoreText", "反馈"),
    QT_TRANSLATE_NOOP("CoreText", "电子客姓名"),
    QT_TRANSLATE_NOOP("CoreText", "时长(秒)"),
    QT_TRANSLATE_NOOP("CoreText", "状态"),
    QT_TRANSLATE_NOOP("CoreText", "电子客"),
)


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese character or Chinese punctuation."""
    return _CJK.search(text) is not None


def core_text(message: str) -> str:
    """``message`` of a Qt-free layer in the agent's language; unknown text comes back unchanged."""
    if not message:
        return message
    fixed, templates = _catalogue()
    if message in fixed:
        return _tr(message)
    for template, pieces in templates:
        translated = _from_template(message, template, pieces)
        if translated is not None:
            return translated
    return message


def list_text(items: Iterable[str]) -> str:
    """Items joined as a list reads in the agent's language (``甲、乙`` / ``a, b``)."""
    return _tr(LIST_SEPARATOR).join(items)


def _tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


@lru_cache(maxsize=1)
def _catalogue() -> tuple[frozenset[str], tuple[tuple[str, tuple[str, ...]], ...]]:
    """Whole messages, and templates split at their %n (most literal text first: most specific)."""
    fixed = frozenset(m for m in MESSAGES if not _ARG.search(m))
    templates = [(m, tuple(_ARG.split(m)[0::2])) for m in MESSAGES if _ARG.search(m)]
    templates.sort(key=lambda t: -sum(len(p) for p in t[1]))
    return fixed, tuple(templates)


def _from_template(message: str, template: str, pieces: tuple[str, ...]) -> str | None:
    """The translation of ``message`` when it is ``template`` filled in, else None.

    A message may split into the template's parts in several ways (a reason may itself
    hold brackets); the first split whose every part reads in the target language wins.
    """
    first: list[str] | None = None
    for args in _splits(message, pieces):
        shown = [_part(arg) for arg in args]
        if first is None:
            first = shown
        if all(text != arg or not has_cjk(arg) for text, arg in zip(shown, args, strict=True)):
            return _fill(template, shown)
    return None if first is None else _fill(template, first)


def _fill(template: str, args: list[str]) -> str:
    order = [int(n) for n in _ARG.findall(template)]
    values = dict(zip(order, args, strict=True))
    return _ARG.sub(lambda m: values.get(int(m.group(1)), m.group(0)), _tr(template))


def _part(arg: str) -> str:
    """One filled-in part: a known message, a list of them, or text shown as it is."""
    text = core_text(arg)
    if text == arg and LIST_SEPARATOR in arg:
        return list_text(core_text(item) for item in arg.split(LIST_SEPARATOR))
    return text


def _splits(message: str, pieces: tuple[str, ...]) -> Iterator[list[str]]:
    """Every way ``message`` is pieces[0] + arg + pieces[1] + … + arg + pieces[-1]."""
    head, tail = pieces[0], pieces[-1]
    if not message.startswith(head) or not message.endswith(tail) or len(message) < len(head) + len(tail):
        return
    yield from _fill_args(message[len(head) : len(message) - len(tail)], pieces[1:-1])


def _fill_args(rest: str, between: tuple[str, ...]) -> Iterator[list[str]]:
    if not between:
        yield [rest]
        return
    separator = between[0]
    if not separator:  # two parts side by side: no way to tell them apart
        return
    start = rest.find(separator)
    while start >= 0:
        for later in _fill_args(rest[start + len(separator) :], between[1:]):
            yield [rest[:start], *later]
        start = rest.find(separator, start + 1)
