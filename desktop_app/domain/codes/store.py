"""Message codes of the store area (see domain.messages): the local database, the outbox states."""

from __future__ import annotations

from desktop_app.domain.messages import MessageCode


class StoreCode(MessageCode):
    """Codes with the prefix ``store.``."""

    # SQLite failures; %1 is SQLite's own words.
    DISK_FULL = "store.disk_full"
    READ_ONLY = "store.read_only"
    BUSY = "store.busy"
    DAMAGED = "store.damaged"
    FAILED = "store.failed"
    CANNOT_OPEN = "store.cannot_open"  # %1: the file, %2: why
    CLOSED = "store.closed"
    # The data folder cannot hold the database; %1: the path.
    PATH_IS_FOLDER = "store.path_is_folder"
    FOLDER_READ_ONLY = "store.folder_read_only"
    FILE_READ_ONLY = "store.file_read_only"
    # A damaged file was moved aside; %1: where it went, %2: how many outbox rows were rescued.
    MOVED_ASIDE = "store.moved_aside"
    NO_SERVER_TO_BIND = "store.no_server_to_bind"
    CANNOT_CACHE = "store.cannot_cache"  # %1: the list, %2: why
    NOT_SENDABLE = "store.not_sendable"  # %1: why the payload cannot be written as JSON
    # An outbox row that moved meanwhile; %1 is its state (one of the STATE_* below).
    ROW_MISSING = "store.row_missing"
    CANNOT_RESEND = "store.cannot_resend"
    CANNOT_DISCARD = "store.cannot_discard"
    CANNOT_CORRECT = "store.cannot_correct"  # %1: the state of the call's write
    # The outbox states, as the agent reads them (see domain.outbox_states).
    STATE_QUEUED = "store.state_queued"
    STATE_IN_FLIGHT = "store.state_in_flight"
    STATE_UNCERTAIN = "store.state_uncertain"
    STATE_SENT = "store.state_sent"
    STATE_SENT_MAYBE_TWICE = "store.state_sent_maybe_twice"
    STATE_ATTENTION = "store.state_attention"
    STATE_DISCARDED = "store.state_discarded"
    # Still to sync, but no valid answer for a long time (see outbox_states.is_unconfirmed).
    STATE_UNCONFIRMED = "store.state_unconfirmed"
