"""Settings from defaults, IT's file, the user's file, the environment and the command line.

Every value keeps its typed source (layer, file and line, variable or flag), and every
problem is a message code with its arguments: these tests check both exactly.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from desktop_app.config import (
    BUILT_IN,
    ENV_VARS,
    KEYS,
    ConfigProblem,
    Layer,
    LoadedConfig,
    Settings,
    Source,
    load_for_startup,
    load_settings,
    save_user_settings,
)
from desktop_app.domain import server_url
from desktop_app.domain.codes import ConfigCode as C
from desktop_app.domain.messages import Message, msg
from desktop_app.paths import AppPaths, default_config_file

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
DEFAULT_TEMPLATE = RESOURCES / "default_config.toml"
NO_SCHEME = msg(C.SERVER_URL_NO_SCHEME, server_url.EXAMPLE)


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


def ignored_value(key: str, shown: str, reason: Message) -> Message:
    return msg(C.IGNORED, msg(C.VALUE_INVALID, key, shown, reason))


def it_file(path: Path, line: int | None = None) -> Source:
    return Source(Layer.IT_FILE, path, line)


def user_file(path: Path, line: int | None = None) -> Source:
    return Source(Layer.USER_FILE, path, line)


def env(name: str) -> Source:
    return Source(Layer.ENV, name=name)


def flag(name: str) -> Source:
    return Source(Layer.FLAG, name=name)


# -- precedence --------------------------------------------------------------------------


def test_nothing_given_means_built_in_defaults() -> None:
    loaded = load()
    assert loaded.settings == Settings()
    assert loaded.settings.server_url is None  # no production host by default
    assert loaded.problems == ()
    assert loaded.origins == {}
    assert loaded.origin("server_url") == BUILT_IN
    assert BUILT_IN.layer is Layer.DEFAULT


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
    environ = {
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
    assert only_default.origin("show_expired_projects") == it_file(default, 7)

    with_user = load(default, user)
    assert with_user.settings.server_url == "http://127.0.0.1:2/estate"
    assert with_user.settings.machine_no == "user"
    assert with_user.settings.connect_timeout_s == 5.5
    assert with_user.settings.lang == "zh_CN"
    assert with_user.settings.read_timeout_s == 20.5  # untouched keys come from below
    assert with_user.settings.phone_reserve_size == 5
    assert with_user.origin("lang") == user_file(user, 4)
    assert with_user.origin("read_timeout_s") == it_file(default, 4)
    assert with_user.locked() == {}

    with_env = load(default, user, environ)
    assert with_env.settings.server_url == "http://127.0.0.1:3/estate"
    assert with_env.settings.machine_no == "env"
    assert with_env.settings.lang == "en"
    assert with_env.settings.connect_timeout_s == 5.5
    assert with_env.locked() == {
        "server_url": env("ESTATE_SERVER_URL"),
        "machine_no": env("ESTATE_MACHINE_NO"),
        "lang": env("ESTATE_LANG"),
    }

    with_flags = load(default, user, environ, flags)
    assert with_flags.settings.server_url == "https://127.0.0.1:4/estate"  # trailing slash dropped
    assert with_flags.settings.lang == "zh_CN"
    assert with_flags.settings.machine_no == "env"
    assert with_flags.settings.demo is True
    assert with_flags.problems == ()
    assert with_flags.origins == {
        "server_url": flag("--server"),
        "machine_no": env("ESTATE_MACHINE_NO"),
        "connect_timeout_s": user_file(user, 3),
        "read_timeout_s": it_file(default, 4),
        "phone_reserve_size": it_file(default, 5),
        "lang": flag("--lang"),
        "show_expired_projects": it_file(default, 7),
        "demo": flag("--demo"),
    }
    assert set(with_flags.locked()) == {"server_url", "machine_no", "lang", "demo"}


def test_every_environment_variable_is_read(tmp_path: Path) -> None:
    bundle = write(tmp_path / "ca.pem", "-----BEGIN CERTIFICATE-----\n")
    environ = {
        "ESTATE_SERVER_URL": "https://127.0.0.1:8443/estate",
        "ESTATE_MACHINE_NO": "pc-7",
        "ESTATE_CONNECT_TIMEOUT": "1.5",
        "ESTATE_READ_TIMEOUT": "30",
        "ESTATE_REQUEST_DEADLINE": "45",
        "ESTATE_CA_BUNDLE": str(bundle),
        "ESTATE_LANG": "en",
        "ESTATE_DATA_DIR": str(tmp_path / "data"),
        "ESTATE_PHONE_RESERVE": "0",
    }
    assert set(environ) == set(ENV_VARS)
    loaded = load(env=environ)
    assert loaded.settings == Settings(
        server_url="https://127.0.0.1:8443/estate",
        machine_no="pc-7",
        connect_timeout_s=1.5,
        read_timeout_s=30.0,
        request_deadline_s=45.0,
        ca_bundle=str(bundle),
        lang="en",
        data_dir=tmp_path / "data",
        phone_reserve_size=0,
    )
    assert loaded.origins == {key: env(name) for name, key in ENV_VARS.items()}


def test_empty_environment_values_count_as_unset(tmp_path: Path) -> None:
    user = write(tmp_path / "config.toml", 'machine_no = "user"\n')
    loaded = load(user=user, env={"ESTATE_MACHINE_NO": "  ", "ESTATE_SERVER_URL": ""})
    assert loaded.settings.machine_no == "user"
    assert loaded.problems == ()
    assert loaded.origins == {"machine_no": user_file(user, 1)}


def test_flags_not_given_change_nothing_and_other_flags_are_ignored() -> None:
    flags = {"server": None, "data_dir": None, "lang": None, "demo": False, "check_server": "x", "sync": True}
    loaded = load(env={"ESTATE_LANG": "en"}, flags=flags)
    assert loaded.settings == Settings(lang="en")
    assert loaded.problems == ()
    assert loaded.origins == {"lang": env("ESTATE_LANG")}


def test_data_dir_flag_overrides_environment(tmp_path: Path) -> None:
    loaded = load(env={"ESTATE_DATA_DIR": str(tmp_path / "env")}, flags={"data_dir": str(tmp_path / "flag")})
    assert loaded.settings.data_dir == tmp_path / "flag"
    assert loaded.origin("data_dir") == flag("--data-dir")


def test_relative_paths_in_it_file_are_taken_from_its_folder(tmp_path: Path) -> None:
    write(tmp_path / "company-ca.pem", "pem")
    default = write(tmp_path / "default_config.toml", 'ca_bundle = "company-ca.pem"\ndata_dir = "data"\n')
    settings = load(default).settings
    assert settings.ca_bundle == str(tmp_path / "company-ca.pem")
    assert settings.data_dir == tmp_path / "data"


def test_the_same_server_written_two_ways_loads_the_same(tmp_path: Path) -> None:
    user = write(tmp_path / "config.toml", 'server_url = "HTTP://LocalHost:80/estate/"\n')
    assert load(user=user).settings.server_url == "http://localhost/estate"
    assert load(env={"ESTATE_SERVER_URL": " http://localhost/estate "}).settings.server_url == (
        "http://localhost/estate"
    )


# -- bad configuration is never fatal ----------------------------------------------------


def test_invalid_toml_names_file_and_line_and_ignores_the_whole_file(tmp_path: Path) -> None:
    default = write(tmp_path / "default_config.toml", 'machine_no = "it"\n')
    user = write(
        tmp_path / "config.toml", 'lang = "en"\nphone_reserve_size = 4\nserver_url = http://localhost\n'
    )
    loaded = load(default, user)
    problem = only_problem(loaded)
    assert problem.source == user_file(user, 3)
    assert problem.message.code is C.FILE_NOT_TOML
    (detail,) = problem.message.args
    assert isinstance(detail, str) and detail and "line" not in detail  # the line is in the source
    assert problem.located() == msg(C.PROBLEM_AT, msg(C.SOURCE_FILE_LINE, str(user), 3), problem.message)
    # nothing of the broken file is used, everything else is
    assert loaded.settings == Settings(machine_no="it")
    assert loaded.origins == {"machine_no": it_file(default, 1)}


def test_invalid_toml_at_end_of_document_still_has_a_line(tmp_path: Path) -> None:
    user = write(tmp_path / "config.toml", 'lang = "en"\nmachine_no =\n')
    problem = only_problem(load(user=user))
    assert problem.source.line == 2


def test_unknown_key_names_file_key_and_line_and_the_rest_is_used(tmp_path: Path) -> None:
    user = write(
        tmp_path / "config.toml",
        '# 我的设置\nmachine_no = "pc-1"\nsever_url = "http://127.0.0.1:9/estate"\nlang = "en"\n',
    )
    loaded = load(user=user)
    problem = only_problem(loaded)
    assert problem == ConfigProblem(user_file(user, 3), msg(C.IGNORED, msg(C.UNKNOWN_KEY, "sever_url")))
    assert problem.located() == msg(
        C.PROBLEM_AT,
        msg(C.SOURCE_FILE_LINE, str(user), 3),
        msg(C.IGNORED, msg(C.UNKNOWN_KEY, "sever_url")),
    )
    assert loaded.settings == Settings(machine_no="pc-1", lang="en")


def test_a_table_is_an_unknown_key_with_a_hint(tmp_path: Path) -> None:
    user = write(tmp_path / "config.toml", 'machine_no = "a"\n\n[server]\nurl = "http://127.0.0.1/estate"\n')
    loaded = load(user=user)
    problem = only_problem(loaded)
    assert problem == ConfigProblem(user_file(user, 3), msg(C.IGNORED, msg(C.UNKNOWN_SECTION, "server")))
    assert loaded.settings == Settings(machine_no="a")


@pytest.mark.parametrize(
    ("line", "key", "shown", "reason"),
    [
        ('connect_timeout_s = "abc"', "connect_timeout_s", '"abc"', msg(C.SECONDS_RANGE, 0.1, 60)),
        ("connect_timeout_s = -1", "connect_timeout_s", "-1", msg(C.SECONDS_RANGE, 0.1, 60)),
        ("read_timeout_s = 0", "read_timeout_s", "0", msg(C.SECONDS_RANGE, 0.1, 300)),
        ("read_timeout_s = true", "read_timeout_s", "True", msg(C.SECONDS_RANGE, 0.1, 300)),
        ("phone_reserve_size = 99", "phone_reserve_size", "99", msg(C.RESERVE_RANGE, 0, 20)),
        ("phone_reserve_size = 2.5", "phone_reserve_size", "2.5", msg(C.RESERVE_RANGE, 0, 20)),
        ('lang = "fr"', "lang", '"fr"', msg(C.LANG_UNKNOWN)),
        ('show_expired_projects = "maybe"', "show_expired_projects", '"maybe"', msg(C.NOT_BOOLEAN)),
        ("machine_no = 7", "machine_no", "7", msg(C.NOT_TEXT)),
        ('machine_no = ""', "machine_no", '""', msg(C.MACHINE_NO, 64)),
        ('dial_template = "tel:{phon}"', "dial_template", '"tel:{phon}"', msg(C.DIAL_NO_PLACEHOLDER)),
        ('server_url = "127.0.0.1:8080/estate"', "server_url", '"127.0.0.1:8080/estate"', NO_SCHEME),
        ('server_url = "localhost:8080/estate"', "server_url", '"localhost:8080/estate"', NO_SCHEME),
        (
            'server_url = "ftp://127.0.0.1/estate"',
            "server_url",
            '"ftp://127.0.0.1/estate"',
            msg(C.SERVER_URL_SCHEME),
        ),
        (
            'server_url = "http://127.0.0.1:99999/estate"',
            "server_url",
            '"http://127.0.0.1:99999/estate"',
            msg(C.SERVER_URL_BAD_PORT),
        ),
    ],
)
def test_bad_value_is_reported_with_its_line_and_ignored(
    tmp_path: Path, line: str, key: str, shown: str, reason: Message
) -> None:
    default = write(tmp_path / "default_config.toml", 'machine_no = "it"\nlang = "en"\n')
    user = write(tmp_path / "config.toml", f"next_phone_after_feedback = false\n{line}\ndemo = true\n")
    loaded = load(default, user)
    problem = only_problem(loaded)
    assert problem.source == user_file(user, 2)
    assert problem.message == ignored_value(key, shown, reason)
    # the bad key falls back to the layer below; the file's other keys are used
    expected = Settings(machine_no="it", lang="en", next_phone_after_feedback=False, demo=True)
    assert loaded.settings == expected
    assert key not in loaded.origins or loaded.origin(key).path == default


def test_a_missing_ca_bundle_is_named(tmp_path: Path) -> None:
    user = write(tmp_path / "config.toml", 'ca_bundle = "no-such-ca.pem"\n')
    problem = only_problem(load(user=user))
    missing = str(tmp_path / "no-such-ca.pem")
    assert problem.message == ignored_value("ca_bundle", '"no-such-ca.pem"', msg(C.CA_MISSING, missing))


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
    assert set(loaded.problems) == {
        ConfigProblem(
            env("ESTATE_CONNECT_TIMEOUT"),
            ignored_value("connect_timeout_s", '"abc"', msg(C.SECONDS_RANGE, 0.1, 60)),
        ),
        ConfigProblem(
            env("ESTATE_PHONE_RESERVE"), ignored_value("phone_reserve_size", '"99"', msg(C.RESERVE_RANGE, 0, 20))
        ),
        ConfigProblem(
            env("ESTATE_SERVER_URL"),
            ignored_value(
                "server_url",
                '"127.0.0.1:8080/estate"',
                NO_SCHEME,
            ),
        ),
    }
    assert all(p.source.line is None for p in loaded.problems)
    assert loaded.origins == {"connect_timeout_s": user_file(user, 1)}  # a refused value locks nothing
    where = {p.located().args[0] for p in loaded.problems}
    assert msg(C.SOURCE_ENV, "ESTATE_PHONE_RESERVE") in where


def test_bad_flag_is_reported_and_ignored() -> None:
    loaded = load(env={"ESTATE_SERVER_URL": "http://127.0.0.1:5/estate"}, flags={"server": "127.0.0.1:6"})
    assert loaded.settings.server_url == "http://127.0.0.1:5/estate"
    problem = only_problem(loaded)
    assert problem.source == flag("--server")
    assert problem.located().args[0] == msg(C.SOURCE_FLAG, "--server")
    assert loaded.origin("server_url") == env("ESTATE_SERVER_URL")


def test_data_dir_is_refused_in_the_user_file_only(tmp_path: Path) -> None:
    default = write(tmp_path / "default_config.toml", f'data_dir = "{(tmp_path / "it").as_posix()}"\n')
    user = write(tmp_path / "config.toml", f'data_dir = "{(tmp_path / "user").as_posix()}"\n')
    loaded = load(default, user)
    assert loaded.settings.data_dir == tmp_path / "it"
    problem = only_problem(loaded)
    assert problem == ConfigProblem(user_file(user, 1), msg(C.IGNORED, msg(C.DATA_DIR_IN_USER_FILE)))


def test_all_bad_at_once_still_yields_defaults(tmp_path: Path) -> None:
    default = write(tmp_path / "default_config.toml", "this is not toml\n")
    user = write(tmp_path / "config.toml", 'nonsense = 1\nlang = "xx"\nread_timeout_s = "slow"\n')
    environ = {"ESTATE_READ_TIMEOUT": "-3", "ESTATE_LANG": "klingon"}
    loaded = load(default, user, environ, {"lang": "??", "server": "nowhere"})
    assert loaded.settings == Settings()
    assert loaded.origins == {}
    assert len(loaded.problems) == 1 + 3 + 2 + 2
    assert [p.source.layer for p in loaded.problems] == [Layer.IT_FILE] + [Layer.USER_FILE] * 3 + [
        Layer.ENV
    ] * 2 + [Layer.FLAG] * 2
    for problem in loaded.problems:
        assert problem.message.code in (C.IGNORED, C.FILE_NOT_TOML)  # both say "ignored"


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
    assert problem.source == user_file(folder)
    assert problem.message.code is C.FILE_UNREADABLE
    assert problem.located().args[0] == msg(C.SOURCE_FILE, str(folder))


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
    assert set(loaded.origins) == set(KEYS)
    assert all(source.layer is Layer.IT_FILE and source.line for source in loaded.origins.values())


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
    assert loaded.origin("lang") == user_file(paths.config_file, 1)


def test_startup_without_data_dir_uses_the_default_folders(tmp_path: Path) -> None:
    fake = AppPaths.under(tmp_path / "platform")
    save_user_settings(fake.config_file, {"machine_no": "from-user"})
    paths, loaded = load_for_startup(default_file=None, environ={}, flags={}, default_paths=lambda: fake)
    assert paths == fake
    assert loaded.settings.machine_no == "from-user"


def test_default_config_file_outside_the_bundle_is_the_template() -> None:
    assert default_config_file() == DEFAULT_TEMPLATE
    assert DEFAULT_TEMPLATE.is_file()
