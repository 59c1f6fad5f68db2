"""Qt-free local database of this PC: the outbox of writes, the call log, cached lists,
the current phone card and reserve, preferences and the offline-login verifier."""

from .cache import ReferenceCache
from .calllog import CallLog, CallLogRow
from .cards import CardStore, PhoneCard, PhoneReserve
from .db import DB_FILENAME, LocalStore
from .errors import OutboxStateError, StoreBusy, StoreCorrupt, StoreError, StoreFull, StoreReadOnly
from .outbox import CallLogEntry, Outbox, OutboxItem, Outcome, State
from .prefs import Prefs
from .verifier import LoginVerifiers

__all__ = [
    "DB_FILENAME",
    "CallLog",
    "CallLogEntry",
    "CallLogRow",
    "CardStore",
    "LocalStore",
    "LoginVerifiers",
    "Outbox",
    "OutboxItem",
    "OutboxStateError",
    "Outcome",
    "PhoneCard",
    "PhoneReserve",
    "Prefs",
    "ReferenceCache",
    "State",
    "StoreBusy",
    "StoreCorrupt",
    "StoreError",
    "StoreFull",
    "StoreReadOnly",
]
