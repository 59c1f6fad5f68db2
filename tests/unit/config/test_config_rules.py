"""Single values, as every layer and the settings dialog check them: codes, not words."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.config import (
    DIAL_SCHEMES,
    coerce,
    dial_link,
    validate_dial_template,
    validate_server_url,
    validate_value,
)
from desktop_app.domain import server_url
from desktop_app.domain.codes import ConfigCode as C
from desktop_app.domain.messages import msg


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
    ("template", "code"),
    [
        ("tel:{phon}", C.DIAL_NO_PLACEHOLDER),
        ("{phone", C.DIAL_NO_PLACEHOLDER),
        ("tel:", C.DIAL_NO_PLACEHOLDER),
        ("", C.DIAL_EMPTY),
        ("   ", C.DIAL_EMPTY),
        ("{phone}", C.DIAL_NO_SCHEME),
        ("13800138000{phone}", C.DIAL_NO_SCHEME),
        ("tel:{phone}{x}", C.DIAL_OTHER_BRACES),
        ("tel:{phone:>5}", C.DIAL_NO_PLACEHOLDER),
        ("tel:{{phone}}", C.DIAL_OTHER_BRACES),
        ("tel:{phone}}", C.DIAL_OTHER_BRACES),
        ("file:{phone}", C.DIAL_SCHEME_UNSUPPORTED),
        ("javascript:{phone}", C.DIAL_SCHEME_UNSUPPORTED),
        ("ms-msdt:{phone}", C.DIAL_SCHEME_UNSUPPORTED),
        ("tel: {phone}", C.DIAL_SPACE),
        ("https:{phone}", C.DIAL_WEB_FORM),
    ],
)
def test_dial_templates_refused(template: str, code: C) -> None:
    message = validate_dial_template(template)
    assert message is not None and message.code is code, message
    assert validate_value("dial_template", template) == message


def test_an_unsupported_dial_scheme_names_itself_and_the_allowed_ones() -> None:
    assert validate_dial_template("ftp:{phone}") == msg(
        C.DIAL_SCHEME_UNSUPPORTED, "ftp", "tel:, sip:, sips:, callto:, http:, https:"
    )
    assert len(DIAL_SCHEMES) == 6


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
    assert validate_server_url(url) == server_url.check(url)  # the one rule


def test_a_server_url_is_kept_in_its_one_spelling() -> None:
    assert coerce("server_url", "HTTPS://LocalHost:443/estate/", None) == "https://localhost/estate"
    assert coerce("server_url", "  ", None) is None


def test_validate_value_checks_types_ranges_and_names() -> None:
    assert validate_value("phone_reserve_size", 0) is None
    assert validate_value("phone_reserve_size", 20) is None
    assert validate_value("phone_reserve_size", 21) == msg(C.RESERVE_RANGE, 0, 20)
    assert validate_value("phone_reserve_size", True) == msg(C.RESERVE_RANGE, 0, 20)
    assert validate_value("connect_timeout_s", 2.5) is None
    assert validate_value("connect_timeout_s", float("nan")) == msg(C.SECONDS_RANGE, 0.1, 60)
    assert validate_value("request_deadline_s", "15") is None
    assert validate_value("request_deadline_s", 0.1) == msg(C.SECONDS_RANGE, 0.5, 600)
    assert validate_value("next_phone_after_feedback", False) is None
    assert validate_value("next_phone_after_feedback", "maybe") == msg(C.NOT_BOOLEAN)
    assert validate_value("lang", "en") is None
    assert validate_value("lang", "de") == msg(C.LANG_UNKNOWN)
    assert validate_value("machine_no", "x" * 65) == msg(C.MACHINE_NO, 64)
    assert validate_value("machine_no", 5) == msg(C.NOT_TEXT)
    assert validate_value("server_url", "") is None  # empty: no server set
    assert validate_value("sever_url", "x") == msg(C.UNKNOWN_KEY, "sever_url")


def test_words_for_true_and_false_and_relative_paths(tmp_path: Path) -> None:
    assert coerce("demo", "yes", None) is True
    assert coerce("demo", " 否 ", None) is False
    assert coerce("show_expired_projects", 1, None) is True
    assert coerce("data_dir", "data", tmp_path) == tmp_path / "data"
    assert coerce("data_dir", "", tmp_path) is None
    assert validate_value("ca_bundle", str(tmp_path / "gone.pem")) == msg(
        C.CA_MISSING, str(tmp_path / "gone.pem")
    )
