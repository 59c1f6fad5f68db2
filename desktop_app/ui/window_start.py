"""One window per data folder and OS user, as the window starts.

Before the first paint the start only asks whether a window already runs for the folder
(and, if one does, asks it to come to the front and ends: ``Exit.OK``, or
``Exit.ALREADY_RUNNING`` when it does not answer). After the paint it claims the
folder (``single_instance.start_or_ask``, under the election lock) and serves later
starts; should another start have won the race meanwhile, it ends the same way.
Split so that the check, not the server, is what the first paint waits for.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from desktop_app.paths import AppPaths

from .instance_place import Place, place_for

if TYPE_CHECKING:  # QtNetwork: loaded only when another window may run, or after the paint
    from .single_instance import InstanceServer, Reply

log = logging.getLogger(__name__)


def running_elsewhere(paths: AppPaths, lang: str) -> int | None:
    """The exit code when a window already runs for this folder (brought forward); else None.

    Where no socket file exists nobody listens: no connection is tried.
    """
    place = place_for(paths.data_dir)
    if nobody_listens(place):
        return None
    from .single_instance import ACTIVATE, ask

    reply = ask(place.server, ACTIVATE)
    return None if reply is None else _already_running(reply, paths, lang)


def claim_folder(paths: AppPaths, lang: str) -> InstanceServer | int:
    """This window's claim to the folder, or the exit code when another start has it."""
    from .single_instance import ACTIVATE, InstanceServer, start_or_ask

    outcome = start_or_ask(place_for(paths.data_dir), ACTIVATE)
    if isinstance(outcome, InstanceServer):
        return outcome
    return _already_running(outcome, paths, lang)


def nobody_listens(place: Place) -> bool:
    """True when certainly no program listens at ``place`` (Unix: no socket file; a file left
    by a crash still needs a connection attempt). Windows pipes cannot be looked at so."""
    return sys.platform != "win32" and not os.path.exists(place.server)


def _already_running(reply: Reply, paths: AppPaths, lang: str) -> int:
    from desktop_app.cli.exit_codes import Exit
    from desktop_app.cli.words import printer
    from desktop_app.domain.codes import CommandCode
    from desktop_app.domain.messages import msg

    if reply.ok:
        printer(lang)(msg(CommandCode.ALREADY_RUNNING_ACTIVATED))
        return Exit.OK
    log.warning("a program runs for %s but did not answer: %s", paths.data_dir, reply.data)
    printer(lang, _print_to_stderr)(msg(CommandCode.ALREADY_RUNNING_NO_REPLY, str(paths.data_dir)))
    return Exit.ALREADY_RUNNING


def _print_to_stderr(text: str) -> None:
    print(text, file=sys.stderr)
