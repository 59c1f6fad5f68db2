"""The message vocabulary: codes are unique across areas and carry their area's prefix."""

from __future__ import annotations

from desktop_app.domain.codes import ALL
from desktop_app.domain.messages import Message, msg


def test_every_code_is_unique_and_prefixed_by_its_area() -> None:
    seen: set[str] = set()
    for enum in ALL:
        area = enum.__name__.removesuffix("Code").lower()
        for code in enum:
            assert code.value.startswith(area + "."), code
            assert code.value not in seen, code
            seen.add(code.value)


def test_a_message_logs_without_words() -> None:
    codes = [code for enum in ALL for code in enum]
    if not codes:
        return
    m = msg(codes[0], "a", 2)
    assert m == Message(codes[0], ("a", 2))
    assert str(m) == f"{codes[0].value}(a, 2)"
