"""Follow-ups on the work screen: 预约回访, the repeat-number hint and notes, wired to the card.

- F6 schedules a callback for the card, or for the last recorded call when there is no
  card; Ctrl+M writes a note on the same (the card's is a draft, given to the call by its
  feedback in the same commit, ``store.followups``).
- A new card gets its repeat-number hint from the background pool, shown when ready
  (only if the card is still up).
- Due callbacks: a check every ``CHECK_MS`` (and after each change) counts them for the
  status bar, which says when a new one falls due. The next card (F5, or the one after a
  feedback) is a due callback first, each at most once per time it was set, so skipping
  one (F5) never brings it back at once; it stays in the 回访 view, where Enter opens it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton

from desktop_app.config import time_of_day
from desktop_app.domain.callback_times import DayTimes
from desktop_app.domain.phones import display_phone
from desktop_app.domain.writes import WriteKind
from desktop_app.store.callbacks import Callback, Callbacks, CallbackTarget
from desktop_app.store.calllog import CallLogRow
from desktop_app.store.cards import PhoneCard
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError
from desktop_app.store.history import History, HistoryQuery, RepeatHint
from desktop_app.store.notes import CallNotes

from ..i18n import fill, timefmt
from ..i18n.messages import render
from ..tasks import BackgroundTasks
from ..widgets.naming import named
from ..work.call_flow import CallFlow
from ..work.keymap import CALLBACKS_KEY
from ..work.phone_card import PhoneCardView
from ..work.status_bar import SyncStatusBar
from .note_editor import NoteEditor
from .panel import FollowUpsPanel
from .scheduler import CallbackScheduler

log = logging.getLogger(__name__)

CHECK_MS = 30_000


def day_times(settings: object) -> DayTimes:
    """The office's times of day from the settings (``callback_*``)."""
    return DayTimes(
        end_of_day=time_of_day(getattr(settings, "callback_end_of_day", "18:00")),
        morning=time_of_day(getattr(settings, "callback_morning", "09:30")),
        afternoon=time_of_day(getattr(settings, "callback_afternoon", "14:00")),
    )


@dataclass(frozen=True)
class CardFacts:
    """What the card shows besides the number, read on the pool."""

    hint: RepeatHint | None
    callback: Callback | None  # the number's open callback


class FollowUps(QObject):
    dueChanged = Signal(int)  # how many callbacks are due
    hintShown = Signal()  # the card's facts are on screen (tests wait for it)
    scheduled = Signal(object)  # Callback

    def __init__(
        self,
        store: LocalStore,
        tasks: BackgroundTasks,
        flow: CallFlow,
        card_view: PhoneCardView,
        status_bar: SyncStatusBar,
        panel: FollowUpsPanel,
        clock: Callable[[], float],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store, self._tasks, self._flow = store, tasks, flow
        self._card_view, self._status_bar, self._panel = card_view, status_bar, panel
        self._clock = clock
        self._offered: set[tuple[int, float]] = set()
        self._due_count = 0
        self._due: tuple[Callback, ...] = ()  # the due callbacks the last check read
        self._target: CallbackTarget | None = None
        self._note_call: CallLogRow | None = None  # the recorded call the note editor writes to
        self.due_label = named(QPushButton(""), "callbacksDue")
        self.due_label.setFlat(True)
        self.due_label.hide()
        status_bar.addPermanentWidget(self.due_label)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check_due)
        self._timer.start()

        flow.due_source = self.take_due_card
        flow.cardChanged.connect(self._card_changed)
        panel.schedule_button.clicked.connect(self.open_scheduler)
        panel.note_button.clicked.connect(self.open_note)
        panel.on_forms = self._forms_built
        self.check_due()

    def _forms_built(self, scheduler: CallbackScheduler, note_editor: NoteEditor) -> None:
        scheduler.chosen.connect(self._schedule)
        scheduler.closed.connect(self._give_focus_back)
        note_editor.saved.connect(self._save_note)
        note_editor.closed.connect(self._give_focus_back)

    @property
    def user_id(self) -> int:
        return self._flow.session.user_id

    # -- 预约回访 ----------------------------------------------------------------------

    def open_scheduler(self) -> None:
        """F6: the form for the card, else for the last recorded call."""
        card = self._flow.card
        if card is not None:
            self._open_scheduler(CallbackTarget.of_card(card))
            return
        self._with_last_call(lambda row: self._open_scheduler(CallbackTarget.of_call(row)))

    def _open_scheduler(self, target: CallbackTarget) -> None:
        self._target = target
        self._panel.note_editor.hide()
        now = dt.datetime.fromtimestamp(self._clock())
        try:
            current = Callbacks(self._store.db()).open_for(target.user_id, target.phone_no)
        except StoreError:
            current = None
        self._panel.scheduler.open_for(
            self._who(target.owner_name, target.phone_no), now, current.note if current else ""
        )

    def _schedule(self, due_at: float, note: str) -> None:
        target = self._target
        if target is None:
            return
        try:
            callback = Callbacks(self._store.db()).schedule(target, due_at, note, now=self._clock())
        except StoreError as exc:
            self._status_bar.show_message(fill(self.tr("回访没有保存！%1"), render(exc.message)), 15000)
            return
        when = timefmt.moment(callback.due_at, self._clock())
        self._status_bar.show_message(
            fill(self.tr("已预约回访：%1，%2"), display_phone(callback.phone_no), when)
        )
        self.scheduled.emit(callback)
        self.check_due()
        card = self._flow.card
        if card is not None and card.phone_no == callback.phone_no:
            self._card_changed(card)

    # -- due callbacks ------------------------------------------------------------------

    def check_due(self) -> None:
        """Count the due callbacks on the pool; the status bar says when more fell due."""
        store, user_id, now = self._store, self.user_id, self._clock()
        self._tasks.run(lambda: Callbacks(store.db()).agenda(user_id, now).overdue, self._due_read)

    def _due_read(self, due: tuple[Callback, ...]) -> None:
        self._due = due
        count = len(due)
        if count > self._due_count and due:
            newest = max(due, key=lambda c: c.due_at)
            self._status_bar.show_message(
                fill(
                    self.tr("回访到期：%1 %2 — 下一个号码就是它"),
                    newest.owner_name,
                    display_phone(newest.phone_no),
                ),
                15000,
            )
        self._due_count = count
        self.due_label.setText(fill(self.tr("回访到期 %1 个 (%2)"), count, CALLBACKS_KEY))
        self.due_label.setVisible(count > 0)
        self.dueChanged.emit(count)

    def take_due_card(self) -> PhoneCard | None:
        """The next card as a due callback not offered yet, of those the last check read."""
        due = self._due  # as the last check on the pool read them (every 30 s and after a change)
        current = self._flow.card
        for callback in due:
            key = (callback.id, callback.scheduled_at)
            if key in self._offered or (current is not None and current.phone_no == callback.phone_no):
                continue
            card = callback.as_card(self._clock())
            if card is None:
                continue
            self._offered.add(key)
            return card
        return None

    def open_callback(self, callback: Callback) -> bool:
        """The 回访 view's Enter: the callback's number as the card now."""
        card = callback.as_card(self._clock())
        if card is None:
            return False
        self._offered.add((callback.id, callback.scheduled_at))
        return self._flow.offer(card)

    # -- the card -----------------------------------------------------------------------

    def _card_changed(self, card: PhoneCard | None) -> None:
        self._panel.show_hint("")
        self._panel.hide_forms()
        if card is None:
            return
        store = self._store

        def read() -> CardFacts:
            db = store.db()
            return CardFacts(
                History(db).repeat_hint(card.user_id, card.phone_no, before=card.shown_at),
                Callbacks(db).open_for(card.user_id, card.phone_no),
            )

        self._tasks.run(read, lambda facts: self._facts_read(card, facts))

    def _facts_read(self, card: PhoneCard, facts: CardFacts) -> None:
        if self._flow.card is not card:
            return  # another card is up by now
        parts: list[str] = []
        level = "info"
        now = self._clock()
        if facts.callback is not None:
            callback = facts.callback
            due = timefmt.moment(callback.due_at, now)
            text = fill(self.tr("预约回访 %1"), due)
            if callback.note:
                text += fill(self.tr("：%1"), callback.note)
            parts.append(text)
            level = "warning" if callback.is_due(now) else "info"
        if facts.hint is not None:
            hint = facts.hint
            parts.append(
                fill(
                    self.tr("本机已打过 %1 次，上次 %2：%3"),
                    hint.calls,
                    timefmt.moment(hint.last_at, now),
                    hint.last_item,
                )
            )
            level = "warning"
        self._panel.show_hint(" · ".join(parts), level)
        self.hintShown.emit()

    # -- notes --------------------------------------------------------------------------

    def open_note(self) -> None:
        """Ctrl+M: the card's draft note, else the note of the last recorded call."""
        card = self._flow.card
        self._panel.scheduler.hide()
        if card is not None:
            self._note_call = None
            try:
                draft = CallNotes(self._store.db()).draft(card.user_id, card.phone_no)
            except StoreError:
                draft = None
            self._panel.note_editor.open_for(
                self._who(card.owner_name, card.phone_no), draft.text if draft else ""
            )
            return
        self._with_last_call(self._open_note_for_call)

    def _open_note_for_call(self, row: CallLogRow) -> None:
        self._note_call = row
        try:
            note = CallNotes(self._store.db()).get(row.client_id)
        except StoreError:
            note = None
        self._panel.note_editor.open_for(self._who(row.owner_name, row.phone_no), note.text if note else "")

    def _save_note(self, text: str) -> None:
        notes = CallNotes(self._store.db())
        try:
            row, card = self._note_call, self._flow.card
            if row is not None:
                notes.set(row.client_id, row.user_id, row.phone_no, text, now=self._clock())
            elif card is not None:
                notes.set_draft(card.user_id, card.phone_no, text, now=self._clock())
            else:
                return
        except (StoreError, ValueError) as exc:
            words = render(exc.message) if isinstance(exc, StoreError) else str(exc)
            self._status_bar.show_message(fill(self.tr("备注没有保存！%1"), words), 15000)
            return
        self._status_bar.show_message(self.tr("备注已保存（只在本机）"))

    # -- small things -------------------------------------------------------------------

    def _with_last_call(self, then: Callable[[CallLogRow], None]) -> None:
        """The agent's last recorded call, read on the pool; a word when there is none."""
        store, user_id = self._store, self.user_id
        query = HistoryQuery(user_id, kind=WriteKind.FEEDBACK)

        def found(page: object) -> None:
            entries = getattr(page, "entries", ())
            if entries:
                then(entries[0].call)
            else:
                self._status_bar.show_message(self.tr("没有号码：先显示一个号码，或先打完一个电话"))

        self._tasks.run(lambda: History(store.db()).search(query, limit=1), found)

    def _who(self, owner: str, phone_no: str) -> str:
        return f"{owner or self.tr('(无姓名)')} {display_phone(phone_no)}"

    def _give_focus_back(self) -> None:
        self._card_view.setFocus()

    def close(self) -> None:
        self._timer.stop()
