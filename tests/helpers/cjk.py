"""Whether text still holds Chinese: how the tests tell a translated string from a raw one."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def has_cjk(text: str) -> bool:
    return CJK.search(text) is not None
