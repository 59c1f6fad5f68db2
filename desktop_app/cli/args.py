"""The command line: one parser, so ``--help`` tells IT everything the program accepts."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any


class _ChineseHelp(argparse.HelpFormatter):
    """argparse's own words ("usage:") in the language of the rest of the help."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法: " if prefix is None else prefix)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="estate-call",
        description="电话营销桌面客户端 — 领号、拨打、反馈、添加电子客，断网不丢数据。",
        formatter_class=_ChineseHelp,
        add_help=False,
    )
    parser._optionals.title = "选项"  # the heading argparse writes in English
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser.add_argument("--server", metavar="URL", help="入口服务器地址，如 http://127.0.0.1:8080/estate")
    parser.add_argument("--data-dir", metavar="DIR", help="本地数据文件夹(数据库、日志、配置)")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="界面语言")
    parser.add_argument("--demo", action="store_true", help="使用内置演示服务器(本机 127.0.0.1)")
    parser.add_argument("--demo-port", type=int, default=0, metavar="PORT", help="演示服务器端口(默认自动)")

    tools = parser.add_argument_group("不打开窗口的命令")
    tools.add_argument("--check-server", metavar="URL", help="测试与服务器的连接，逐项报告")
    tools.add_argument("--user", metavar="工号", help="与 --check-server 一起: 测试登录")
    tools.add_argument(
        "--password",
        metavar="密码",
        help="与 --user 一起: 测试登录用的密码(不填则在终端中询问，输入时不显示)",
    )
    tools.add_argument("--status", action="store_true", help="以 JSON 输出本机待同步队列的各状态数量")
    tools.add_argument("--sync", action="store_true", help="立即同步本机队列；全部发出返回 0，否则非 0")
    tools.add_argument("--self-test", action="store_true", help="自检: 内置服务器上走完一次完整流程")
    tools.add_argument(
        "--measure-startup", action="store_true", help="启动到首个窗口绘出后退出，输出 startup_ms"
    )
    return parser.parse_args(argv)
