"""The user's file, written by the settings dialog: with tomli-w, owner-only, keeping its other keys."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

from desktop_app.config import ConfigError, Settings, dump_toml, load_settings, save_user_settings
from desktop_app.domain.codes import ConfigCode as C
from desktop_app.domain.messages import msg


def loaded_from(path: Path) -> Settings:
    loaded = load_settings(default_file=None, user_file=path, environ={}, flags={})
    assert loaded.problems == ()
    return loaded.settings


def test_save_user_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config" / "config.toml"
    changes = {
        "server_url": "http://127.0.0.1:8080/estate",
        "machine_no": 'pc "7" \\ 东',
        "connect_timeout_s": 2.5,
        "read_timeout_s": 12,
        "phone_reserve_size": 0,
        "show_expired_projects": True,
        "next_phone_after_feedback": False,
        "dial_template": "sip:{phone}@pbx",
        "lang": "en",
        "demo": True,
    }
    save_user_settings(path, changes)
    assert loaded_from(path) == Settings(
        server_url="http://127.0.0.1:8080/estate",
        machine_no='pc "7" \\ 东',
        connect_timeout_s=2.5,
        read_timeout_s=12.0,
        phone_reserve_size=0,
        show_expired_projects=True,
        next_phone_after_feedback=False,
        dial_template="sip:{phone}@pbx",
        lang="en",
        demo=True,
    )
    text = path.read_text(encoding="utf-8")
    assert "#" not in text
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temp file left


def test_a_server_url_is_saved_in_its_one_spelling(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_user_settings(path, {"server_url": "HTTP://Call.Example.com:80/estate/"})
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"server_url": "http://call.example.com/estate"}


def test_save_updates_keeps_other_keys_drops_unknown_and_removes_none(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '# old comment\nlang = "en"\nsever_url = "typo"\nmachine_no = "keep"\nphone_reserve_size = 99\n',
        encoding="utf-8",
    )
    save_user_settings(path, {"phone_reserve_size": 4, "lang": None})
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    assert table == {"machine_no": "keep", "phone_reserve_size": 4}


def test_save_refuses_bad_input_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('lang = "en"\n', encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ConfigError) as unknown:
        save_user_settings(path, {"sever_url": "http://127.0.0.1/estate"})
    assert unknown.value.message == msg(C.UNKNOWN_KEY, "sever_url")
    with pytest.raises(ConfigError) as bad:
        save_user_settings(path, {"connect_timeout_s": -1})
    assert bad.value.message == msg(C.VALUE_INVALID, "connect_timeout_s", "-1", msg(C.SECONDS_RANGE, 0.1, 60))
    with pytest.raises(ConfigError) as data_dir:
        save_user_settings(path, {"data_dir": str(tmp_path)})
    assert data_dir.value.message == msg(C.DATA_DIR_IN_USER_FILE)
    assert path.read_bytes() == before


def test_save_over_a_broken_file_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("lang = [broken\n", encoding="utf-8")
    save_user_settings(path, {"lang": "en"})
    assert loaded_from(path).lang == "en"
    assert (tmp_path / "config.toml.bak").read_text(encoding="utf-8") == "lang = [broken\n"


def test_dump_toml_writes_only_plain_values_in_field_order() -> None:
    text = dump_toml({"lang": "en", "connect_timeout_s": 1e-05, "machine_no": "a\tb\x01"})
    assert text.splitlines() == [
        'machine_no = "a\tb\\u0001"',  # a tab is allowed as it is in a TOML string
        "connect_timeout_s = 1e-05",
        'lang = "en"',
    ]
    assert tomllib.loads(text)["machine_no"] == "a\tb\x01"


def test_dump_toml_writes_a_path_as_text(tmp_path: Path) -> None:
    assert tomllib.loads(dump_toml({"ca_bundle": tmp_path / "ca.pem"})) == {"ca_bundle": str(tmp_path / "ca.pem")}
