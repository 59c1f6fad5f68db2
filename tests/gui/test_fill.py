"""Placeholders are filled in one pass, as QString.arg does."""

from __future__ import annotations

from desktop_app.ui.i18n import fill


def test_fills_each_placeholder_once() -> None:
    assert fill("%1 与 %2", "张%2", "李") == "张%2 与 李"


def test_two_digit_placeholders_and_missing_arguments() -> None:
    args = [str(i) for i in range(1, 11)]
    assert fill("%10-%1", *args) == "10-1"
    assert fill("%1 %3", "a") == "a %3"
