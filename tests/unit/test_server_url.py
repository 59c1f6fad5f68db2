"""The one server-URL rule and its one spelling (``domain.server_url``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import server_url
from desktop_app.domain.codes import ConfigCode as C
from desktop_app.domain.messages import msg


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/estate",
        "https://localhost:8443/estate/",
        "HTTP://127.0.0.1/estate",
        "http://[::1]:8080/estate",
        "https://call-1.example_corp.com",
        "http://user:secret@localhost/estate",
        "  http://localhost/estate  ",
    ],
)
def test_usable_urls(url: str) -> None:
    assert server_url.check(url) is None


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://127.0.0.1 /estate", msg(C.SERVER_URL_SPACE)),
        ("http://127.0.0.1/\x00", msg(C.SERVER_URL_CONTROL)),
        ("127.0.0.1:8080/estate", msg(C.SERVER_URL_NO_SCHEME, server_url.EXAMPLE)),
        ("ftp://127.0.0.1/estate", msg(C.SERVER_URL_SCHEME)),
        ("file:///etc/passwd", msg(C.SERVER_URL_SCHEME)),
        ("http://", msg(C.SERVER_URL_NO_HOST, server_url.EXAMPLE)),
        ("http:///estate", msg(C.SERVER_URL_NO_HOST, server_url.EXAMPLE)),
        ("http://:83/estate", msg(C.SERVER_URL_NO_HOST, server_url.EXAMPLE)),
        ("http://127.0.0.1:99999/estate", msg(C.SERVER_URL_BAD_PORT)),
        ("http://host:0", msg(C.SERVER_URL_BAD_PORT)),
        ("http://host:port", msg(C.SERVER_URL_BAD_PORT)),
        ("http://host:/estate", msg(C.SERVER_URL_BAD_PORT)),
        ("http://[", msg(C.SERVER_URL_BAD_HOST)),
        ("http://[::zz]/estate", msg(C.SERVER_URL_BAD_HOST)),
        ("http://999.1.1.1/estate", msg(C.SERVER_URL_BAD_HOST)),
        ("http://ho$t/estate", msg(C.SERVER_URL_BAD_HOST)),
        ("http://a..b/estate", msg(C.SERVER_URL_BAD_HOST)),
        ("http://127.0.0.1/estate?x=1", msg(C.SERVER_URL_QUERY, server_url.EXAMPLE)),
        ("http://127.0.0.1/estate#top", msg(C.SERVER_URL_QUERY, server_url.EXAMPLE)),
        ("http://127.0.0.1/estate?", msg(C.SERVER_URL_QUERY, server_url.EXAMPLE)),
    ],
)
def test_unusable_urls_say_why(url: str, problem: object) -> None:
    assert server_url.check(url) == problem
    with pytest.raises(server_url.ServerUrlError) as caught:
        server_url.normalize(url)
    assert caught.value.message == problem


@pytest.mark.parametrize(
    ("spellings", "normal"),
    [
        (
            ["http://localhost/estate", "HTTP://LOCALHOST/estate/", "http://localhost:80/estate", " http://Localhost/estate// "],
            "http://localhost/estate",
        ),
        (["https://Call.Example.com:443", "https://call.example.com/"], "https://call.example.com"),
        (["https://call.example.com:8443/Estate"], "https://call.example.com:8443/Estate"),
        (["http://[::1]:80/x", "http://[0:0::1]/x/"], "http://[::1]/x"),
        (["http://User:Pw@Host:8080/x"], "http://User:Pw@host:8080/x"),
    ],
)
def test_one_url_written_several_ways_normalizes_the_same(spellings: list[str], normal: str) -> None:
    assert {server_url.normalize(s) for s in spellings} == {normal}
    assert server_url.normalize(normal) == normal  # already in its one spelling


@given(st.text())
def test_normalizing_never_breaks_a_usable_url(text: str) -> None:
    if server_url.check(text) is not None:
        return
    normal = server_url.normalize(text)
    assert server_url.check(normal) is None
    assert server_url.normalize(normal) == normal
