"""The configuration's messages in words: every ``ConfigCode`` in Chinese and English, filled in.

Also where the agent and IT meet them: the start-up notice, the settings dialog's
tooltips, and stderr of the command line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QMessageBox

from desktop_app import i18n_build
from desktop_app.app import build_application, main
from desktop_app.config import LoadedConfig, Settings, load_settings
from desktop_app.domain.codes import ConfigCode
from desktop_app.domain.messages import Message, msg
from desktop_app.paths import AppPaths
from desktop_app.ui.i18n.config_text import CONFIG_TEMPLATES
from desktop_app.ui.i18n.messages import render
from tests.helpers.cjk import has_cjk

_PLACEHOLDER = re.compile(r"%([1-9][0-9]?)")


@pytest.fixture
def english(qapp) -> Iterator[None]:
    """The English catalogue installed, and removed again (the QApplication is shared)."""
    (qm,) = i18n_build.build()
    translator = QTranslator()
    assert translator.load(str(qm))
    assert QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def every_code_filled() -> Iterator[tuple[Message, tuple[str, ...]]]:
    """Each code with as many distinct ASCII arguments as its template has placeholders."""
    for code in ConfigCode:
        count = len(set(_PLACEHOLDER.findall(CONFIG_TEMPLATES[code])))
        args = tuple(f"<arg{i}-{code.name}>" for i in range(1, count + 1))
        yield msg(code, *args), args


def load(tmp_path: Path, user_text: str, environ: dict[str, str] | None = None) -> LoadedConfig:
    user = tmp_path / "config.toml"
    user.write_text(user_text, encoding="utf-8")
    return load_settings(default_file=None, user_file=user, environ=environ or {}, flags={})


def test_every_code_has_one_template_with_numbered_placeholders() -> None:
    assert set(CONFIG_TEMPLATES) == set(ConfigCode)
    for code, template in CONFIG_TEMPLATES.items():
        numbers = sorted({int(n) for n in _PLACEHOLDER.findall(template)})
        assert numbers == list(range(1, len(numbers) + 1)), (code, template)


def test_every_code_renders_in_chinese_with_its_arguments(qapp) -> None:
    for message, args in every_code_filled():
        text = render(message)
        assert not _PLACEHOLDER.search(text), text
        assert all(arg in text for arg in args), text
        assert message.code.value not in text
        assert has_cjk(text) or message.code is ConfigCode.PROBLEM_AT, text


def test_every_code_renders_in_english_with_its_arguments(english: None) -> None:
    for message, args in every_code_filled():
        text = render(message)
        assert not _PLACEHOLDER.search(text), text
        assert all(arg in text for arg in args), text
        assert message.code.value not in text
        assert not has_cjk(text), text


def test_a_message_inside_a_message_is_rendered_too(english: None) -> None:
    nested = msg(ConfigCode.IGNORED, msg(ConfigCode.UNKNOWN_KEY, "%2 colour"))
    assert render(nested) == 'Unknown setting "%2 colour"; ignored'  # %2 in a value stays


def test_problems_read_as_before_in_chinese(qapp, tmp_path: Path) -> None:
    user = tmp_path / "config.toml"
    loaded = load(tmp_path, '# 我的设置\nmachine_no = "pc-1"\nsever_url = "http://127.0.0.1:9/estate"\n')
    (problem,) = loaded.problems
    assert render(problem.located()) == f'配置文件 {user} 第 3 行: 未知的设置项 "sever_url"，已忽略'

    loaded = load(tmp_path, "connect_timeout_s = 2\n", {"ESTATE_CONNECT_TIMEOUT": "abc"})
    (problem,) = loaded.problems
    assert render(problem.located()) == (
        '环境变量 ESTATE_CONNECT_TIMEOUT: 设置项 "connect_timeout_s" 的值 "abc" 无效: '
        "应为 0.1 到 60 之间的秒数，例如 3 或 2.5，已忽略"
    )

    loaded = load(tmp_path, 'lang = "en"\nphone_reserve_size = 4\nserver_url = http://localhost\n')
    (problem,) = loaded.problems
    text = render(problem.located())
    assert text.startswith(f"配置文件 {user} 第 3 行: 不是有效的 TOML 格式(")
    assert text.endswith("，整个文件已忽略")

    loaded = load(tmp_path, 'data_dir = "d"\n[server]\nurl = "x"\n')
    texts = [render(p.message) for p in loaded.problems]
    assert "--data-dir" in texts[0] and texts[0].endswith("，已忽略")
    assert texts[1] == '未知的设置项 "server"(设置都直接写成 键 = 值，不分 [小节])，已忽略'

    flagged = load_settings(default_file=None, user_file=None, environ={}, flags={"server": "127.0.0.1:6"})
    assert render(flagged.problems[0].located()).startswith("命令行 --server: ")


def test_problems_read_in_english(english: None, tmp_path: Path) -> None:
    user = tmp_path / "config.toml"
    loaded = load(tmp_path, 'sever_url = "x"\nphone_reserve_size = 99\n')
    assert [render(p.located()) for p in loaded.problems] == [
        f'In configuration file {user}, line 1: Unknown setting "sever_url"; ignored',
        f'In configuration file {user}, line 2: the value 99 of setting "phone_reserve_size" is not valid: '
        "Must be a whole number from 0 to 20 (0 turns the reserve of phone numbers off); ignored",
    ]


def test_the_start_up_notice_shows_the_problems_in_words(qtbot, tmp_path: Path) -> None:
    loaded = load(tmp_path, 'lang = "fr"\n')
    settings = Settings(server_url="http://127.0.0.1:9/estate", data_dir=tmp_path)
    application = build_application(
        settings, AppPaths.under(tmp_path), problems=[p.located() for p in loaded.problems], start_sync=False
    )
    try:
        box = application.login_window.findChild(QMessageBox, "noticeBox")
        assert box is not None and box.isVisible()
        assert f'配置文件 {tmp_path / "config.toml"} 第 1 行: 设置项 "lang" 的值 "fr" 无效' in box.text()
        assert "config.lang_unknown" not in box.text() and "config.ignored" not in box.text()  # no raw code
    finally:
        application.shutdown()


def test_the_command_line_prints_the_problems_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("ESTATE_SERVER_URL", "ESTATE_LANG", "ESTATE_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ESTATE_READ_TIMEOUT", "soon")
    assert main(["--data-dir", str(tmp_path), "--status"]) == 0
    err = capsys.readouterr().err
    assert '环境变量 ESTATE_READ_TIMEOUT: 设置项 "read_timeout_s" 的值 "soon" 无效' in err
