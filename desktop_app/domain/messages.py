"""What the core says, as a code with arguments, never as a sentence.

The core (``domain``, ``api``, ``store``, ``sync``, ``config``) reports a
``Message``; the window and the command line turn it into words in the agent's
language. A rewording of the words can then never break what the core means, and
a test can render every code there is (``domain.codes.ALL``) in every language.
The server's own words (an ``errmsg``) travel as plain ``str`` arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias


class MessageCode(StrEnum):
    """Base of every area's codes; the value is a stable dotted name like ``api.timeout``."""


# A value a message's words need: text and numbers as they are, a message rendered in
# turn, a tuple of texts as a list ("甲、乙" / "a, b").
Arg: TypeAlias = "str | int | float | Message | tuple[str, ...]"


@dataclass(frozen=True)
class Message:
    """A code and the values its words need (``%1``, ``%2`` … in order)."""

    code: MessageCode
    args: tuple[Arg, ...] = ()

    def __str__(self) -> str:
        """A language-free form for logs: ``api.timeout(…)``; never shown to an agent."""
        if not self.args:
            return str(self.code.value)
        return f"{self.code.value}({', '.join(_logged(a) for a in self.args)})"


def _logged(arg: Arg) -> str:
    return ", ".join(arg) if isinstance(arg, tuple) else str(arg)


def msg(code: MessageCode, *args: Arg) -> Message:
    """Shorthand: ``msg(ApiCode.TIMEOUT)``."""
    return Message(code, tuple(args))


class MessageError(Exception):
    """An error of the core that carries a ``Message`` for the agent."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message
