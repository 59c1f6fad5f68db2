"""The day's call log as a CSV file that Excel on a Chinese Windows opens correctly.

UTF-8 with a byte-order mark (without it Excel reads the file as GBK and shows
mojibake), CRLF line endings, every field quoted by the ``csv`` module where needed so
commas, quotes and line breaks in names stay inside their cell. A cell that would
start a spreadsheet formula (``= + - @``, or a tab / carriage return before one) gets
a leading apostrophe, so a name typed by a caller or a server can never run as a
formula on the team lead's PC. Phone numbers are written as ``domain.phones`` shows
them (``13800138000``, ``020-12345678``): no ``+86`` to escape, no landline losing its
leading 0. Qt-free and wordless: the column names, the kind names and the state of
each row come from the window, in the agent's language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence

from desktop_app.domain.phones import display_phone
from desktop_app.store.calllog import CallLogRow

BOM = b"\xef\xbb\xbf"
# The columns, in order; the window names each in the agent's language.
COLUMNS = (
    "time",
    "kind",
    "project",
    "package",
    "customer",
    "phone",
    "feedback",
    "customer_name",
    "duration_s",
    "state",
    "note",  # the agent's local note on the call (never sent to the server)
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """The text, with an apostrophe in front when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _time(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S")


def _seconds(value: float | None) -> str:
    return "" if value is None else str(round(value))


def csv_row(row: CallLogRow, state: str, kind_names: Mapping[str, str], note: str = "") -> list[str]:
    """The cells of one row, in the order of ``COLUMNS``."""
    return [
        _time(row.created_at),
        kind_names.get(row.kind, row.kind),
        row.pro_name,
        row.package_name,
        row.owner_name,
        display_phone(row.phone_no),
        row.item_name,
        row.customer_name,
        _seconds(row.duration_s),
        state,
        note,
    ]


def csv_bytes(
    rows: Iterable[CallLogRow],
    states: Mapping[str, str] | None = None,
    *,
    header: Sequence[str],
    kind_names: Mapping[str, str],
    notes: Mapping[str, str] | None = None,
) -> bytes:
    """The rows as CSV under ``header`` (one name per column of ``COLUMNS``).

    ``states`` maps a row's client_id to its outbox state as the agent reads it;
    ``kind_names`` a write kind (``savecallback``) to its name; ``notes`` a client_id
    to the agent's note on that call.
    """
    if len(header) != len(COLUMNS):
        raise ValueError(f"{len(COLUMNS)} column names expected, got {len(header)}")
    states = states or {}
    notes = notes or {}
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(list(header))
    for row in rows:
        cells = csv_row(row, states.get(row.client_id, ""), kind_names, notes.get(row.client_id, ""))
        writer.writerow([safe_cell(cell) for cell in cells])
    return BOM + out.getvalue().encode("utf-8", errors="replace")
