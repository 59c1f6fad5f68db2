"""Claimants for tests: a process that crashed (its rows may be taken over at once)."""

from __future__ import annotations

import dataclasses

from desktop_app.store.claim_owner import ClaimOwner, this_process
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import Outbox


def crashed_process() -> ClaimOwner:
    """An owner that is certainly gone: this process id with another start mark, as when the
    id was given to a new program after the owner died."""
    return dataclasses.replace(this_process().claimant(), start="t-1")


def outbox_of_crashed_process(store: LocalStore) -> Outbox:
    """The store's outbox as a process that will crash sees it: what it claims is abandoned."""
    return Outbox(store.db(), server=store.server_url, owner=crashed_process())
