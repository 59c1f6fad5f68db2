"""The 诊断包 for IT: everything useful, nothing secret, no full phone number, no database."""

from __future__ import annotations

import json
import os
import re
import stat
import zipfile
from pathlib import Path

import pytest

import desktop_app
from desktop_app.config import Settings
from desktop_app.diagnostics import redact_config_text, redact_url, write_diagnostics_zip

PHONE = "15920447900"
FULL_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    logs = data / "logs"
    config = data / "config"
    logs.mkdir(parents=True)
    config.mkdir()
    # an older log written before masking existed must still come out masked
    (logs / "estate-call.log").write_text(f"2024-05-01 INFO getphone {PHONE}\n", encoding="utf-8")
    (logs / "estate-call.log.1").write_text('login {"pwd": "pw-in-log"}\n', encoding="utf-8")
    (logs / "other.txt").write_text("not a log of ours\n", encoding="utf-8")
    (data / "estate.db").write_bytes(b"SQLite format 3\x00" + PHONE.encode())
    (config / "config.toml").write_text(
        'server_url = "https://agent:pw-in-url@localhost:8443/estate"\n'
        'api_token = "tok-123"\n'
        'password = "pw-in-config"\n'
        'ca_bundle = "C:/certs/company-ca.pem"\n'
        f'note = "{PHONE}"\n',
        encoding="utf-8",
    )
    return data


def build(data_dir: Path, target: Path, extra: dict[str, str] | None = None) -> Path:
    settings = Settings(
        server_url="https://agent:pw-in-url@localhost:8443/estate",
        ca_bundle="C:/certs/company-ca.pem",
        data_dir=data_dir,
    )
    return write_diagnostics_zip(
        target,
        log_dir=data_dir / "logs",
        config_files=[data_dir / "config" / "config.toml", data_dir / "missing" / "default_config.toml"],
        settings=settings,
        outbox_counts={"queued": 3, "needs_attention": 1, "sent": 120},
        extra=extra,
    )


def contents(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def test_zip_holds_logs_config_settings_versions_and_counts(data_dir: Path, tmp_path: Path) -> None:
    path = build(data_dir, tmp_path / "diag.zip", extra={"queue.csv": f"time,phone\n10:00,{PHONE}\n"})
    assert path == tmp_path / "diag.zip"
    entries = contents(path)
    assert sorted(entries) == [
        "config/config.toml",
        "extra/queue.csv",
        "logs/estate-call.log",
        "logs/estate-call.log.1",
        "outbox.json",
        "settings.json",
        "versions.txt",
    ]
    assert json.loads(entries["outbox.json"]) == {"queued": 3, "needs_attention": 1, "sent": 120}
    settings = json.loads(entries["settings.json"])
    assert settings["ca_bundle"] == "C:/certs/company-ca.pem"
    assert settings["server_url"] == "https://***@localhost:8443/estate"
    assert settings["connect_timeout_s"] == 3.0
    assert settings["data_dir"] == str(data_dir)
    versions = entries["versions.txt"]
    assert f"estate-call {desktop_app.__version__}" in versions
    for label in ("Python", "PySide6", "httpx", "sqlite-utils", "SQLite"):
        assert label in versions
    assert "getphone 159****7900" in entries["logs/estate-call.log"]
    assert entries["config/config.toml"].startswith("# source: ")


def test_no_secret_no_phone_no_database(data_dir: Path, tmp_path: Path) -> None:
    path = build(data_dir, tmp_path / "diag.zip", extra={"estate.db": "x", "notes.txt": f"call {PHONE}"})
    entries = contents(path)
    assert not any(name.endswith(".db") for name in entries)
    blob = "\n".join(entries.values())
    for secret in ("pw-in-log", "pw-in-url", "tok-123", "pw-in-config", "SQLite format 3"):
        assert secret not in blob
    assert PHONE not in blob and FULL_MOBILE.search(blob) is None
    config = entries["config/config.toml"]
    assert 'api_token = "***"' in config
    assert 'password = "***"' in config
    assert 'ca_bundle = "C:/certs/company-ca.pem"' in config  # kept: IT needs to see it
    assert "https://***@localhost:8443/estate" in config


def test_target_folder_gets_a_named_owner_only_zip(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = build(data_dir, out)
    assert path.parent == out
    assert path.name.startswith("estate-call-diagnostics-") and path.suffix == ".zip"
    assert [p.name for p in out.iterdir()] == [path.name]
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "settings.json" in contents(path)


def test_works_without_any_log_or_config(tmp_path: Path) -> None:
    path = write_diagnostics_zip(
        tmp_path / "d.zip",
        log_dir=tmp_path / "no-logs",
        config_files=[],
        settings=Settings(),
        outbox_counts={},
    )
    assert sorted(contents(path)) == ["outbox.json", "settings.json", "versions.txt"]


def test_redaction_helpers() -> None:
    assert redact_url("http://127.0.0.1:8080/estate") == "http://127.0.0.1:8080/estate"
    assert redact_url("https://u:p@h/x") == "https://***@h/x"
    text = redact_config_text('pwd = 1\n"secret_key" = "a"\nmachine_no = "weixin"\n')
    assert text == 'pwd = "***"\n"secret_key" = "***"\nmachine_no = "weixin"\n'
