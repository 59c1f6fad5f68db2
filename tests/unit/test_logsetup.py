"""The log file: created owner-only, rotated, and never holding a phone number or a password."""

from __future__ import annotations

import logging
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.api import ApiClient, CallRecord, NotReached, make_http_client
from desktop_app.logsetup import request_logger as observe
from desktop_app.logsetup import setup_logging, shutdown_logging

log = logging.getLogger("desktop_app.test")


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    yield
    shutdown_logging()
    root.setLevel(level)
    for name, old in quiet.items():
        logging.getLogger(name).setLevel(old)


def read_all(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("estate-call.log*")))


def test_log_file_is_created_owner_only_and_written(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    assert path == tmp_path / "logs" / "estate-call.log"
    log.info("程序启动 %s", "v1")
    log.debug("not at INFO")
    shutdown_logging()
    text = path.read_text(encoding="utf-8")
    assert "INFO" in text and "desktop_app.test" in text and "程序启动 v1" in text
    assert "not at INFO" not in text
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_an_existing_wider_log_file_is_tightened(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("file modes are POSIX only")
    folder = tmp_path / "logs"
    folder.mkdir()
    old = folder / "estate-call.log"
    old.write_text("earlier\n", encoding="utf-8")
    old.chmod(0o644)
    setup_logging(folder)
    log.info("later")
    shutdown_logging()
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    assert old.read_text(encoding="utf-8").startswith("earlier\n")  # appended, not truncated


def test_setup_twice_does_not_double_and_can_move_the_log(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = len(root.handlers)
    first = setup_logging(tmp_path / "a")
    setup_logging(tmp_path / "a")
    assert len(root.handlers) == before + 1
    log.info("once")
    second = setup_logging(tmp_path / "b", console=True)
    assert len(root.handlers) == before + 2  # file + console, the first file handler gone
    log.info("moved")
    shutdown_logging()
    assert len(root.handlers) == before
    assert first.read_text(encoding="utf-8").count("once") == 1
    assert "moved" not in first.read_text(encoding="utf-8")
    assert "moved" in second.read_text(encoding="utf-8")


def test_rotation_keeps_a_bounded_number_of_files(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    setup_logging(folder, max_bytes=2_000, backup_count=2)
    for i in range(200):
        log.info("line %03d %s", i, "x" * 40)
    shutdown_logging()
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["estate-call.log", "estate-call.log.1", "estate-call.log.2"]
    for path in folder.iterdir():
        assert path.stat().st_size <= 2_000
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "line 199" in (folder / "estate-call.log").read_text(encoding="utf-8")
    assert "line 000" not in read_all(folder)  # the oldest lines are gone


@pytest.mark.logs_errors("write failed for", "savecallback")  # logged on purpose, to be masked
def test_phones_and_passwords_never_reach_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "logs"
    setup_logging(folder, console=True)
    phone = "15920447900"
    log.info("getphone -> %s", {"phone_id": 467, "phone_no": int(phone), "owner_name": "张三"})
    log.info(f"customer_phone {phone} landline 020-12345678")
    log.warning("login body %s", '{"user_num": "00006", "pwd": "pw-one-1", "machine_no": "weixin"}')
    secret = "s3cret-pass"
    log.info(f'login body {{"pwd": "{secret}", "user_num": "00006"}}')
    try:
        raise RuntimeError(f"refused {phone}")
    except RuntimeError:
        log.exception("write failed for %s", phone)
    logging.getLogger("desktop_app.sync.engine").error(
        "savecallback %s", {"phone_no": phone, "pwd": "pw-three-3"}
    )
    shutdown_logging()

    text = read_all(folder)
    console = capsys.readouterr().err
    for output in (text, console):
        assert phone not in output
        assert "12345678" not in output
        assert "pw-one-1" not in output
        assert "s3cret-pass" not in output
        assert "pw-three-3" not in output
        assert "159****7900" in output
        assert "020-****5678" in output
        assert "refused 159****7900" in output  # the traceback is masked too
        assert '"pwd": "***"' in output


def test_request_logger_writes_one_line_per_request(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    setup_logging(folder)
    observe(CallRecord("getphone", "http://agent:pw@127.0.0.1:8080/estate", 0.0123, "ok"))
    observe(
        CallRecord("savecallback", "http://127.0.0.1:8080/estate", 1.5, "Refused", "传入数据错误 15920447900")
    )
    shutdown_logging()
    lines = read_all(folder).splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("INFO    desktop_app.requests: getphone 127.0.0.1:8080 12 ms ok")
    assert "pw" not in lines[0].split("requests:")[1]
    assert lines[1].endswith("savecallback 127.0.0.1:8080 1500 ms Refused 传入数据错误 159****7900")


def test_request_logger_as_the_clients_observer(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port on which nothing listens any more
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder = tmp_path / "logs"
    setup_logging(folder)
    with make_http_client(connect_timeout=1.0, read_timeout=1.0) as http:
        client = ApiClient(http, f"http://127.0.0.1:{port}/estate", observer=observe)
        with pytest.raises(NotReached):
            client.login("00006", "pw-login-4")
    shutdown_logging()
    text = read_all(folder)
    assert f"desktop_app.requests: login 127.0.0.1:{port} " in text
    assert " ms NotReached " in text
    assert "pw-login-4" not in text
