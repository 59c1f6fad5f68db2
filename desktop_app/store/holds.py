"""The one definition of a held outbox row (the undo window), shared by every SQL that asks.

A row is held while ``hold_until`` lies ahead: the sync engine does not claim it, so
the agent can still take it back (Ctrl+Z) or correct it. The hold names the process
that set it (``hold_owner``, a ``ClaimOwner`` key, as a claim does): a start of the
program (the window, or ``--sync`` from a scheduled task) releases only the holds whose
owner is certainly gone (``claim_owner.certainly_gone``), so a crash inside the window
never keeps a write from the server, while the window of a process that still runs is
never cut short by another. Besides that, only the end of the window, an undo, a
correction, a logout or quitting release a hold early; 立即同步 and the retry times do not touch it.
"""

from __future__ import annotations

from .claim_owner import this_process

# This process: the owner of the holds it sets.
HOLD_OWNER = this_process().key()

# Not held at time ``?`` (the one parameter): what the engine may claim.
NOT_HELD_SQL = "(hold_until IS NULL OR hold_until <= ?)"
# Held at time ``?``: what an undo or a correction may still take back.
HELD_SQL = "(hold_until IS NOT NULL AND hold_until > ?)"
