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

A 电子客 row shows what the agent typed in the form (its ``save_to_customer`` payload):
the phone typed (not the card's), 性别, 客户类型, 推荐项目 and 跟进. Two times are kept
apart and named for what they are: 卡片时长 (the card on screen until the feedback) and
拨号到结果 (from the dial key to the feedback, when it was used); neither is talk time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from desktop_app.domain.phones import display_phone
from desktop_app.domain.writes import WriteKind
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
    "gender",
    "customer_type",
    "recommend",
    "follow",
    "duration_s",
    "dial_s",
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


def _named(value: object, names: Mapping[str, str]) -> str:
    text = "" if value is None else str(value)
    return names.get(text, text)


def csv_row(
    row: CallLogRow,
    state: str,
    kind_names: Mapping[str, str],
    payload: Mapping[str, Any] | None = None,
    choice_names: Mapping[str, Mapping[str, str]] | None = None,
    note: str = "",
) -> list[str]:
    """The cells of one row, in the order of ``COLUMNS``.

    ``payload``: the row's ``save_to_customer`` body, for a 电子客 row; ``choice_names``
    the names of the codes of its pickers (``gender_type``, ``customer_type``); ``note``
    the agent's note on the call.
    """
    customer = payload or {}
    names = choice_names or {}
    phone = str(customer.get("customer_phone") or row.phone_no)
    return [
        _time(row.created_at),
        kind_names.get(row.kind, row.kind),
        row.pro_name,
        row.package_name,
        row.owner_name,
        display_phone(phone),
        row.item_name,
        row.customer_name,
        _named(customer.get("gender_type", ""), names.get("gender_type", {})),
        _named(customer.get("customer_type", ""), names.get("customer_type", {})),
        str(customer.get("recommend", "")),
        str(customer.get("follow_content", "")),
        _seconds(row.duration_s),
        _seconds(row.dial_s),
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
    customers: Mapping[str, Mapping[str, Any]] | None = None,
    choice_names: Mapping[str, Mapping[str, str]] | None = None,
) -> bytes:
    """The rows as CSV under ``header`` (one name per column of ``COLUMNS``).

    ``states`` maps a row's client_id to its outbox state as the agent reads it;
    ``kind_names`` a write kind (``savecallback``) to its name; ``notes`` a client_id
    to the agent's note on that call; ``customers`` a 电子客 row's client_id to its
    payload; ``choice_names`` a picker's field to its code names.
    """
    if len(header) != len(COLUMNS):
        raise ValueError(f"{len(COLUMNS)} column names expected, got {len(header)}")
    states = states or {}
    notes = notes or {}
    customers = customers or {}
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(list(header))
    for row in rows:
        payload = customers.get(row.client_id) if row.kind == WriteKind.CUSTOMER else None
        cells = csv_row(
            row, states.get(row.client_id, ""), kind_names, payload, choice_names, notes.get(row.client_id, "")
        )
        writer.writerow([safe_cell(cell) for cell in cells])
    return BOM + out.getvalue().encode("utf-8", errors="replace")
