"""The choices of the 历史 view's filters: the projects and results this agent has recorded.

Read once when the view is first shown, on the background pool (a scan of the agent's
calls: never on the UI thread).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from desktop_app.domain.writes import WriteKind

from .errors import guarded


@dataclass(frozen=True)
class HistoryFilters:
    projects: tuple[tuple[int, str], ...]  # (pro_id, pro_name), by name
    items: tuple[str, ...]  # feedback results, by name


@guarded
def history_filters(db: sqlite_utils.Database, user_id: int) -> HistoryFilters:
    projects = db.execute(
        "SELECT pro_id, max(pro_name) FROM call_log WHERE user_id = ? AND pro_id IS NOT NULL"
        " GROUP BY pro_id ORDER BY 2",
        (user_id,),
    ).fetchall()
    items = db.execute(
        "SELECT DISTINCT item_name FROM call_log WHERE user_id = ? AND kind = ? AND item_name != ''"
        " ORDER BY 1",
        (user_id, WriteKind.FEEDBACK.value),
    ).fetchall()
    return HistoryFilters(tuple((int(p), str(n)) for p, n in projects), tuple(str(i[0]) for i in items))
