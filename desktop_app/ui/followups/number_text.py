"""One number's history as the 历史 view shows it: calls with notes, customers, callbacks."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.phones import display_phone
from desktop_app.store.callbacks import CallbackState
from desktop_app.store.history import NumberHistory

from ..i18n import fill


def _when(ts: float) -> str:
    return f"{dt.datetime.fromtimestamp(ts):%Y-%m-%d %H:%M}"


def _state(state: CallbackState) -> str:
    return {
        CallbackState.OPEN: QCoreApplication.translate("NumberHistory", "待回访"),
        CallbackState.DONE: QCoreApplication.translate("NumberHistory", "已完成"),
        CallbackState.CANCELLED: QCoreApplication.translate("NumberHistory", "已取消"),
    }[state]


def number_html(found: NumberHistory) -> str:
    e = html.escape
    no_name = QCoreApplication.translate("NumberHistory", "(无姓名)")
    calls_title = fill(QCoreApplication.translate("NumberHistory", "通话 %1 次"), len(found.calls))
    note_word = QCoreApplication.translate("NumberHistory", "备注：%1")
    customers_title = QCoreApplication.translate("NumberHistory", "电子客")
    callbacks_title = QCoreApplication.translate("NumberHistory", "回访")
    owner = next((c.call.owner_name for c in found.calls if c.call.owner_name), "")
    parts = [f"<h3>{e(owner or no_name)} · {e(display_phone(found.phone_no))}</h3>"]
    parts.append(f"<b>{e(calls_title)}</b><ul>")
    for entry in found.calls:
        call = entry.call
        line = f"{_when(call.created_at)} · {e(call.pro_name)} · {e(call.item_name)}"
        if entry.note:
            line += f"<br/><i>{e(fill(note_word, entry.note))}</i>"
        parts.append(f"<li>{line}</li>")
    parts.append("</ul>")
    if found.customers:
        parts.append(f"<b>{e(customers_title)}</b><ul>")
        for customer in found.customers:
            call = customer.entry.call
            parts.append(f"<li>{_when(call.created_at)} · {e(call.customer_name)}</li>")
        parts.append("</ul>")
    if found.callbacks:
        parts.append(f"<b>{e(callbacks_title)}</b><ul>")
        for callback in found.callbacks:
            line = f"{_when(callback.due_at)} · {e(_state(callback.state))}"
            if callback.note:
                line += f" · {e(callback.note)}"
            parts.append(f"<li>{line}</li>")
        parts.append("</ul>")
    return "".join(parts)
