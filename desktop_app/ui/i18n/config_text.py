"""The words of the configuration's messages (``ConfigCode``), in the agent's language.

Each code has one template, translated in the context ``ConfigText``; ``%1``, ``%2`` …
are the message's arguments in order. ``messages.render`` shows them like every other
code; the table is what ``lupdate`` extracts (``QT_TRANSLATE_NOOP``).
"""

from __future__ import annotations

from desktop_app.domain.codes import ConfigCode

CONTEXT = "ConfigText"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for lupdate in ``context``; it is translated where it is shown."""
    return source


CONFIG_TEMPLATES: dict[ConfigCode, str] = {
    ConfigCode.SERVER_URL_SPACE: QT_TRANSLATE_NOOP("ConfigText", "服务器地址中不能有空格"),
    ConfigCode.SERVER_URL_CONTROL: QT_TRANSLATE_NOOP("ConfigText", "服务器地址中不能有控制字符"),
    ConfigCode.SERVER_URL_NO_SCHEME: QT_TRANSLATE_NOOP(
        "ConfigText", "服务器地址缺少 http:// 或 https://，例如 %1"
    ),
    ConfigCode.SERVER_URL_SCHEME: QT_TRANSLATE_NOOP(
        "ConfigText", "服务器地址只能以 http:// 或 https:// 开头"
    ),
    ConfigCode.SERVER_URL_NO_HOST: QT_TRANSLATE_NOOP("ConfigText", "服务器地址缺少主机名或 IP，例如 %1"),
    ConfigCode.SERVER_URL_BAD_HOST: QT_TRANSLATE_NOOP(
        "ConfigText", "服务器地址中的主机名或 IP 无效(主机名只能用英文字母、数字、- 和 _)"
    ),
    ConfigCode.SERVER_URL_BAD_PORT: QT_TRANSLATE_NOOP("ConfigText", "服务器地址中的端口无效"),
    ConfigCode.SERVER_URL_QUERY: QT_TRANSLATE_NOOP(
        "ConfigText", "服务器地址不能带 ? 或 # 之后的部分，只填到入口路径，例如 %1"
    ),
    ConfigCode.DIAL_EMPTY: QT_TRANSLATE_NOOP("ConfigText", "拨号链接不能为空，例如 tel:{phone}"),
    ConfigCode.DIAL_SPACE: QT_TRANSLATE_NOOP("ConfigText", "拨号链接中不能有空格"),
    ConfigCode.DIAL_NO_PLACEHOLDER: QT_TRANSLATE_NOOP(
        "ConfigText", "拨号链接中必须包含 {phone}(会换成电话号码)，例如 tel:{phone}"
    ),
    ConfigCode.DIAL_OTHER_BRACES: QT_TRANSLATE_NOOP(
        "ConfigText", "拨号链接中只能有 {phone} 这一个占位符，请删除其他花括号"
    ),
    ConfigCode.DIAL_NO_SCHEME: QT_TRANSLATE_NOOP(
        "ConfigText", "拨号链接必须以 tel:、sip:、callto: 等开头，例如 tel:{phone}"
    ),
    ConfigCode.DIAL_SCHEME_UNSUPPORTED: QT_TRANSLATE_NOOP("ConfigText", "不支持的拨号方式 %1:，只能用 %2"),
    ConfigCode.DIAL_WEB_FORM: QT_TRANSLATE_NOOP(
        "ConfigText", "网页拨号链接应写成 https://主机/路径?号码={phone} 的形式"
    ),
    ConfigCode.UNKNOWN_KEY: QT_TRANSLATE_NOOP("ConfigText", '未知的设置项 "%1"'),
    ConfigCode.NOT_TEXT: QT_TRANSLATE_NOOP("ConfigText", '应为文字，写在英文双引号中，例如 "weixin"'),
    ConfigCode.SECONDS_RANGE: QT_TRANSLATE_NOOP("ConfigText", "应为 %1 到 %2 之间的秒数，例如 3 或 2.5"),
    ConfigCode.TIME_OF_DAY: QT_TRANSLATE_NOOP("ConfigText", "应为 时:分 形式的时间，例如 18:00"),
    ConfigCode.DAYS_RANGE: QT_TRANSLATE_NOOP("ConfigText", "应为 %1 到 %2 之间的天数"),
    ConfigCode.RESERVE_RANGE: QT_TRANSLATE_NOOP("ConfigText", "应为 %1 到 %2 之间的整数(0 表示不预取号码)"),
    ConfigCode.NUMBER_RANGE: QT_TRANSLATE_NOOP("ConfigText", "应为 %1 到 %2 之间的数(0 表示不设)"),
    ConfigCode.TEXT_LIST: QT_TRANSLATE_NOOP(
        "ConfigText", '应为最多 %1 项文字的列表，例如 ["接受邀请", "已到访"]'
    ),
    ConfigCode.NOT_BOOLEAN: QT_TRANSLATE_NOOP("ConfigText", "应为 true 或 false"),
    ConfigCode.NOT_TEXT_LIST: QT_TRANSLATE_NOOP(
        "ConfigText", '应为方括号中的一组文字，例如 ["接受邀请", "继续跟进"]；[] 表示一个都没有'
    ),
    ConfigCode.MACHINE_NO: QT_TRANSLATE_NOOP("ConfigText", '应为 1 到 %1 个字符的机器编号，例如 "weixin"'),
    ConfigCode.CA_MISSING: QT_TRANSLATE_NOOP("ConfigText", "找不到 CA 证书文件 %1"),
    ConfigCode.LANG_UNKNOWN: QT_TRANSLATE_NOOP("ConfigText", "应为 zh_CN(中文) 或 en(英文)"),
    ConfigCode.DATA_DIR_IN_USER_FILE: QT_TRANSLATE_NOOP(
        "ConfigText",
        "data_dir 不能写在用户配置文件里(这个文件本身就放在数据文件夹中)；"
        "请改用命令行 --data-dir、环境变量 ESTATE_DATA_DIR 或程序旁的 default_config.toml",
    ),
    ConfigCode.VALUE_INVALID: QT_TRANSLATE_NOOP("ConfigText", '设置项 "%1" 的值 %2 无效: %3'),
    ConfigCode.FILE_UNREADABLE: QT_TRANSLATE_NOOP("ConfigText", "无法读取(%1)，已忽略"),
    ConfigCode.FILE_NOT_TOML: QT_TRANSLATE_NOOP("ConfigText", "不是有效的 TOML 格式(%1)，整个文件已忽略"),
    ConfigCode.UNKNOWN_SECTION: QT_TRANSLATE_NOOP(
        "ConfigText", '未知的设置项 "%1"(设置都直接写成 键 = 值，不分 [小节])'
    ),
    ConfigCode.IGNORED: QT_TRANSLATE_NOOP("ConfigText", "%1，已忽略"),
    ConfigCode.SOURCE_DEFAULT: QT_TRANSLATE_NOOP("ConfigText", "程序内置的默认值"),
    ConfigCode.SOURCE_FILE: QT_TRANSLATE_NOOP("ConfigText", "配置文件 %1"),
    ConfigCode.SOURCE_FILE_LINE: QT_TRANSLATE_NOOP("ConfigText", "配置文件 %1 第 %2 行"),
    ConfigCode.SOURCE_ENV: QT_TRANSLATE_NOOP("ConfigText", "环境变量 %1"),
    ConfigCode.SOURCE_FLAG: QT_TRANSLATE_NOOP("ConfigText", "命令行 %1"),
    ConfigCode.PROBLEM_AT: QT_TRANSLATE_NOOP("ConfigText", "%1: %2"),
}
