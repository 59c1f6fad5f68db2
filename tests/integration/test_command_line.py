"""The window-less commands, run as IT would run them: ``main.py`` in a child process."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

from desktop_app import i18n_build
from desktop_app.demo.server import DemoServer
from tests.helpers import writes
from tests.helpers.processes import run_main


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server() -> DemoServer:
    """A demo server started separately from the command under test."""
    with DemoServer() as s:
        yield s  # type: ignore[misc]


def test_check_server_all_actions_with_login(server: DemoServer) -> None:
    result = run_main("--check-server", server.base_url, "--user", "00006", "--password", "888")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for action in (
        "get_server_url",
        "getcallback",
        "get_customer_type",
        "get_gender_type",
        "login",
        "get_user_status",
        "getpros",
    ):
        assert f"✓ {action}" in out
    assert "冯依敏" in out and "活动" in out and " ms" in out
    assert "结论: 全部 7 项正常" in out
    assert "Traceback" not in result.stderr


def test_check_server_reports_a_wrong_password_and_fails(server: DemoServer) -> None:
    result = run_main("--check-server", server.base_url, "--user", "00006", "--password", "bad")
    assert result.returncode == 1
    assert "✗ login" in result.stdout and "用户名或者密码错误" in result.stdout


def test_check_server_against_a_closed_port() -> None:
    result = run_main("--check-server", f"http://127.0.0.1:{closed_port()}/estate")
    assert result.returncode == 1
    assert "无法连接服务器" in result.stdout and "结论" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_server_against_a_hanging_server(server: DemoServer) -> None:
    server.faults.hang = True
    result = run_main("--check-server", server.base_url, timeout=30, ESTATE_READ_TIMEOUT="1")
    assert result.returncode == 1
    assert "没有回应 (等待 1 秒)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_server_against_an_html_answer(server: DemoServer) -> None:
    server.faults.portal_html = True
    result = run_main("--check-server", server.base_url)
    assert result.returncode == 1
    assert "回复不是 JSON" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_server_refuses_a_url_without_scheme() -> None:
    result = run_main("--check-server", "127.0.0.1:8080/estate")
    assert result.returncode == 2
    assert "服务器地址无效" in result.stdout


def enqueue(data_dir: Path, n: int) -> None:
    """``n`` feedbacks left in the outbox of ``data_dir``, as a closed program leaves them."""
    writes.queue_feedback(data_dir, [f"命令行{i}" for i in range(n)])


def test_status_prints_counts_as_json(tmp_path: Path) -> None:
    enqueue(tmp_path, 3)
    result = run_main("--status", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    assert counts["queued"] == 3 and counts["sent"] == 0 and "needs_attention" in counts


def test_sync_drains_and_exits_zero_when_nothing_is_left(tmp_path: Path, server: DemoServer) -> None:
    enqueue(tmp_path, 4)
    result = run_main("--sync", "--data-dir", str(tmp_path), "--server", server.base_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已发送 4 条" in result.stdout
    assert [w.payload["owner_name"] for w in server.writes()] == [f"命令行{i}" for i in range(4)]


def test_sync_exits_non_zero_when_the_server_is_down(tmp_path: Path) -> None:
    enqueue(tmp_path, 2)
    result = run_main(
        "--sync", "--data-dir", str(tmp_path), "--server", f"http://127.0.0.1:{closed_port()}/estate"
    )
    assert result.returncode == 1
    assert "仍待同步 2 条" in result.stdout and "无法连接" in result.stdout


def test_sync_without_a_server_says_so(tmp_path: Path) -> None:
    result = run_main("--sync", "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert "未设置服务器地址" in result.stdout


def test_the_commands_speak_the_chosen_language(tmp_path: Path) -> None:
    i18n_build.build()  # as `bash run.sh test` does before pytest
    result = run_main("--sync", "--data-dir", str(tmp_path), "--lang", "en")
    assert result.returncode == 2
    assert result.stdout.strip() == (
        "No server address is set: give one with --server, or set server_url in the configuration file"
    )
    result = run_main("--check-server", f"http://127.0.0.1:{closed_port()}/estate", "--lang", "en")
    assert result.returncode == 1
    assert "Cannot reach the server" in result.stdout and "Result: 1 check(s) failed" in result.stdout
    assert re.search(r"[\u4e00-\u9fff]", result.stdout) is None
def test_self_test_runs_the_whole_call_loop_and_passes(tmp_path: Path) -> None:
    result = run_main("--self-test", "--data-dir", str(tmp_path), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    (verdict,) = [line for line in result.stdout.splitlines() if line.strip()][-1:]
    assert "自检通过" in verdict
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "estate-call.sqlite3").exists(), "the agent's own data folder is left alone"
