"""The one definition of a held outbox row (the undo window), shared by every SQL that asks.

A row is held while ``hold_until`` lies ahead: the sync engine does not claim it, so
the agent can still take it back (Ctrl+Z) or correct it. The hold belongs to the run
of the program that set it (``HOLD_OWNER``, new at every start): the next start
releases the holds of earlier runs, so a crash inside the window never keeps a write
from the server. Only the end of the window, an undo, a correction, a logout or quitting
release a hold early; 立即同步 and the retry times do not touch it.
"""

from __future__ import annotations

import os
import uuid

# This run of the program: the owner of the holds it sets.
HOLD_OWNER = f"{os.getpid()}-{uuid.uuid4().hex}"

# Not held at time ``?`` (the one parameter): what the engine may claim.
NOT_HELD_SQL = "(hold_until IS NULL OR hold_until <= ?)"
# Held at time ``?``: what an undo or a correction may still take back.
HELD_SQL = "(hold_until IS NOT NULL AND hold_until > ?)"
