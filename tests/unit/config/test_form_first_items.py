"""``form_first_items``: the feedback items whose key opens the customer form first (IT's file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.config import InvalidValue, Settings, coerce, load_settings
from desktop_app.domain.codes import ConfigCode
from desktop_app.domain.messages import msg


def load_it_file(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "default_config.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(default_file=path, user_file=None, environ={}, flags={}).settings


def test_accepting_the_invitation_opens_the_form_first_by_default() -> None:
    assert Settings().form_first_items == ("接受邀请",)


def test_it_names_the_items_or_none(tmp_path: Path) -> None:
    settings = load_it_file(tmp_path, 'form_first_items = ["接受邀请", " 继续跟进 ", "接受邀请", ""]\n')
    assert settings.form_first_items == ("接受邀请", "继续跟进")
    assert load_it_file(tmp_path, "form_first_items = []\n").form_first_items == ()


@pytest.mark.parametrize("value", ["接受邀请", [1], True, {"接受邀请": True}])
def test_anything_but_a_list_of_names_is_refused(value: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        coerce("form_first_items", value, None)
    assert caught.value.message == msg(ConfigCode.NOT_TEXT_LIST)
