"""Settings from defaults, IT's file, the user's file, the environment and the command line."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest

from desktop_app.config import (
    ENV_VARS,
    KEYS,
    ConfigProblem,
    LoadedConfig,
    Settings,
    dial_link,
    dump_toml,
    load_for_startup,
    load_settings,
    problem_text,
    save_user_settings,
    validate_dial_template,
    validate_server_url,
    validate_value,
)
from desktop_app.paths import AppPaths, default_config_file

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
DEFAULT_TEMPLATE = RESOURCES / "default_config.toml"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def load(
    default: Path | None = None,
    user: Path | None = None,
    env: dict[str, str] | None = None,
    flags: dict[str, Any] | None = None,
) -> LoadedConfig:
    return load_settings(default_file=default, user_file=user, environ=env or {}, flags=flags or {})


def only_problem(loaded: LoadedConfig) -> ConfigProblem:
    assert len(loaded.problems) == 1, loaded.problems
    return loaded.problems[0]


# -- precedence --------------------------------------------------------------------------


def test_nothing_given_means_built_in_defaults() -> None:
    loaded = load()
    assert loaded.settings == Settings()
    assert loaded.settings.server_url is None  # no production host by default
    assert loaded.problems == ()
    assert loaded.sources == ()


def test_missing_files_are_not_problems(tmp_path: Path) -> None:
    loaded = load(tmp_path / "absent-default.toml", tmp_path / "absent-user.toml")
    assert loaded.settings == Settings()
    assert loaded.problems == ()


def test_each_layer_overrides_the_one_below(tmp_path: Path) -> None:
    default = write(
        tmp_path / "default_config.toml",
        'server_url = "http://127.0.0.1:1/estate"\n'
        'machine_no = "it"\n'
        "connect_timeout_s = 4\n"
        "read_timeout_s = 20.5\n"
        "phone_reserve_size = 5\n"
        'lang = "en"\n'
        "show_expired_projects = true\n",
    )
    user = write(
        tmp_path / "config.toml",
        'server_url = "http://127.0.0.1:2/estate"\n'
        'machine_no = "user"\n'
        "connect_timeout_s = 5.5\n"
        'lang = "zh_CN"\n',
    )
    env = {
        "ESTATE_SERVER_URL": "http://127.0.0.1:3/estate",
        "ESTATE_MACHINE_NO": "env",
        "ESTATE_LANG": "en",
    }
    flags = {"server": "https://127.0.0.1:4/estate/", "lang": "zh_CN", "demo": True, "data_dir": None}

    only_default = load(default)
    assert only_default.settings.server_url == "http://127.0.0.1:1/estate"
    assert only_default.settings.machine_no == "it"
    assert only_default.settings.connect_timeout_s == 4.0
    assert only_default.settings.read_timeout_s == 20.5
    assert only_default.settings.phone_reserve_size == 5
    assert only_default.settings.lang == "en"
    assert only_default.settings.show_expired_projects is True

    with_user = load(default, user)
    assert with_user.settings.server_url == "http://127.0.0.1:2/estate"
    assert with_user.settings.machine_no == "user"
    assert with_user.settings.connect_timeout_s == 5.5
    assert with_user.settings.lang == "zh_CN"
    assert with_user.settings.read_timeout_s == 20.5  # untouched keys come from below
    assert with_user.settings.phone_reserve_size == 5

    with_env = load(default, user, env)
    assert with_env.settings.server_url == "http://127.0.0.1:3/estate"
    assert with_env.settings.machine_no == "env"
    assert with_env.settings.lang == "en"
    assert with_env.settings.connect_timeout_s == 5.5

    with_flags = load(default, user, env, flags)
    assert with_flags.settings.server_url == "https://127.0.0.1:4/estate"  # trailing slash dropped
    assert with_flags.settings.lang == "zh_CN"
    assert with_flags.settings.machine_no == "env"
    assert with_flags.settings.demo is True
    assert with_flags.problems == ()
    assert with_flags.sources == (
        str(default),
        str(user),
        "环境变量 ESTATE_SERVER_URL",
        "环境变量 ESTATE_MACHINE_NO",
        "环境变量 ESTATE_LANG",
        "命令行 --server",
        "命令行 --lang",
        "命令行 --demo",
    )


def test_every_environment_variable_is_read(tmp_path: Path) -> None:
    bundle = write(tmp_path / "ca.pem", "-----BEGIN CERTIFICATE-----\n")
    env = {
        "ESTATE_SERVER_URL": "https://127.0.0.1:8443/estate",
        "ESTATE_MACHINE_NO": "pc-7",
        "ESTATE_CONNECT_TIMEOUT": "1.5",
        "ESTATE_READ_TIMEOUT": "30",
        "ESTATE_CA_BUNDLE": str(bundle),
        "ESTATE_LANG": "en",
        "ESTATE_DATA_DIR": str(tmp_path / "data"),
        "ESTATE_PHONE_RESERVE": "0",
    }
    assert set(env) == set(ENV_VARS)
    settings = load(env=env).settings
    assert settings == Settings(
        server_url="https://127.0.0.1:8443/estate",
        machine_no="pc-7",
        connect_timeout_s=1.5,
        read_timeout_s=30.0,
        ca_bundle=str(bundle),
        lang="en",
        data_dir=tmp_path / "data",
        phone_reserve_size=0,
    )


def test_empty_environment_values_count_as_unset(tmp_path: Path) -> None:
    user = write(tmp_path / "config.toml", 'machine_no = "user"\n')
    loaded = load(user=user, env={"ESTATE_MACHINE_NO": "  ", "ESTATE_SERVER_URL": ""})
    assert loaded.settings.machine_no == "user"
    assert loaded.problems == ()


def test_flags_not_given_change_nothing_and_other_flags_are_ignored() -> None:
    flags = {"server": None, "data_dir": None, "lang": None, "demo": False, "check_server": "x", "sync": True}
    loaded = load(env={"ESTATE_LANG": "en"}, flags=flags)
    assert loaded.settings == Settings(lang="en")
    assert loaded.problems == ()


def test_data_dir_flag_overrides_environment(tmp_path: Path) -> None:
    loaded = load(env={"ESTATE_DATA_DIR": str(tmp_path / "env")}, flags={"data_dir": str(tmp_path / "flag")})
    assert loaded.settings.data_dir == tmp_path / "flag"


def test_relative_paths_in_it_file_are_taken_from_its_folder(tmp_path: Path) -> None:
    write(tmp_path / "company-ca.pem", "pem")
    default = write(tmp_path / "default_config.toml", 'ca_bundle = "company-ca.pem"\ndata_dir = "data"\n')
    settings = load(default).settings
    assert settings.ca_bundle == str(tmp_path / "company-ca.pem")
    assert settings.data_dir == tmp_path / "data"


# -- bad configuration is never fatal ----------------------------------------------------


def test_invalid_toml_names_file_and_line_and_ignores_the_whole_file(tmp_path: Path) -> None:
    default = write(tmp_path / "default_config.toml", 'machine_no = "it"\n')
    user = write(
        tmp_path / "config.toml", 'lang = "en"\nphone_reserve_size = 4\nserver_url = http://localhost\n'
    )
    loaded = load(default, user)
    problem = only_problem(loaded)
    assert problem.source == str(user)
    assert problem.line == 3
    text = problem_text(problem)
    assert text.startswith(f"配置文件 {user} 第 3 行: ")
    assert "TOML" in text and "已忽略" in text
    # nothing of the broken file is used, everything else is
    assert loaded.settings == Settings(machine_no="it")
    assert loaded.sources == (str(default),)


def test_invalid_toml_at_end_of_document_still_has_a_line(tmp_path: Path) -> None:
    user = write(tmp_path / "config.toml", 'lang = "en"\nmachine_no =\n')
    problem = only_problem(load(user=user))
    assert problem.line == 2


def test_unknown_key_names_file_key_and_line_and_the_rest_is_used(tmp_path: Path) -> None:
    user = write(
        tmp_path / "config.toml",
        '# 我的设置\nmachine_no = "pc-1"\nsever_url = "http://127.0.0.1:9/estate"\nlang = "en"\n',
    )
    loaded = load(user=user)
    problem = only_problem(loaded)
    assert problem.line == 3
    assert problem_text(problem) == f'配置文件 {user} 第 3 行: 未知的设置项 "sever_url"，已忽略'
    assert loaded.settings == Settings(machine_no="pc-1", lang="en")


def test_a_table_is_an_unknown_key_with_a_hint(tmp_path: Path) -> None:
    user = write(tmp_path / "config.toml", 'machine_no = "a"\n\n[server]\nurl = "http://127.0.0.1/estate"\n')
    loaded = load(user=user)
    problem = only_problem(loaded)
    assert problem.line == 3
    assert '"server"' in problem.message and "小节" in problem.message
    assert loaded.settings == Settings(machine_no="a")


@pytest.mark.parametrize(
    ("line", "key", "expected_words"),
    [
        ('connect_timeout_s = "abc"', "connect_timeout_s", "秒数"),
        ("connect_timeout_s = -1", "connect_timeout_s", "秒数"),
        ("read_timeout_s = 0", "read_timeout_s", "秒数"),
        ("read_timeout_s = true", "read_timeout_s", "秒数"),
        ("phone_reserve_size = 99", "phone_reserve_size", "0 到 20"),
        ("phone_reserve_size = 2.5", "phone_reserve_size", "整数"),
        ('lang = "fr"', "lang", "zh_CN"),
        ('show_expired_projects = "maybe"', "show_expired_projects", "true 或 false"),
        ("machine_no = 7", "machine_no", "文字"),
        ('machine_no = ""', "machine_no", "机器编号"),
        ('dial_template = "tel:{phon}"', "dial_template", "{phone}"),
        ('ca_bundle = "no-such-ca.pem"', "ca_bundle", "找不到"),
        ('server_url = "127.0.0.1:8080/estate"', "server_url", "缺少 http:// 或 https://"),
        ('server_url = "localhost:8080/estate"', "server_url", "http:// 或 https://"),
        ('server_url = "ftp://127.0.0.1/estate"', "server_url", "http:// 或 https://"),
        ('server_url = "http://127.0.0.1:99999/estate"', "server_url", "端口"),
    ],
)
def test_bad_value_is_reported_with_its_line_and_ignored(
    tmp_path: Path, line: str, key: str, expected_words: str
) -> None:
    default = write(tmp_path / "default_config.toml", 'machine_no = "it"\nlang = "en"\n')
    user = write(tmp_path / "config.toml", f"next_phone_after_feedback = false\n{line}\ndemo = true\n")
    loaded = load(default, user)
    problem = only_problem(loaded)
    assert problem.source == str(user)
    assert problem.line == 2
    assert f'"{key}"' in problem.message
    assert expected_words in problem.message
    assert problem.message.endswith("已忽略")
    # the bad key falls back to the layer below; the file's other keys are used
    expected = Settings(machine_no="it", lang="en", next_phone_after_feedback=False, demo=True)
    assert loaded.settings == expected


def test_bad_environment_value_is_reported_and_the_layer_below_kept(tmp_path: Path) -> None:
    user = write(tmp_path / "config.toml", "connect_timeout_s = 2\n")
    loaded = load(
        user=user,
        env={
            "ESTATE_CONNECT_TIMEOUT": "abc",
            "ESTATE_PHONE_RESERVE": "99",
            "ESTATE_SERVER_URL": "127.0.0.1:8080/estate",
        },
    )
    assert loaded.settings == Settings(connect_timeout_s=2.0)
    texts = [problem_text(p) for p in loaded.problems]
    assert len(texts) == 3
    assert any(t.startswith('环境变量 ESTATE_CONNECT_TIMEOUT: 值 "abc" 无效') for t in texts)
    assert any(t.startswith('环境变量 ESTATE_PHONE_RESERVE: 值 "99" 无效') for t in texts)
    assert any(
        t.startswith("环境变量 ESTATE_SERVER_URL: ") and "缺少 http:// 或 https://" in t for t in texts
    )
    assert all(p.line is None for p in loaded.problems)
    assert loaded.sources == (str(user),)


def test_bad_flag_is_reported_and_ignored() -> None:
    loaded = load(env={"ESTATE_SERVER_URL": "http://127.0.0.1:5/estate"}, flags={"server": "127.0.0.1:6"})
    assert loaded.settings.server_url == "http://127.0.0.1:5/estate"
    problem = only_problem(loaded)
    assert problem.source == "命令行 --server"
    assert problem_text(problem).startswith("命令行 --server: ")


def test_data_dir_is_refused_in_the_user_file_only(tmp_path: Path) -> None:
    default = write(tmp_path / "default_config.toml", f'data_dir = "{(tmp_path / "it").as_posix()}"\n')
    user = write(tmp_path / "config.toml", f'data_dir = "{(tmp_path / "user").as_posix()}"\n')
    loaded = load(default, user)
    assert loaded.settings.data_dir == tmp_path / "it"
    problem = only_problem(loaded)
    assert problem.source == str(user) and problem.line == 1
    assert "--data-dir" in problem.message


def test_all_bad_at_once_still_yields_defaults(tmp_path: Path) -> None:
    default = write(tmp_path / "default_config.toml", "this is not toml\n")
    user = write(tmp_path / "config.toml", 'nonsense = 1\nlang = "xx"\nread_timeout_s = "slow"\n')
    env = {"ESTATE_READ_TIMEOUT": "-3", "ESTATE_LANG": "klingon"}
    loaded = load(default, user, env, {"lang": "??", "server": "nowhere"})
    assert loaded.settings == Settings()
    assert len(loaded.problems) == 1 + 3 + 2 + 2
    for problem in loaded.problems:
        assert "已忽略" in problem.message
        assert problem_text(problem)


def test_file_in_gbk_with_bom_or_unreadable(tmp_path: Path) -> None:
    bom = tmp_path / "bom.toml"
    bom.write_bytes('\ufeffmachine_no = "pc"\n'.encode())
    assert load(user=bom).settings.machine_no == "pc"
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes('# 设置\nmachine_no = "机器"\n'.encode("gbk"))
    assert load(user=gbk).settings.machine_no == "机器"
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    problem = only_problem(load(user=folder))
    assert "无法读取" in problem.message


# -- the template for IT -----------------------------------------------------------------


def test_default_config_template_parses_to_pure_defaults() -> None:
    loaded = load(DEFAULT_TEMPLATE)
    assert loaded.problems == ()
    assert loaded.settings == Settings()
    assert tomllib.loads(DEFAULT_TEMPLATE.read_text(encoding="utf-8")) == {}


def test_default_config_template_lists_every_key_and_its_examples_are_valid(tmp_path: Path) -> None:
    text = DEFAULT_TEMPLATE.read_text(encoding="utf-8")
    commented = re.findall(r"^# (\w+) = ", text, re.MULTILINE)
    assert sorted(commented) == sorted(KEYS)
    assert "localhost" in text
    assert "ihk" not in text and "172.16." not in text
    enabled = write(tmp_path / "default_config.toml", re.sub(r"^# (\w+ = )", r"\1", text, flags=re.MULTILINE))
    write(tmp_path / "company-ca.pem", "pem")
    loaded = load(enabled)
    assert loaded.problems == ()
    assert loaded.settings.server_url == "https://localhost:8443/estate"
    assert loaded.settings.ca_bundle == str(tmp_path / "company-ca.pem")


# -- single values, as the settings dialog checks them ------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        "tel:{phone}",
        "sip:{phone}@pbx",
        "callto:{phone}",
        "https://localhost/dial?n={phone}",
        "TEL:{phone}",
    ],
)
def test_dial_templates_accepted(template: str) -> None:
    assert validate_dial_template(template) is None
    assert validate_value("dial_template", template) is None


@pytest.mark.parametrize(
    "template",
    [
        "tel:{phon}",
        "{phone",
        "tel:",
        "",
        "{phone}",
        "tel:{phone}{x}",
        "tel:{phone:>5}",
        "tel:{{phone}}",
        "tel:{phone}}",
        "file:{phone}",
        "javascript:{phone}",
        "ms-msdt:{phone}",
        "tel: {phone}",
        "https:{phone}",
    ],
)
def test_dial_templates_refused(template: str) -> None:
    message = validate_dial_template(template)
    assert message
    assert validate_value("dial_template", template) == message


def test_dial_link_fills_in_the_number() -> None:
    assert dial_link("sip:{phone}@pbx", " 13800138000 ") == "sip:13800138000@pbx"
    assert dial_link("tel:{phone}", "+86 138") == "tel:+86%20138"


@pytest.mark.parametrize(
    ("url", "fine"),
    [
        ("http://127.0.0.1:8080/estate", True),
        ("https://localhost:8443/estate/", True),
        ("HTTP://127.0.0.1/estate", True),
        ("127.0.0.1:8080/estate", False),
        ("localhost:8443/estate", False),
        ("ftp://127.0.0.1/estate", False),
        ("http://", False),
        ("http://127.0.0.1/estate?x=1", False),
        ("http://127.0.0.1 /estate", False),
    ],
)
def test_server_url_validation(url: str, fine: bool) -> None:
    assert (validate_server_url(url) is None) is fine
    assert (validate_value("server_url", url) is None) is fine


def test_validate_value_checks_types_ranges_and_names() -> None:
    assert validate_value("phone_reserve_size", 0) is None
    assert validate_value("phone_reserve_size", 20) is None
    assert validate_value("phone_reserve_size", 21)
    assert validate_value("phone_reserve_size", True)
    assert validate_value("connect_timeout_s", 2.5) is None
    assert validate_value("connect_timeout_s", float("nan"))
    assert validate_value("next_phone_after_feedback", False) is None
    assert validate_value("lang", "en") is None
    assert validate_value("server_url", "") is None  # empty: no server set
    assert validate_value("sever_url", "x") == '未知的设置项 "sever_url"'


# -- the user's file, written by the settings dialog --------------------------------------


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
    loaded = load(user=path)
    assert loaded.problems == ()
    assert loaded.settings == Settings(
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
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temp file left


def test_save_updates_keeps_other_keys_drops_unknown_and_removes_none(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.toml",
        '# old comment\nlang = "en"\nsever_url = "typo"\nmachine_no = "keep"\nphone_reserve_size = 99\n',
    )
    save_user_settings(path, {"phone_reserve_size": 4, "lang": None})
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    assert table == {"machine_no": "keep", "phone_reserve_size": 4}


def test_save_refuses_bad_input_and_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", 'lang = "en"\n')
    before = path.read_bytes()
    with pytest.raises(ValueError, match="未知的设置项"):
        save_user_settings(path, {"sever_url": "http://127.0.0.1/estate"})
    with pytest.raises(ValueError, match="秒数"):
        save_user_settings(path, {"connect_timeout_s": -1})
    with pytest.raises(ValueError, match="data_dir"):
        save_user_settings(path, {"data_dir": str(tmp_path)})
    assert path.read_bytes() == before


def test_save_over_a_broken_file_keeps_a_backup(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", "lang = [broken\n")
    save_user_settings(path, {"lang": "en"})
    assert load(user=path).settings.lang == "en"
    assert (tmp_path / "config.toml.bak").read_text(encoding="utf-8") == "lang = [broken\n"


def test_dump_toml_writes_only_plain_values_in_field_order() -> None:
    text = dump_toml({"lang": "en", "connect_timeout_s": 1e-05, "machine_no": "a\tb\x01"})
    assert text.splitlines() == [
        'machine_no = "a\\tb\\u0001"',
        "connect_timeout_s = 1e-05",
        'lang = "en"',
    ]
    assert tomllib.loads(text)["machine_no"] == "a\tb\x01"


# -- where the files are -----------------------------------------------------------------


def test_startup_reads_the_user_file_from_the_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "data"
    save_user_settings(AppPaths.under(data).config_file, {"lang": "en"})
    paths, loaded = load_for_startup(
        default_file=None,
        environ={},
        flags={"data_dir": str(data)},
        default_paths=lambda: pytest.fail("the default folders must not be used"),
    )
    assert paths == AppPaths(data, data / "config", data / "logs")
    assert loaded.settings.lang == "en"
    assert loaded.settings.data_dir == data


def test_startup_without_data_dir_uses_the_default_folders(tmp_path: Path) -> None:
    fake = AppPaths.under(tmp_path / "platform")
    save_user_settings(fake.config_file, {"machine_no": "from-user"})
    paths, loaded = load_for_startup(default_file=None, environ={}, flags={}, default_paths=lambda: fake)
    assert paths == fake
    assert loaded.settings.machine_no == "from-user"


def test_app_paths_ensure_creates_private_folders(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "d").ensure()
    for folder in (paths.data_dir, paths.config_dir, paths.log_dir):
        assert folder.is_dir()
        if os.name == "posix":
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    default = AppPaths.default()
    assert "EstateCall" in str(default.data_dir)
    assert "EstateCall" in str(default.log_dir)


def test_default_config_file_outside_the_bundle_is_the_template() -> None:
    assert default_config_file() == DEFAULT_TEMPLATE
    assert DEFAULT_TEMPLATE.is_file()
