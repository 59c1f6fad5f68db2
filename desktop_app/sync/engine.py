"""The sync worker: drains the outbox to the server, and knows whether we are online.

One thread owns the sending, with its own SQLite connection. It wakes when a write is
enqueued, when "sync now" is pressed, when a read elsewhere saw the server come back,
and otherwise sleeps until the earliest next attempt. The error class of each reply
decides what happens to the row (see ``api.errors``):

- ok → sent;  Refused → needs attention (it never blocks the rows behind it);
- NotReached → the row goes back unchanged, the pass stops, the engine is offline and
  probes the entry server cheaply (``get_server_url``) after a jittered backoff;
- NoAnswer → the row is uncertain (it may have arrived) and is retried; at-least-once
  delivery, because a lost write is worse than a flagged duplicate;
- Malformed → retried later like an uncertain row: a fault of the server, not the row.

Rows are claimed a few at a time in one commit and their outcomes recorded in one
commit, so a crash between sending and recording leaves them ``in_flight``; once their
owner is gone (or its lease ran out) they become uncertain, are resent, and are flagged
"may be duplicate". A claim names this engine as its owner, so another process on the
same folder (``--sync`` while the window runs) never sends the rows this one holds;
the engine claims only rows made for its entry server, and lets go of what it still
holds when it stops.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from desktop_app.api import ApiClient, ApiError, CallRecord, Malformed, NoAnswer, NotReached, Refused
from desktop_app.domain.codes import SyncCode
from desktop_app.domain.messages import Message, msg
from desktop_app.store.claim_owner import LEASE_S, this_process
from desktop_app.store.db import LocalStore
from desktop_app.store.errors import StoreError
from desktop_app.store.outbox import Outbox, OutboxItem, Outcome, State

from .backoff import next_attempt
from .servers import ServerPicker
from .status import SyncStatus

log = logging.getLogger(__name__)

CLAIM_BATCH = 32  # rows claimed per commit
FLUSH_EVERY_S = 0.25  # record outcomes at least this often during a long drain
STATUS_EVERY_S = 0.2  # publish progress at most this often during a drain
IDLE_WAIT_S = 60.0  # nothing due: sleep until woken, then check the server is still there


@dataclass
class DrainSummary:
    """What one drain did, for ``--sync`` and tests."""

    sent: int = 0
    attention: int = 0
    retried: int = 0
    reached: bool | None = None
    errors: list[Message] = field(default_factory=list)


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
        lease_s: float = LEASE_S,
    ) -> None:
        self._store = store
        self._owner = this_process().claimant()  # who the claims of this engine name
        self._lease_s = lease_s
        self._http = http
        self._servers = ServerPicker(entry_url) if entry_url else None
        self._on_status = on_status
        self._observer = observer
        self._clock = clock
        self._rng = rng or random.Random()
        self._backoff_base = backoff_base_s
        self._backoff_cap = backoff_cap_s

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
        self._resolved = False  # get_server_url asked since we came online
        self._last_contact = 0.0  # monotonic time of the last answer from a server
        self._sync_now_requested = False
        self._clients: dict[str, ApiClient] = {}  # one per base URL, reused across threads
        self._counts: dict[State, int] = {}
        self._last_publish = 0.0

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
                client = self._clients[base] = ApiClient(self._http, base, self._observer)
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
        self._release_claims()

    def _release_claims(self) -> None:
        """Rows this engine still holds (a request cut short by the stop) become uncertain."""
        try:
            released = self._outbox().release_claims(self._clock())
        except StoreError:  # the store closed first: the next start takes them back
            return
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
        """Send what can be sent now, on the calling thread, until done, offline or out of time."""
        outbox = self._outbox()
        outbox.recover_in_flight(self._clock())
        summary = DrainSummary()
        end = time.monotonic() + deadline_s
        with self._lock:
            self._retry_at = 0.0
        while time.monotonic() < end and not self._stopping.is_set():
            progressed = self._pass(outbox, summary, end)
            if not progressed:
                break
        self._refresh_counts(outbox)
        self._publish(force=True)
        return summary

    # -- the worker ------------------------------------------------------------------

    def _run(self) -> None:
        try:
            outbox = self._outbox()
            outbox.recover_in_flight(self._clock())
            self._refresh_counts(outbox)
            self._publish(force=True)
            while not self._stopping.is_set():
                self._wake.clear()
                with self._lock:
                    if self._sync_now_requested:
                        self._sync_now_requested = False
                        outbox.wake_all(self._clock())
                self._pass(outbox, DrainSummary(), None)
                self._refresh_counts(outbox)
                self._publish(force=True)
                self._wake.wait(self._sleep_time(outbox))
        except Exception:  # the engine must never die silently
            log.exception("sync engine stopped by an unexpected error")
            with self._lock:
                self._last_error = msg(SyncCode.ENGINE_STOPPED)
            self._publish(force=True)
        finally:
            self._store.close_thread_connection()

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
        outcomes: list[Outcome] = []
        flushed_at = time.monotonic()
        stop = False
        for position, item in enumerate(batch):
            if self._stopping.is_set():
                outbox.record(outcomes, [i.client_id for i in batch[position:]], self._clock())
                return True
            if not outbox.keep_claim(item.client_id, self._clock()):
                continue  # its lease ran out and another process took it over: not ours to send
            outcome, stop = self._send_one(client, item, summary)
            outcomes.append(outcome)
            if stop:
                outbox.record(outcomes, [i.client_id for i in batch[position + 1 :]], self._clock())
                return True
            if time.monotonic() - flushed_at > FLUSH_EVERY_S:
                outbox.record(outcomes, [], self._clock())
                outcomes = []
                flushed_at = time.monotonic()
                self._refresh_counts(outbox)
                self._publish()
        outbox.record(outcomes, [], self._clock())
        return stop

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
            # Nothing was delivered: the row goes back as it was, due at once.
            return Outcome.retry(item.client_id, exc.message, now, uncertain=False), True
        except NoAnswer as exc:
            summary.errors.append(exc.message)
            summary.retried += 1
            self._went_offline(exc.message, now)
            return Outcome.retry(item.client_id, exc.message, now, uncertain=True), True
        except Refused as exc:
            summary.attention += 1
            self._note_answer(now)
            return Outcome.attention(item.client_id, exc.message), False
        except Malformed as exc:
            summary.retried += 1
            self._note_answer(now)
            later = next_attempt(item.attempts, now, self._rng, self._backoff_base, self._backoff_cap)
            return Outcome.retry(item.client_id, exc.message, later, uncertain=True), False
        summary.sent += 1
        self._note_answer(now, success=True)
        return Outcome.sent(item.client_id), False

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
