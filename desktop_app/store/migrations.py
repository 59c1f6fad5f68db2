"""The schema of the local database, as numbered steps applied once each.

sqlite-utils' ``Migrations`` records every applied step in ``_sqlite_migrations``; a
new release only adds steps at the end, never edits an applied one. ``migrate`` runs
the pending steps under one write lock, so two programs opening the same file at the
same moment cannot apply a step twice.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .transaction import write_transaction

MIGRATION_SET = "estate_call"

migrations = Migrations(MIGRATION_SET)


def _run(db: sqlite_utils.Database, *statements: str) -> None:
    for statement in statements:
        db.execute(statement)


@migrations(name="0001_outbox_and_call_log")
def _outbox_and_call_log(db: sqlite_utils.Database) -> None:
    _run(
        db,
        """
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            client_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            user_id INTEGER NOT NULL,
            created_at REAL NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL,
            state TEXT NOT NULL CHECK (state IN
                ('queued', 'in_flight', 'uncertain', 'sent', 'needs_attention', 'discarded')),
            last_error TEXT,
            sent_at REAL,
            was_uncertain INTEGER NOT NULL DEFAULT 0,
            maybe_duplicate INTEGER NOT NULL DEFAULT 0,
            updated_at REAL NOT NULL
        )
        """,
        "CREATE INDEX outbox_created ON outbox (created_at, seq)",
        # The rows still to send are found by state: few, however long the history grows.
        "CREATE INDEX outbox_state ON outbox (state)",
        """
        CREATE TABLE outbox_audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            client_id TEXT NOT NULL REFERENCES outbox (client_id),
            action TEXT NOT NULL,
            old_payload TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            at REAL NOT NULL
        )
        """,
        "CREATE INDEX outbox_audit_client ON outbox_audit (client_id)",
        """
        CREATE TABLE call_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            client_id TEXT NOT NULL REFERENCES outbox (client_id),
            user_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            pro_id INTEGER,
            pro_name TEXT NOT NULL DEFAULT '',
            package_id INTEGER,
            package_name TEXT NOT NULL DEFAULT '',
            phone_id INTEGER,
            phone_no TEXT NOT NULL DEFAULT '',
            owner_name TEXT NOT NULL DEFAULT '',
            item_name TEXT NOT NULL DEFAULT '',
            customer_name TEXT NOT NULL DEFAULT '',
            duration_s REAL,
            created_at REAL NOT NULL
        )
        """,
        "CREATE INDEX call_log_time ON call_log (created_at)",
        "CREATE INDEX call_log_client ON call_log (client_id)",
    )


@migrations(name="0002_cache_cards_reserve_prefs")
def _cache_cards_reserve_prefs(db: sqlite_utils.Database) -> None:
    _run(
        db,
        """
        CREATE TABLE reference_cache (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            fetched_at REAL NOT NULL
        )
        """,
        """
        CREATE TABLE current_card (
            user_id INTEGER PRIMARY KEY,
            pro_id INTEGER NOT NULL,
            pro_name TEXT NOT NULL,
            package_id INTEGER NOT NULL,
            package_name TEXT NOT NULL,
            phone_id INTEGER NOT NULL,
            phone_no TEXT NOT NULL,
            owner_name TEXT NOT NULL,
            shown_at REAL NOT NULL
        )
        """,
        """
        CREATE TABLE phone_reserve (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL,
            package_id INTEGER NOT NULL,
            phone_id INTEGER NOT NULL,
            phone_no TEXT NOT NULL,
            owner_name TEXT NOT NULL,
            fetched_at REAL NOT NULL,
            UNIQUE (user_id, package_id, phone_id)
        )
        """,
        "CREATE INDEX phone_reserve_order ON phone_reserve (user_id, package_id, seq)",
        """
        CREATE TABLE prefs (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at REAL NOT NULL
        )
        """,
    )


@migrations(name="0003_login_verifiers")
def _login_verifiers(db: sqlite_utils.Database) -> None:
    _run(
        db,
        """
        CREATE TABLE login_verifiers (
            user_num TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL,
            user_name TEXT NOT NULL,
            salt BLOB NOT NULL,
            hash BLOB NOT NULL,
            n INTEGER NOT NULL,
            r INTEGER NOT NULL,
            p INTEGER NOT NULL,
            dklen INTEGER NOT NULL,
            remembered_at REAL NOT NULL
        )
        """,
    )


@migrations(name="0004_outbox_revision")
def _outbox_revision(db: sqlite_utils.Database) -> None:
    """Every change to an outbox row takes the next revision number, so a view of the day
    reads only what changed since its last look instead of the whole day again."""
    _run(
        db,
        "ALTER TABLE outbox ADD COLUMN rev INTEGER NOT NULL DEFAULT 0",
        "UPDATE outbox SET rev = seq",
        "CREATE INDEX outbox_rev ON outbox (rev)",
        """
        CREATE TRIGGER outbox_rev_on_insert AFTER INSERT ON outbox
        BEGIN
            UPDATE outbox SET rev = (SELECT MAX(rev) FROM outbox) + 1 WHERE seq = NEW.seq;
        END
        """,
        """
        CREATE TRIGGER outbox_rev_on_update AFTER UPDATE ON outbox WHEN NEW.rev = OLD.rev
        BEGIN
            UPDATE outbox SET rev = (SELECT MAX(rev) FROM outbox) + 1 WHERE seq = NEW.seq;
        END
        """,
    )


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply the pending steps; returns their names (empty when the schema is current)."""
    with write_transaction(db):
        pending = [m.name for m in migrations.pending(db)]
        if pending:
            migrations.apply(db)
    return pending


def applied(db: sqlite_utils.Database) -> list[str]:
    """Names of the steps applied to this file, in order."""
    return [m.name for m in migrations.applied(db)]


# -- callbacks, call notes and the history's search (local only, never sent) ------------


@migrations(name="0005_callbacks")
def _callbacks(db: sqlite_utils.Database) -> None:
    """预约回访: one agent's promise to call a number again at a time; at most one open per number."""
    _run(
        db,
        """
        CREATE TABLE callbacks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL,
            phone_no TEXT NOT NULL,
            owner_name TEXT NOT NULL DEFAULT '',
            pro_id INTEGER,
            pro_name TEXT NOT NULL DEFAULT '',
            package_id INTEGER,
            package_name TEXT NOT NULL DEFAULT '',
            phone_id INTEGER,
            due_at REAL NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_from TEXT,
            created_at REAL NOT NULL,
            scheduled_at REAL NOT NULL,
            state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'cancelled')),
            done_at REAL,
            done_by TEXT,
            updated_at REAL NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX callbacks_open_number ON callbacks (user_id, phone_no) WHERE state = 'open'",
        "CREATE INDEX callbacks_agenda ON callbacks (user_id, state, due_at)",
    )


@migrations(name="0006_call_notes")
def _call_notes(db: sqlite_utils.Database) -> None:
    """A short local note per call (by the write's client id); a draft for the card has none yet."""
    _run(
        db,
        """
        CREATE TABLE call_notes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            client_id TEXT UNIQUE,
            user_id INTEGER NOT NULL,
            phone_no TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX call_notes_draft ON call_notes (user_id, phone_no) WHERE client_id IS NULL",
    )


# The history search index (step 0007): every run of SEARCH_GRAM_WIDTH characters of the
# first SEARCH_INDEXED_CHARS characters of a number or name is one token. Fixed by that
# step; the query side (store.history) builds its tokens with the same width.
SEARCH_GRAM_WIDTH = 3
SEARCH_INDEXED_CHARS = 32
SEARCH_TABLE = "call_search"


def _grams_sql(column: str) -> str:
    """SQL for the space-separated runs of a column's text, one starting at each character."""
    return " || ' ' || ".join(
        f"substr({column}, {i}, {SEARCH_GRAM_WIDTH})" for i in range(1, SEARCH_INDEXED_CHARS + 1)
    )


def _search_values(row: str) -> str:
    return ", ".join(_grams_sql(f"{row}.{c}") for c in ("phone_no", "owner_name", "customer_name"))


@migrations(name="0007_history_indexes")
def _history_indexes(db: sqlite_utils.Database) -> None:
    """One agent's calls by time and by number, and a substring index of numbers and names.

    The index is an FTS5 table without content whose tokens are the 3-character runs
    starting at each character (and the 2- and 1-character runs at the end), with
    prefix indexes of 1 and 2 characters: any part of a number or a name is then a
    phrase or a prefix query, answered without reading the call log. A build of SQLite
    without FTS5 skips it; the history then scans (slower, same answers).
    """
    _run(
        db,
        "CREATE INDEX call_log_user_time ON call_log (user_id, created_at)",
        "CREATE INDEX call_log_user_phone ON call_log (user_id, phone_no, created_at)",
    )
    try:
        db.execute(
            f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5(phone, owner, customer,"
            " content='', tokenize='unicode61', prefix='1 2')"
        )
    except sqlite3.OperationalError:  # no FTS5 in this SQLite
        return
    insert_new = f"INSERT INTO {SEARCH_TABLE} (rowid, phone, owner, customer) VALUES (new.id, {_search_values('new')});"
    delete_old = (
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rowid, phone, owner, customer)"
        f" VALUES ('delete', old.id, {_search_values('old')});"
    )
    _run(
        db,
        f"INSERT INTO {SEARCH_TABLE} (rowid, phone, owner, customer)"
        f" SELECT id, {_search_values('call_log')} FROM call_log",
        f"CREATE TRIGGER call_search_insert AFTER INSERT ON call_log BEGIN {insert_new} END",
        f"CREATE TRIGGER call_search_delete AFTER DELETE ON call_log BEGIN {delete_old} END",
        "CREATE TRIGGER call_search_update AFTER UPDATE OF phone_no, owner_name, customer_name"
        f" ON call_log BEGIN {delete_old} {insert_new} END",
    )


@migrations(name="0008_outbox_undo_hold")
def _outbox_undo_hold(db: sqlite_utils.Database) -> None:
    """The undo window: a row held until ``hold_until`` by the process ``hold_owner``.

    A hold of its own, apart from the retry time (立即同步 moves that, never this). A
    hold belongs to one run of the program: the next start releases every hold of an
    earlier run, so a write held when the program died is sent after all.
    """
    _run(
        db,
        "ALTER TABLE outbox ADD COLUMN hold_until REAL",
        "ALTER TABLE outbox ADD COLUMN hold_owner TEXT",
    )


@migrations(name="0009_call_log_superseded")
def _call_log_superseded(db: sqlite_utils.Database) -> None:
    """A corrected call whose first write had already left: its log row points to the write
    that carries the new result, so the call is counted once, with its latest result."""
    _run(
        db,
        "ALTER TABLE call_log ADD COLUMN superseded_by TEXT",
        "CREATE INDEX call_log_superseded ON call_log (superseded_by) WHERE superseded_by IS NOT NULL",
    )


# -- honest times: time on card that stops while the program is closed, and 拨号 to result --


@migrations(name="0010_card_time_and_dial_time")
def _card_time_and_dial_time(db: sqlite_utils.Database) -> None:
    """The current card keeps the seconds it was on screen before ``shown_at`` (its
    shown-since), so a restart does not count the time the program was closed, and when
    拨号 (F4) was pressed; the call log keeps the seconds from that 拨号 to the feedback."""
    _run(
        db,
        "ALTER TABLE current_card ADD COLUMN shown_s REAL NOT NULL DEFAULT 0",
        "ALTER TABLE current_card ADD COLUMN dialed_at REAL",
        "ALTER TABLE call_log ADD COLUMN dial_s REAL",
    )


@migrations(name="0011_outbox_claim_owner")
def _outbox_claim_owner(db: sqlite_utils.Database) -> None:
    """A row in flight names its owner and the end of its lease (see ``claim_owner``): no
    other process takes it over while that owner lives and the lease runs. A row left in
    flight by an older version has no owner: it counts as abandoned."""
    _run(
        db,
        "ALTER TABLE outbox ADD COLUMN claimed_by TEXT",
        "ALTER TABLE outbox ADD COLUMN lease_until REAL",
    )


@migrations(name="0012_outbox_server")
def _outbox_server(db: sqlite_utils.Database) -> None:
    """Each row names the entry server it was made for and is sent only there. Rows made
    before this step have none yet: the first open that knows the configured server binds
    them to it (``bound_server.bind_unbound``)."""
    _run(
        db,
        "ALTER TABLE outbox ADD COLUMN server TEXT",
        "CREATE INDEX outbox_server_state ON outbox (server, state)",
    )
