"""Words in the agent's language: placeholders filled the way ``QString.arg`` fills them."""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"%([1-9][0-9]?)")


def fill(template: str, *args: object) -> str:
    """``%1``, ``%2`` … replaced by ``args`` in one pass.

    One pass, so an argument that itself contains ``%2`` (a customer named so) is
    never filled again; a placeholder with no argument stays as it is.
    """

    def one(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(args[index]) if index < len(args) else match.group(0)

    return _PLACEHOLDER.sub(one, template)
