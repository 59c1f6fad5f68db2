"""The in-place customer form (电子客): which call it is for, and what opening, saving and
closing it does to the rest of the work screen.

The form stays the call's it was opened for: the card may change under it (the next
phone after a feedback), the customer is still queued for the call the agent meant.
Kept out of ``window`` so the window stays a shell that lists its parts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget

from desktop_app.store.cards import PhoneCard
from desktop_app.store.errors import StoreError

from ..i18n import fill
from ..i18n.messages import render
from ..widgets.customer_form import CustomerForm
from .call_flow import CallFlow
from .lists import ListLoader
from .phone_card import PhoneCardView
from .status_bar import SyncStatusBar


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorkWindow", text)


class CustomerFormFlow:
    """Opens the form for a call, queues what is saved, and gives the card back the keys."""

    def __init__(
        self,
        form: CustomerForm,
        flow: CallFlow,
        lists: ListLoader,
        tabs: QTabWidget,
        card_view: PhoneCardView,
        status_bar: SyncStatusBar,
    ) -> None:
        self._form, self._flow, self._lists, self._tabs = form, flow, lists, tabs
        self._card_view, self._status_bar = card_view, status_bar
        self.call: PhoneCard | None = None  # the call the form was opened for
        form.submitted.connect(self._submitted)
        form.cancelled.connect(self.close)

    def open(self, call: PhoneCard | None = None) -> None:
        """The form for ``call`` (default: the card shown); it stays that call's until closed."""
        card, project = call or self._flow.card, self._flow.project
        self.call = card
        self._tabs.setCurrentIndex(0)
        if card is not None:
            self._form.prefill(card.owner_name, card.phone_no, card.pro_name)
        else:
            self._form.prefill("", "", project.pro_name if project else "")
        self.apply_choices()
        self._form.show()
        self._form.setFocus()
        self._form.name_edit.setFocus()
        self._form.name_edit.selectAll()

    def open_for_previous(self) -> None:
        """添加到电子客 for the previous call (Ctrl+F2)."""
        previous = self._flow.previous
        if previous is not None:
            self.open(previous.card)

    def close(self) -> None:
        self._form.hide()
        self.call = None
        self._card_view.setFocus()
        self._flow.release()  # a call held for its customer: now the next card

    def apply_choices(self) -> None:
        """The gender and type lists, as the last load of the reference lists gave them."""
        choices = self._lists.choices
        if choices is not None:
            self._form.set_choices(choices.genders.items, choices.types.items)

    def _submitted(self, form: dict[str, object]) -> None:
        try:
            self._flow.add_customer(form, self.call)
        except StoreError as exc:
            self._status_bar.show_message(fill(_tr("没有保存！%1"), render(exc.message)), 15000)
            return
        self._status_bar.show_message(fill(_tr("已加入电子客：%1"), form.get("customer_name", "")))
        self._form.clear()
        self.close()
