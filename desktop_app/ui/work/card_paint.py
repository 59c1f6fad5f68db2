"""Paints what the call flow reports: the card, why there is none, where it is from.

``CallFlow`` draws nothing; this turns its signals into the card view and the feedback
keys (active only while a card is up). Kept out of ``window`` so the window stays a
shell that lists its parts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.store.cards import PhoneCard

from .call_flow import CallFlow
from .card_state import Why
from .feedback_bar import FeedbackBar
from .phone_card import PhoneCardView
from .texts import card_source_text, why_text


class CardPainter:
    """Connects to ``flow`` and keeps ``card_view`` and ``feedback`` in step with it."""

    def __init__(self, flow: CallFlow, card_view: PhoneCardView, feedback: FeedbackBar) -> None:
        self._flow, self._card_view, self._feedback = flow, card_view, feedback
        flow.cardChanged.connect(self._card_changed)
        flow.pending.connect(
            lambda: card_view.show_pending(QCoreApplication.translate("WorkWindow", "正在获取号码…"))
        )
        flow.emptied.connect(self._emptied)
        flow.noted.connect(lambda why: card_view.show_note(why_text(why, flow.session)))
        flow.fetchChanged.connect(card_view.set_can_fetch)
        flow.reserveChanged.connect(card_view.set_reserve)
        flow.packageChanged.connect(self.show_source)

    def show_source(self) -> None:
        """The card's project and package, marked when the pickers now name another one."""
        card, package = self._flow.card, self._flow.package
        if card is not None:
            other = package is not None and package.package_id != card.package_id
            self._card_view.show_source(card_source_text(card.pro_name, card.package_name, other), other)

    def _card_changed(self, card: PhoneCard | None) -> None:
        if card is not None:
            self._card_view.show_phone(card.owner_name, card.phone_no, card.shown_at - card.shown_s)
        self._feedback.set_active(card is not None)
        self.show_source()

    def _emptied(self, why: Why) -> None:
        self._card_view.show_empty(why_text(why, self._flow.session))
        self._feedback.set_active(False)
