"""The exit codes of every command, in one place (the README's command-line section lists them).

Scheduled tasks and IT scripts branch on them, so each means one thing everywhere.
"""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    NOT_DONE = 1  # --sync: writes still wait; --check-server: a check failed; --self-test: it failed
    USAGE = 2  # a bad argument or URL, or no server configured
    LOCAL_DATA = 3  # the data folder or its database cannot be used (a folder in its place, read-only…)
    ALREADY_RUNNING = 4  # the program already runs for this folder and user, and did not answer
