"""The configuration's messages, which still arrive as Chinese text, in the agent's language.

``desktop_app.config`` reports problems as sentences, not yet as ``ConfigCode``
messages. Until it does, a sentence listed below is translated in the context
``CoreText``, and one built from a listed template is translated as that template,
its parts translated in turn; anything else is shown as it is. Delete this module
when the configuration reports codes (``render`` then never sees text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from . import fill

CONTEXT = "CoreText"
LIST_SEPARATOR = "、"
_ARG = re.compile(r"%([1-9])")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")

Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    return source


MESSAGES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("CoreText", "、"),
    # Single values (the settings dialog) ...
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
)


def config_text(message: str, translate: Translate) -> str:
    """``message`` of the configuration in the agent's language; unknown text comes back unchanged."""
    if not message:
        return message
    fixed, templates = _catalogue()
    if message in fixed:
        return translate(CONTEXT, message)
    for template, pieces in templates:
        translated = _from_template(message, template, pieces, translate)
        if translated is not None:
            return translated
    return message


@lru_cache(maxsize=1)
def _catalogue() -> tuple[frozenset[str], tuple[tuple[str, tuple[str, ...]], ...]]:
    """Whole messages, and templates split at their %n (most literal text first: most specific)."""
    fixed = frozenset(m for m in MESSAGES if not _ARG.search(m))
    templates = [(m, tuple(_ARG.split(m)[0::2])) for m in MESSAGES if _ARG.search(m)]
    templates.sort(key=lambda t: -sum(len(p) for p in t[1]))
    return fixed, tuple(templates)


def _from_template(message: str, template: str, pieces: tuple[str, ...], translate: Translate) -> str | None:
    """The translation of ``message`` when it is ``template`` filled in, else None.

    A message may split into the template's parts in several ways (a reason may itself
    hold brackets); the first split whose every part reads in the target language wins.
    """
    first: list[str] | None = None
    for args in _splits(message, pieces):
        shown = [_part(arg, translate) for arg in args]
        if first is None:
            first = shown
        if all(text != arg or not _CJK.search(arg) for text, arg in zip(shown, args, strict=True)):
            return _fill(template, shown, translate)
    return None if first is None else _fill(template, first, translate)


def _fill(template: str, args: list[str], translate: Translate) -> str:
    order = [int(n) for n in _ARG.findall(template)]
    values = dict(zip(order, args, strict=True))
    return fill(translate(CONTEXT, template), *(values.get(n, f"%{n}") for n in range(1, max(order) + 1)))


def _part(arg: str, translate: Translate) -> str:
    """One filled-in part: a known message, a list of them, or text shown as it is."""
    text = config_text(arg, translate)
    if text == arg and LIST_SEPARATOR in arg:
        separator = translate(CONTEXT, LIST_SEPARATOR)
        return separator.join(config_text(item, translate) for item in arg.split(LIST_SEPARATOR))
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
