"""The sync worker: drains the outbox to the server, and knows whether we are online.

One thread owns the sending, with its own SQLite connection. It wakes when a write is
enqueued, when "sync now" is pressed, when a read elsewhere saw the server come back,
and otherwise sleeps until the earliest next attempt. The error class of each reply
decides what happens to the row (see ``api.errors``):

- ok → sent;  Refused → needs attention (it never blocks the rows behind it);
- NotReached (nothing left this PC) → the row goes back unchanged (the try is not
  counted), the pass stops, the engine is offline and probes the entry server cheaply
  (``get_server_url``) after a jittered backoff;
- NoAnswer (the request went out, no valid answer came back) → the row is uncertain
  (it may have arrived) and waits its own growing backoff (``backoff.row_retry_at``);
  the engine asks the server (the probe) before it sends the next row, so a server that
  is gone takes the engine offline while one that only chokes on this write lets the
  rows behind it flow. At-least-once delivery: a lost write is worse than a flagged
  duplicate;
- Malformed → uncertain like NoAnswer, but the server did answer: the next row follows.

Rows are claimed a few at a time in one commit and their outcomes recorded in one
commit, so a crash between sending and recording leaves them ``in_flight``; once their
owner is gone (or its lease ran out) they become uncertain, are resent, and are flagged
"may be duplicate". A claim names this engine as its owner, with a lease of twice the
request deadline renewed before each send, so another process on the same folder
(``--sync`` while the window runs) never sends the rows this one holds. The engine
claims only rows made for its entry server, and lets go of what it still holds when it
stops.

Nothing stops the engine but ``stop()``. An error of the program in a pass is logged;
the rows the pass held are released — as uncertain when their sending had begun (they
may have gone out), as they were otherwise — and the engine goes on after a backoff. A
busy database is waited out. Outcomes that could not be recorded (a full or read-only
disk) are kept and recorded once the store takes them.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import httpx

from desktop_app.api import ApiClient, ApiError, CallRecord, Malformed, NoAnswer, NotReached, Refused
from desktop_app.api.answer import DEFAULT_DEADLINE_S
from desktop_app.domain.codes import SyncCode
from desktop_app.domain.messages import Message, msg
from desktop_app.store.claim_owner import lease_for, this_process
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreBusy, StoreError
from desktop_app.store.held_writes import HeldWrites
from desktop_app.store.last_sync import last_sent_at
from desktop_app.store.outbox import Outbox, OutboxItem, Outcome, State

from .backoff import ROW_BASE_DELAY_S, ROW_MAX_DELAY_S, next_attempt, row_retry_at
from .servers import ServerPicker
from .status import SyncStatus

log = logging.getLogger(__name__)

CLAIM_BATCH = 32  # rows claimed per commit
FLUSH_EVERY_S = 0.25  # record outcomes at least this often during a long drain
STATUS_EVERY_S = 0.2  # publish progress at most this often during a drain
IDLE_WAIT_S = 60.0  # nothing due: sleep until woken, then check the server is still there
TROUBLE_BASE_S = 0.5  # after a failed pass (a busy database, an error of the program) …
TROUBLE_CAP_S = 30.0  # … wait a jittered, growing while, at most this long


@dataclass
class DrainSummary:
    """What one drain did, for ``--sync`` and tests."""

    sent: int = 0
    attention: int = 0
    retried: int = 0
    reached: bool | None = None
    errors: list[Message] = field(default_factory=list)


class _Held:
    """The rows this engine has claimed and not yet recorded, and what it knows of each.

    A row is settled (recorded) with its outcome, or released unsent. When a pass fails,
    a row whose sending had begun may have gone out: it is settled as uncertain; a row
    whose sending had not begun is released as it was.
    """

    def __init__(self) -> None:
        self.items: dict[str, OutboxItem] = {}
        self.outcomes: dict[str, Outcome] = {}
        self.unsent: set[str] = set()
        self.begun: set[str] = set()

    def claim(self, batch: Iterable[OutboxItem]) -> None:
        self.items.update((item.client_id, item) for item in batch)

    def begin(self, item: OutboxItem) -> None:
        self.begun.add(item.client_id)

    def decide(self, outcome: Outcome) -> None:
        self.outcomes[outcome.client_id] = outcome

    def hand_back(self, items: Iterable[OutboxItem]) -> None:
        self.unsent.update(item.client_id for item in items)

    def undecided(self) -> list[OutboxItem]:
        return [i for cid, i in self.items.items() if cid not in self.outcomes and cid not in self.unsent]

    def settle(self, outbox: Outbox, now: float) -> None:
        """Record every known outcome and release the unsent rows, in one commit."""
        if not self.outcomes and not self.unsent:
            return
        outcomes, unsent = list(self.outcomes.values()), list(self.unsent)
        outbox.record(outcomes, unsent, now)  # raises StoreError: everything stays held
        for client_id in (*self.outcomes, *unsent):
            self.items.pop(client_id, None)
            self.begun.discard(client_id)
        self.outcomes.clear()
        self.unsent.clear()

    def ids(self) -> list[str]:
        """The rows held now (read from another thread too: a copy, taken again if it changed)."""
        while True:
            try:
                return list(self.items)
            except RuntimeError:  # changed size while being copied
                continue

    def __bool__(self) -> bool:
        return bool(self.items)


class SyncEngine:
    def __init__(
        self,
        store: LocalStore,
        http: httpx.Client,
        entry_url: str | None,
        *,
        on_status: Callable[[SyncStatus], None] | None = None,
        observer: Callable[[CallRecord], None] | None = None,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
        backoff_base_s: float = 1.0,
        backoff_cap_s: float = 60.0,
        row_backoff_base_s: float = ROW_BASE_DELAY_S,
        row_backoff_cap_s: float = ROW_MAX_DELAY_S,
        request_deadline_s: float = DEFAULT_DEADLINE_S,
    ) -> None:
        """``request_deadline_s`` bounds each request whole, for the writes and for every
        read made through ``client()``; a claim's lease is twice that."""
        self._store = store
        self._owner = this_process().claimant()  # who the claims of this engine name
        self._lease_s = lease_for(request_deadline_s)
        self._http = http
        self._servers = ServerPicker(entry_url) if entry_url else None
        self._on_status = on_status
        self._observer = observer
        self._clock = clock
        self._rng = rng or random.Random()
        self._backoff_base = backoff_base_s
        self._backoff_cap = backoff_cap_s
        self._row_backoff_base = row_backoff_base_s
        self._row_backoff_cap = row_backoff_cap_s
        self._deadline_s = request_deadline_s

        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

        self._online: bool | None = None
        self._since: float | None = None
        self._last_success: float | None = None
        self._last_error: Message | None = None
        self._failures = 0  # consecutive connectivity failures
        self._retry_at = 0.0  # while offline: no request before this time
        self._resolved = False  # get_server_url asked since we came online (or since a write went unanswered)
        self._last_contact = 0.0  # monotonic time of the last answer from a server
        self._sync_now_requested = False
        self._clients: dict[str, ApiClient] = {}  # one per base URL, reused across threads
        self._counts: dict[State, int] = {}
        self._last_publish = 0.0
        self._held = _Held()  # used by the sending thread only
        # Callers of ``pass_now`` waiting for the engine thread's next whole pass.
        self._pass_waiters: list[tuple[threading.Event, list[DrainSummary]]] = []
        self._troubles = 0  # consecutive failed passes

    # -- public, any thread ------------------------------------------------------------

    @property
    def servers(self) -> ServerPicker | None:
        return self._servers

    def client(self) -> ApiClient:
        """An API client for the server currently in use (httpx.Client is thread-safe)."""
        if self._servers is None:
            raise NotReached("config", msg(SyncCode.NO_SERVER))
        return self._client_for(self._servers.base_url)

    def _outbox(self) -> Outbox:
        """The outbox on this thread's connection, as this engine claims from it: rows made
        for its entry server only, under its own owner and lease."""
        entry = self._servers.entry_url if self._servers else None
        return Outbox(self._store.db(), server=entry, owner=self._owner, lease_s=self._lease_s)

    def _client_for(self, base: str) -> ApiClient:
        with self._lock:
            client = self._clients.get(base)
            if client is None:
                client = self._clients[base] = ApiClient(
                    self._http, base, self._observer, deadline_s=self._deadline_s
                )
            return client

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="sync-engine", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        # On a thread of its own: the caller may be the window's, which reads no growing table.
        releaser = threading.Thread(target=self._release_claims, name="sync-release", daemon=True)
        releaser.start()
        releaser.join(timeout)

    def _release_claims(self) -> None:
        """Rows this engine still holds (a request cut short by the stop) become uncertain."""
        held = self._held.ids()
        if not held:
            return
        try:
            released = self._outbox().release_claims(held, self._clock())
        except StoreError:  # the store closed first: the next start takes them back
            return
        finally:
            self._store.close_thread_connection()
        if released:
            log.info("sync engine stopped holding %d rows; they may have been sent", released)

    def wake(self) -> None:
        """A write was enqueued: send it now if online (offline waits for the next probe)."""
        self._wake.set()

    def sync_now(self) -> None:
        """立即同步: everything queued is due now, and an offline engine probes at once."""
        with self._lock:
            self._retry_at = 0.0
            self._sync_now_requested = True
        self._wake.set()

    def note_reachable(self) -> None:
        """A read elsewhere got an answer: the server is back, drain without waiting."""
        with self._lock:
            was_offline = self._online is False
            self._retry_at = 0.0
        if was_offline:
            self._wake.set()

    def note_unreachable(self, error: Message) -> None:
        """A read elsewhere could not reach the server."""
        self._went_offline(error, self._clock())
        self._publish(force=True)

    def status(self) -> SyncStatus:
        with self._lock:
            counts = dict(self._counts)
            return SyncStatus(
                online=self._online,
                since=self._since,
                queued=counts.get(State.QUEUED, 0),
                uncertain=counts.get(State.UNCERTAIN, 0),
                attention=counts.get(State.ATTENTION, 0),
                in_flight=counts.get(State.IN_FLIGHT, 0),
                last_success=self._last_success,
                last_error=self._last_error,
                base_url=self._servers.base_url if self._servers else None,
            )

    # -- synchronous use (command line, tests) ------------------------------------------

    def drain(self, deadline_s: float = 60.0) -> DrainSummary:
        """Send what can be sent now, on the calling thread, until done, offline or out of time.

        A 立即同步 asked for before (``sync_now``) makes every waiting row due first.
        A busy database is waited out within the time; any other failure ends the drain
        (its rows released as in a failed pass) and is in ``errors``.
        """
        summary = DrainSummary()
        end = time.monotonic() + deadline_s
        with self._lock:
            self._retry_at = 0.0
        recovered = False
        while time.monotonic() < end and not self._stopping.is_set():
            try:
                outbox = self._outbox()
                self._held.settle(outbox, self._clock())  # first: recovery would call them uncertain
                if not recovered:
                    _recover(self._store, outbox, self._clock())
                    recovered = True
                self._take_sync_now(outbox)
                progressed = self._pass(outbox, summary, end)
            except StoreBusy as exc:
                self._pass_failed(exc)
                self._stopping.wait(min(self._trouble_wait(), max(0.0, end - time.monotonic())))
                continue
            except Exception as exc:
                self._pass_failed(exc)
                summary.errors.append(exc.message if isinstance(exc, StoreError) else _failure(exc))
                break
            self._troubles = 0
            if not progressed:
                break
        self._refresh_quietly()
        self._publish(force=True)
        return summary

    def pass_now(self, timeout_s: float) -> DrainSummary | None:
        """立即同步 and wait for it: every waiting row due now, one whole pass, what it did.

        With the engine thread running, that thread makes the pass (the rows it holds are
        its own); else it runs here (``drain``). None when the pass did not end in time.
        """
        if self._thread is None:
            self.sync_now()
            return self.drain(timeout_s)
        done, box = threading.Event(), list[DrainSummary]()
        with self._lock:
            self._pass_waiters.append((done, box))
            self._retry_at = 0.0
            self._sync_now_requested = True
        self._wake.set()
        done.wait(timeout_s)
        return box[0] if box else None

    # -- the worker ------------------------------------------------------------------

    def _run(self) -> None:
        recovered = False
        try:
            while not self._stopping.is_set():
                self._wake.clear()
                with self._lock:  # asked before this pass began: this pass answers them
                    waiters, self._pass_waiters = self._pass_waiters, []
                summary = DrainSummary()
                try:
                    outbox = self._outbox()
                    self._held.settle(outbox, self._clock())  # first: recovery would call them uncertain
                    if not recovered:
                        _recover(self._store, outbox, self._clock())
                        recovered = True
                        self._recall_last_success()
                        self._refresh_counts(outbox)
                        self._publish(force=True)
                    self._take_sync_now(outbox)
                    self._pass(outbox, summary, None)
                    self._refresh_counts(outbox)
                    self._publish(force=True)
                    wait = self._sleep_time(outbox)
                    self._troubles = 0
                except Exception as exc:  # the engine must not die: log, release, pause, go on
                    self._pass_failed(exc)
                    summary.errors.append(exc.message if isinstance(exc, StoreError) else _failure(exc))
                    _answer(waiters, summary)
                    self._stopping.wait(self._trouble_wait())
                    continue
                _answer(waiters, summary)
                self._wake.wait(wait)
        finally:
            if self._held:  # only when something ended the thread in the middle of a pass
                self._settle_unknown(msg(SyncCode.PASS_FAILED, "stop"))
            self._store.close_thread_connection()

    def _recall_last_success(self) -> None:
        """A restart keeps 上次同步: the outbox knows when a write was last confirmed."""
        sent_at = last_sent_at(self._store)
        with self._lock:
            if self._last_success is None and sent_at is not None:
                self._last_success = sent_at

    def _take_sync_now(self, outbox: Outbox) -> None:
        with self._lock:
            requested, self._sync_now_requested = self._sync_now_requested, False
        if requested:
            try:
                outbox.wake_all(self._clock())
            except BaseException:
                with self._lock:
                    self._sync_now_requested = True  # not done: ask again next time
                raise

    def _pass_failed(self, exc: Exception) -> None:
        """A pass ended by an exception: say so in the log, settle what it held."""
        self._troubles += 1
        if self._stopping.is_set():  # e.g. the store closed under a pass that outlived stop()
            log.info("sync pass ended while stopping: %r", exc)
        elif isinstance(exc, StoreBusy):
            log.info("local database busy; the sync pass waits and tries again (%s)", exc.message)
        elif isinstance(exc, StoreError):
            log.error("sync pass stopped by the local database: %s; trying again later", exc.message)
        else:
            log.exception("sync pass stopped by an unexpected error; going on after a pause")
        self._settle_unknown(_failure(exc))

    def _settle_unknown(self, reason: Message) -> None:
        """Record what the held rows came to. A row whose sending began and whose answer
        is not known may have gone out: uncertain, resent later (and flagged if that
        succeeds), never lost nor silently sent twice; a row not yet begun goes back as it
        was. What cannot be recorded now stays held for the next pass."""
        now = self._clock()
        for item in self._held.undecided():
            if item.client_id in self._held.begun:
                later = self._row_retry_at(item.attempts, now)
                self._held.decide(Outcome.retry(item.client_id, reason, later, uncertain=True))
            else:
                self._held.hand_back([item])
        try:
            self._held.settle(self._outbox(), now)
        except Exception:
            log.warning(
                "held rows not recorded yet (next pass, or recovered at the next start)", exc_info=True
            )

    def _trouble_wait(self) -> float:
        return next_attempt(self._troubles, 0.0, self._rng, TROUBLE_BASE_S, TROUBLE_CAP_S) + 0.05

    def _refresh_quietly(self) -> None:
        try:
            self._refresh_counts(self._outbox())
        except StoreError as exc:
            log.warning("cannot count the outbox: %s", exc.message)

    def _sleep_time(self, outbox: Outbox) -> float:
        now = self._clock()
        with self._lock:
            online, retry_at = self._online, self._retry_at
        if self._servers is None:
            return IDLE_WAIT_S
        if online is not True:
            return max(0.0, retry_at - now) if retry_at else 0.0
        due = outbox.earliest_due()
        if due is None:
            return IDLE_WAIT_S
        return min(IDLE_WAIT_S, max(0.0, due - now))

    def _pass(self, outbox: Outbox, summary: DrainSummary, end: float | None) -> bool:
        """One pass: probe if needed, then send due rows. True when a row changed state."""
        if self._servers is None:
            return False
        now = self._clock()
        with self._lock:
            online, retry_at, resolved = self._online, self._retry_at, self._resolved
        idle_too_long = time.monotonic() - self._last_contact >= IDLE_WAIT_S
        if online is not True or not resolved or idle_too_long:
            if online is False and now < retry_at:
                return False
            if not self._probe(now):
                summary.reached = False
                return False
        summary.reached = True
        return self._send_due(outbox, summary, end)

    def _probe(self, now: float) -> bool:
        """Ask the entry server for the server to use; the cheapest request there is."""
        assert self._servers is not None
        entry = self._client_for(self._servers.entry_url)
        try:
            raw = entry.get_server_url()
        except (NotReached, NoAnswer) as exc:
            self._went_offline(exc.message, now)
            return False
        except ApiError as exc:  # answered, but oddly: reachable; keep the entry URL
            log.info("get_server_url unusable (%s); using the entry URL", exc.message)
            raw = ""
        base = self._servers.adopt(raw, now)
        with self._lock:
            self._resolved = True
        self._came_online(now)
        log.info("server in use: %s", base)
        return True

    def _send_due(self, outbox: Outbox, summary: DrainSummary, end: float | None) -> bool:
        progressed = False
        while not self._stopping.is_set():
            if end is not None and time.monotonic() >= end:
                break
            batch = outbox.claim_due(self._clock(), CLAIM_BATCH)
            if not batch:
                break
            self._held.claim(batch)
            stop = self._send_batch(outbox, batch, summary)
            progressed = True
            self._refresh_counts(outbox)
            self._publish()
            if stop:
                break
        return progressed

    def _send_batch(self, outbox: Outbox, batch: list[OutboxItem], summary: DrainSummary) -> bool:
        """Send claimed rows in order; record outcomes; True when the pass must stop."""
        client = self.client()
        flushed_at = time.monotonic()
        for position, item in enumerate(batch):
            if self._stopping.is_set():
                self._held.hand_back(batch[position:])
                self._held.settle(outbox, self._clock())
                return True
            if not outbox.keep_claim(item.client_id, self._clock()):
                # Its lease ran out and another process took it over: not ours to send or record.
                self._held.hand_back([item])
                continue
            self._held.begin(item)
            outcome, stop = self._send_one(client, item, summary)
            self._held.decide(outcome)
            if stop:
                self._held.hand_back(batch[position + 1 :])
                self._held.settle(outbox, self._clock())
                return True
            if time.monotonic() - flushed_at > FLUSH_EVERY_S:
                self._held.settle(outbox, self._clock())
                flushed_at = time.monotonic()
                self._refresh_counts(outbox)
                self._publish()
        self._held.settle(outbox, self._clock())
        return False

    def _send_one(self, client: ApiClient, item: OutboxItem, summary: DrainSummary) -> tuple[Outcome, bool]:
        now = self._clock()
        try:
            client.send_write(item.kind, item.payload)
        except NotReached as exc:
            summary.errors.append(exc.message)
            if self._servers is not None and self._servers.named_failed(now):
                with self._lock:
                    self._resolved = False
            self._went_offline(exc.message, now)
            # Nothing left this PC: the row goes back as it was, due at once, the try not counted.
            return Outcome.retry(item.client_id, exc.message, now, uncertain=False, attempted=False), True
        except (NoAnswer, Malformed) as exc:
            summary.errors.append(exc.message)
            summary.retried += 1
            later = self._row_retry_at(item.attempts, now)
            if isinstance(exc, Malformed):  # the server answered: it is there, go on
                self._note_answer(now)
                return Outcome.retry(item.client_id, exc.message, later, uncertain=True), False
            # No valid answer: ask the server before the next row (offline if it is gone).
            with self._lock:
                self._resolved = False
            return Outcome.retry(item.client_id, exc.message, later, uncertain=True), True
        except Refused as exc:
            summary.attention += 1
            self._note_answer(now)
            return Outcome.attention(item.client_id, exc.message), False
        summary.sent += 1
        self._note_answer(now, success=True)
        return Outcome.sent(item.client_id), False

    def _row_retry_at(self, attempts: int, now: float) -> float:
        return row_retry_at(attempts, now, self._rng, self._row_backoff_base, self._row_backoff_cap)

    # -- state ------------------------------------------------------------------------

    def _note_answer(self, now: float, success: bool = False) -> None:
        with self._lock:
            if success:
                self._last_success = now
            self._failures = 0
        self._came_online(now)

    def _came_online(self, now: float) -> None:
        with self._lock:
            self._last_contact = time.monotonic()
            self._failures = 0
            self._retry_at = 0.0
            if self._online is not True:
                self._online = True
                self._since = now
                self._last_error = None

    def _went_offline(self, error: Message, now: float) -> None:
        with self._lock:
            self._failures += 1
            self._last_error = error
            self._resolved = False
            self._retry_at = next_attempt(
                self._failures, now, self._rng, self._backoff_base, self._backoff_cap
            )
            if self._online is not False:
                self._online = False
                self._since = now

    def _refresh_counts(self, outbox: Outbox) -> None:
        counts = outbox.counts()
        with self._lock:
            self._counts = counts

    def _publish(self, force: bool = False) -> None:
        if self._on_status is None:
            return
        now = time.monotonic()
        if not force and now - self._last_publish < STATUS_EVERY_S:
            return
        self._last_publish = now
        try:
            self._on_status(self.status())
        except Exception:
            log.exception("status listener failed")


def _answer(waiters: list[tuple[threading.Event, list[DrainSummary]]], summary: DrainSummary) -> None:
    for done, box in waiters:
        box.append(summary)
        done.set()


def _recover(store: LocalStore, outbox: Outbox, now: float) -> None:
    """At start: rows left in flight by a process that is gone are uncertain, and the holds
    of a process that is gone are over; a living process's claims and holds are its own."""
    outbox.recover_in_flight(now)
    HeldWrites(store.db()).release_gone_owners()


def _failure(exc: BaseException) -> Message:
    """What a row released by a failed pass shows: the error's name, for IT."""
    return msg(SyncCode.PASS_FAILED, type(exc).__name__)
