"""The queue view's state column says 未确认 for a write the server never answered validly
for 20 tries, next to the rows that are merely uncertain."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.domain.codes import ApiCode
from desktop_app.domain.messages import msg
from desktop_app.domain.outbox_states import UNCONFIRMED_AFTER_TRIES
from desktop_app.store.db import LocalStore
from desktop_app.store.outbox import Outcome
from desktop_app.store.today_writes import read_all
from desktop_app.ui.queue.model import STATE, QueueModel
from tests.helpers import writes
from tests.helpers.writes import feedback

T0 = 1_800_000_000.0


def test_the_state_column_marks_unconfirmed_rows(qtbot: object, tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    try:
        outbox = store.outbox()
        ids = []
        for owner in ("很多次", "几次"):
            ids.append(writes.enqueue(store, feedback(owner), at=T0))
        for n in range(UNCONFIRMED_AFTER_TRIES):
            claimed = {i.client_id for i in outbox.claim_due(T0 + n, 10)}
            tries = [ids[0]] + ([ids[1]] if n < 3 else [])
            failed = [Outcome.retry(c, msg(ApiCode.READ_TIMEOUT), T0 + n, uncertain=True) for c in tries]
            outbox.record(failed, claimed - set(tries), T0 + n)
        model = QueueModel()
        model.show(read_all(outbox, T0 - 1, None), T0 + 60)
    finally:
        store.close()
    texts = {}
    for row in range(model.rowCount()):
        item = model.item(row)
        assert item is not None
        texts[item.payload["owner_name"]] = model.data(model.index(row, STATE), Qt.ItemDataRole.DisplayRole)
    assert texts == {"很多次": "未确认(将重试)", "几次": "不确定(将重试)"}
