"""A read whose cost grows with the rows, made by the window on the GUI thread, fails the test.

The window must stay live however long the day's tables grow, so the GUI thread may
only touch a bounded number of rows per statement: a row looked up by a unique key, or
the agent's own commit. Everything that scans, lists a day or counts belongs on the
background pool. The guard sees every statement of every connection opened on the GUI
thread (``sqlite3``'s trace callback), keeps those the program's UI code issued (not the
test's own setup and checks), and asks SQLite how it would run each one
(``EXPLAIN QUERY PLAN``, on a separate connection):

- ``SCAN`` of a table (with or without an index) grows with the table;
- ``SEARCH`` is one row only when it is by equality on every column of a unique key
  (the integer primary key, a primary key, or a unique index); a range, or a key that
  is not unique, grows with what matches;
- ``PRAGMA integrity_check`` / ``quick_check`` read the whole file.

``BOUNDED`` names the few tables whose rows are few by the program's own rule, with
why. A test that builds a view without a background pool (the view then reads at once,
on purpose) says so with ``@pytest.mark.gui_reads("why")``.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
UI = str(ROOT / "desktop_app" / "ui") + "/"
TESTS = str(ROOT / "tests") + "/"

MARKER = "gui_reads"

# Tables whose size the program keeps small, whatever the day: reads of them may stay.
BOUNDED = {
    "phone_reserve": "holds at most phone_reserve_size phones per package (setting, default 3)",
    "call_search_config": "the full-text index's own settings, read by SQLite on a call-log insert",
}

# Keys that are one row by the program's rule, though the schema does not say UNIQUE.
ONE_ROW_KEYS = {
    ("call_log", ("client_id",)): "a write's call-log row is made with it, once",
}

_SEARCH = re.compile(
    r"^SEARCH (?:\w+\.)?(?P<table>\S+)(?: AS \S+)? USING "
    r"(?:(?P<rowid>INTEGER PRIMARY KEY)|(?P<pk>PRIMARY KEY)|(?:COVERING )?INDEX (?P<index>\S+))"
    r" \((?P<terms>.*)\)$"
)
_SCAN = re.compile(r"^SCAN (?:\w+\.)?(?P<table>\S+)")
_EQUAL = re.compile(r"^(?P<column>\w+)=\?$")
_WHOLE_FILE = re.compile(r"^\s*PRAGMA\s+(\w+\.)?(integrity_check|quick_check)", re.IGNORECASE)
_PLANNED = re.compile(r"^\s*(SELECT|WITH|INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


@dataclass
class Guard:
    """The growing statements seen so far, and the plans already judged (by SQL text)."""

    found: list[str] = field(default_factory=list)
    judged: dict[tuple[str, str], str | None] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def statement(self, path: str, sql: str) -> None:
        if sql.lstrip().startswith("--") or not issued_by_the_ui():
            return
        key = (path, sql)
        with self.lock:
            if key not in self.judged:
                self.judged[key] = growing(path, sql)
            why = self.judged[key]
            if why is not None:
                self.found.append(f"{why}: {' '.join(sql.split())[:300]}")


def issued_by_the_ui() -> bool:
    """The innermost frame of the program's UI or of a test decides whose statement it is."""
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename
        if name == __file__:
            pass  # the guard's own frames
        elif name.startswith(UI):
            return True
        elif name.startswith(TESTS):
            return False
        frame = frame.f_back  # type: ignore[assignment]
    return False


def growing(path: str, sql: str) -> str | None:
    """Why this statement's cost grows with the rows, or None when it touches a bounded few."""
    if _WHOLE_FILE.match(sql):
        return "a check of the whole file"
    if not _PLANNED.match(sql):
        return None  # BEGIN, COMMIT, SAVEPOINT, a connection's own PRAGMAs
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as side:
        try:
            plan = [row[3] for row in side.execute("EXPLAIN QUERY PLAN " + sql)]
        except sqlite3.Error as exc:
            return f"no plan ({exc})"
        for step in plan:
            why = _step_grows(side, step)
            if why is not None:
                return why
    return None


def _step_grows(side: sqlite3.Connection, step: str) -> str | None:
    if step.startswith(("SCAN CONSTANT ROW", "SCAN (", "USE TEMP B-TREE", "CO-ROUTINE")):
        return None
    scan = _SCAN.match(step)
    if scan is not None:
        return None if scan["table"] in BOUNDED else f"{step}"
    search = _SEARCH.match(step)
    if search is None:
        return None  # MATERIALIZE, LIST SUBQUERY, COMPOUND …: their own steps are judged
    table = search["table"]
    if table in BOUNDED:
        return None
    if search["rowid"]:
        return None if _all_equal(search["terms"]) else f"{step} (a range)"
    terms = search["terms"].split(" AND ")
    columns = [m["column"] for m in map(_EQUAL.match, terms) if m is not None]
    if len(columns) != len(terms):
        return f"{step} (a range)"
    if (table, tuple(sorted(columns))) in ONE_ROW_KEYS:
        return None
    unique = _unique_keys(side, table)
    if search["pk"]:
        keys = [key for name, key in unique if name == "pk"]
    else:
        keys = [key for name, key in unique if name == search["index"]]
    if not any(set(key) == set(columns) for key in keys):
        return f"{step} (not a unique key)"
    return None


def _all_equal(terms: str) -> bool:
    return all(_EQUAL.match(term) for term in terms.split(" AND "))


def _unique_keys(side: sqlite3.Connection, table: str) -> list[tuple[str, list[str]]]:
    keys = []
    for _seq, name, unique, *_ in side.execute(f"PRAGMA index_list([{table}])"):
        if unique:
            columns = [row[2] for row in side.execute(f"PRAGMA index_info([{name}])")]
            keys.append((name, columns))
    pk = [row[1] for row in side.execute(f"PRAGMA table_info([{table}])") if row[5]]
    if pk:
        keys.append(("pk", pk))
    return keys


@contextmanager
def watching(store_class: Any) -> Iterator[Guard]:
    """Every connection ``store_class`` opens on this (the GUI) thread is watched while the block runs."""
    guard = Guard()
    gui_thread = threading.get_ident()
    original: Callable[[Any], Any] = store_class._connect

    def connect(store: Any) -> Any:
        db = original(store)
        if threading.get_ident() == gui_thread:
            path = str(store.path)
            db.conn.set_trace_callback(lambda sql: guard.statement(path, sql))
        return db

    store_class._connect = connect
    try:
        yield guard
    finally:
        store_class._connect = original
