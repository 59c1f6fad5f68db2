"""The commands' own words: --help all in Chinese, --check-server saying each thing once,
and a password that never has to be typed on the command line."""

from __future__ import annotations

import pytest

from desktop_app.cli.check_server import check_server_command
from desktop_app.demo.server import DemoServer
from tests.integration.test_command_line import closed_port, run_main


def test_help_has_no_english_words_of_argparse() -> None:
    result = run_main("--help")
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("用法: estate-call")
    assert "选项:" in out and "显示本帮助并退出" in out
    for english in ("usage:", "options:", "optional arguments", "show this help message"):
        assert english not in out


def test_a_server_not_reached_is_said_once() -> None:
    result = run_main("--check-server", f"http://127.0.0.1:{closed_port()}/estate")
    assert result.returncode == 1
    failed = [line for line in result.stdout.splitlines() if "✗" in line]
    assert len(failed) == 1 and failed[0].count("无法连接服务器") == 1


def test_user_without_password_and_no_terminal_fails_at_once(server_url: str) -> None:
    result = run_main("--check-server", server_url, "--user", "00006", timeout=20)
    assert result.returncode == 2
    assert "没有可输入密码的终端" in result.stdout and "--password" in result.stdout


@pytest.fixture
def server_url() -> str:
    with DemoServer() as server:
        yield server.base_url  # type: ignore[misc]


def test_user_without_password_asks_for_it_without_echo(server_url: str) -> None:
    prompts: list[str] = []
    lines: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return "888"

    code = check_server_command(
        server_url,
        user="00006",
        password=None,
        machine_no="weixin",
        connect_timeout_s=1.0,
        read_timeout_s=2.0,
        out=lines.append,
        has_terminal=lambda: True,
        ask_password=ask,
    )
    assert code == 0, lines
    assert prompts == ["工号 00006 的密码(输入时不显示): "]
    assert any("✓ login" in line and "冯依敏" in line for line in lines)
