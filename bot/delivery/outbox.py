"""The outbox: every message the bot owes is a row written with what produced it; this sends them.

* A turn writes its replies leased to this process and sends them at once after COMMIT (`send_now`); if
  the process dies first, the lease expires and any process sends them.
* `drain` leases due rows, the oldest of each chat first, replies before notices before reminders, sends
  them, and records each outcome: sent; 429 waits `retry_after`; a network error, timeout or 5xx is retried
  with backoff and parked for the operator after `max_attempts`; a 400 is parked at once; a 403 marks the
  chat unreachable and drops what it is still owed. Nothing raises past it.
* Sent rows are marked in batches (`flush`): a kill can only repeat the messages sent since the last flush
  (at most `flush_every` seconds of sends) plus those being sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.delivery.budget import BulkBudget
from bot.delivery.channel import Delivery, Sender, SendResult
from bot.delivery.leases import alive_here, process_name
from bot.delivery.messages import Rendered
from bot.delivery.outcomes import ChatUnreachable, Parked, Recorder, RemindersSent, ignore
from bot.delivery.sealing import owe, unseal
from bot.domain.priority import Priority
from bot.domain.safe_text import printable
from bot.telemetry import metrics
from storage.crypto import Vault
from storage.db import Database
from storage.repositories.outbox import OutboxRepository, Owed

log = logging.getLogger("bot.delivery.outbox")

LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 6
MAX_BACKOFF = 300.0
BURST = 2.0  # seconds of rate a round may lease at once


@dataclass(frozen=True)
class Owing:
    """Messages a turn owes its chat, leased to this process to send right after COMMIT."""

    chat_id: int
    ids: tuple[int, ...]
    messages: tuple[Rendered, ...]
    stamp: tuple[int, int] | None


@dataclass
class DrainStats:
    """What sending did; `throttled` when reminders were held back by their share of the rate."""

    throttled: bool = False
    sent: int = 0
    retried: int = 0
    parked: int = 0
    dropped: int = 0
    outcomes: list[tuple[int, str]] = field(default_factory=list)

    def add(self, other: DrainStats) -> None:
        """Add another round's counts."""
        self.sent += other.sent
        self.retried += other.retried
        self.parked += other.parked
        self.dropped += other.dropped
        self.outcomes += other.outcomes


class Outbox:
    """Owe messages in a transaction; deliver them with leases, in order per chat, most urgent first."""

    def __init__(
        self,
        db: Database,
        vault: Vault,
        sender: Sender,
        *,
        clock: Callable[[], datetime],
        owner: str | None = None,
        rate: float = 0.0,
        bulk_share: float = 0.5,
        lease: timedelta = LEASE,
        max_attempts: int = MAX_ATTEMPTS,
        flush_every: float = 0.05,
        record: Recorder = ignore,
    ) -> None:
        self.db = db
        self.vault = vault
        self.sender = sender
        self.clock = clock
        self.owner = owner or process_name()
        self.lease = lease
        self.max_attempts = max_attempts
        self.flush_every = flush_every
        self.record = record  # what delivery's outcomes mean for the register: the caller's to store
        self.budget = BulkBudget(rate, bulk_share)
        self.batch = max(16, int(rate * BURST)) if rate > 0 else 64
        self._sent: list[int] = []  # sent by this process, not yet recorded
        self._reminder_of: dict[int, int] = {}  # outbox row -> reminder row, for rows sent from reminders
        self._recording: set[int] = set()  # being recorded by a transaction
        self._lock = threading.Lock()  # SQLite transactions read these from the database thread
        self._flushing = asyncio.Lock()
        self._throttled = False
        self._flusher: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._sending = 0  # chats being sent to right now
        self._idle = asyncio.Event()
        self._idle.set()
        self._closed = False

    # --- owing (inside the caller's transaction) ----------------------------------------------------

    def owe(
        self,
        session: Session,
        chat_id: int,
        messages: Sequence[Rendered],
        priority: Priority,
        now: datetime,
        *,
        stamp: tuple[int, int] | None = None,
        reminder_id: int | None = None,
        send_now: bool = False,
        maybe_owed_before: bool = True,
    ) -> Owing | None:
        """Write `messages` as owed to the chat.

        With `send_now` they are leased to this process to send right after COMMIT, unless older messages
        of the chat must go first.
        """
        repo = OutboxRepository.of(session, self.vault)
        lease_until = now + self.lease if send_now else None
        owner = self.owner if send_now else None
        ids = owe(
            session,
            self.vault,
            chat_id,
            messages,
            priority,
            now,
            stamp=stamp,
            reminder_id=reminder_id,
            leased_by=owner,
            lease_until=lease_until,
        )
        if not send_now or not ids:
            return None
        if not maybe_owed_before:  # the caller saw nothing owed to the chat in this transaction
            return Owing(chat_id, tuple(ids), tuple(messages), stamp)
        with self._lock:
            sent_already = {*self._sent, *self._recording}
        if repo.waiting_before(chat_id, ids[0], sent_already=sent_already):
            repo.release(ids)
            return None
        return Owing(chat_id, tuple(ids), tuple(messages), stamp)

    # --- sending ------------------------------------------------------------------------------------

    async def send_now(self, owing: Owing) -> DrainStats:
        """Send what a turn owes right after its COMMIT (the row leases make a crash harmless)."""
        self.budget.note_interactive()
        rows = [Owed(row_id, owing.chat_id, Priority.REPLY, "", owing.stamp, None, 1) for row_id in owing.ids]
        return await self._send_chat(rows, list(owing.messages))

    async def drain(self, *, rounds: int = 1_000_000) -> DrainStats:
        """Send every owed row that is due now, round after round; return what happened."""
        total = DrainStats()
        for _ in range(rounds):
            await self.flush()  # what this process sent is recorded before anything is leased again
            now = self.clock()
            bulk = self.budget.available()
            leased = await self.db.run(lambda s, now=now, bulk=bulk: self._lease(s, now, bulk))
            if not leased:
                total.throttled = self._throttled
                break
            stats = DrainStats()
            results = await asyncio.gather(
                *(self._send_chat([owed], [unseal(self.vault, owed.body)]) for owed in leased),
                return_exceptions=True,
            )
            for result in results:
                if isinstance(result, DrainStats):
                    stats.add(result)
                else:  # a bug, never a reason to stop delivering the others
                    log.error("outbox round failed: %s", type(result).__name__, exc_info=result)
            total.add(stats)
        await self.flush()
        return total

    def _lease(self, session: Session, now: datetime, bulk: int) -> list[Owed]:
        repo = OutboxRepository.of(session, self.vault)
        self._throttled = False
        if bulk >= self.batch:  # nothing held back: one query, most urgent first
            leased = repo.lease(self.owner, now, self.lease, self.batch)
            self.budget.spend(sum(1 for owed in leased if owed.priority is Priority.BULK))
            if any(owed.priority is not Priority.BULK for owed in leased):
                self.budget.note_interactive()
            return leased
        urgent = repo.lease(self.owner, now, self.lease, self.batch, max_priority=Priority.NOTICE)
        room = min(self.batch - len(urgent), bulk)
        self._throttled = room < self.batch - len(urgent)
        extra = repo.lease(self.owner, now, self.lease, room) if room > 0 else []
        bulk_count = sum(1 for owed in extra if owed.priority is Priority.BULK)
        self.budget.spend(bulk_count)
        if urgent:
            self.budget.note_interactive()
        return urgent + extra

    async def _send_chat(self, rows: list[Owed], messages: list[Rendered]) -> DrainStats:
        """Send one chat's rows in order, counted as in flight until the outcomes are known."""
        self._sending += 1
        self._idle.clear()
        try:
            return await self._send_rows(rows, messages)
        finally:
            self._sending -= 1
            if self._sending == 0:
                self._idle.set()

    async def _send_rows(self, rows: list[Owed], messages: list[Rendered]) -> DrainStats:
        """Send one chat's rows in order; stop at the first that does not go, and record outcomes."""
        stats = DrainStats()
        for position, (owed, message) in enumerate(zip(rows, messages, strict=True)):
            try:
                result = await self.sender.deliver(owed.chat_id, [message], owed.stamp)
            except Exception as err:  # a sender bug must not lose the row
                log.error("sender raised %s", type(err).__name__)
                result = SendResult(Delivery.RETRY, 60.0, type(err).__name__)
            metrics.SENDS.labels(
                metrics.send_outcome(result.delivery.value, rate_limited=result.rate_limited)
            ).inc()
            if result.delivery is Delivery.SENT:
                self._mark_sent(owed.id, owed.reminder_id)
                stats.sent += 1
                stats.outcomes.append((owed.id, "sent"))
                continue
            await self._record_failure(owed, result, stats)
            rest = [later.id for later in rows[position + 1 :]]
            if rest and result.delivery is not Delivery.BLOCKED:
                await self.db.run(lambda s, rest=rest: OutboxRepository(s, self.vault).release(rest))
            break
        return stats

    async def _record_failure(self, owed: Owed, result: SendResult, stats: DrainStats) -> None:
        now = self.clock()
        error = result.error or result.delivery.value
        if result.delivery is Delivery.BLOCKED:
            await self.db.run(lambda s: self._unreachable(s, owed.chat_id))
            stats.dropped += 1
            stats.outcomes.append((owed.id, "dropped"))
            return
        permanent = result.delivery is Delivery.FAILED
        if permanent or (
            result.delivery is Delivery.RETRY
            and not result.rate_limited
            and owed.attempts >= self.max_attempts
        ):

            def park(session: Session) -> None:
                OutboxRepository(session, self.vault).park(owed.id, error)
                self.record(session, Parked(owed.id, error))

            await self.db.run(park)
            metrics.SENDS.labels("parked").inc()
            log.warning(
                "outbox row %s parked after %s attempts: %s", owed.id, owed.attempts, printable(error or "")
            )
            stats.parked += 1
            stats.outcomes.append((owed.id, "parked"))
            return
        wait = result.retry_after if result.rate_limited else min(MAX_BACKOFF, 2.0**owed.attempts)
        not_before = now + timedelta(seconds=wait)
        await self.db.run(
            lambda s: OutboxRepository(s, self.vault).retry(
                owed.id, not_before, error, counts=not result.rate_limited
            )
        )
        stats.retried += 1
        stats.outcomes.append((owed.id, "retry"))

    def _unreachable(self, session: Session, chat_id: int) -> None:
        reminders = OutboxRepository.of(session, self.vault).drop_for_unreachable(chat_id)
        self.record(session, ChatUnreachable(chat_id, tuple(reminders)))

    # --- marking sent in batches --------------------------------------------------------------------

    def take_sent(self) -> list[int]:
        """Take the rows this process sent since they were last recorded, for the caller's transaction.

        Turns record them as they go (`mark`), so under load no transaction of its own is spent on it;
        `settle` says whether that transaction committed.
        """
        with self._lock:
            ids, self._sent = sorted(self._sent), []
            self._recording.update(ids)
        return ids

    def mark(self, session: Session, ids: list[int], now: datetime) -> None:
        """Record `ids` (from `take_sent`) as sent, inside the caller's transaction."""
        if ids:
            self._mark(session, ids, now)

    def settle(self, ids: list[int], *, committed: bool) -> None:
        """The transaction that recorded `ids` ended; if it rolled back they are recorded later."""
        with self._lock:
            self._recording.difference_update(ids)
            if not committed:
                self._sent.extend(ids)
            else:
                for row_id in ids:
                    self._reminder_of.pop(row_id, None)

    def _mark_sent(self, row_id: int, reminder_id: int | None = None) -> None:
        with self._lock:
            self._sent.append(row_id)
            if reminder_id is not None:
                self._reminder_of[row_id] = reminder_id
        if not self._closed and (self._flusher is None or self._flusher.done()):
            self._flusher = asyncio.create_task(self._flush_soon())

    async def _flush_soon(self) -> None:
        await asyncio.sleep(self.flush_every)
        await self.flush()

    async def close(self, *, wait: float = 10.0) -> None:
        """Await the sends in flight (at most `wait` seconds), then record everything sent.

        No flush is left scheduled after this; closing twice is harmless.
        """
        if self._sending:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._idle.wait(), wait)
        self._closed = True
        if (
            self._flusher is not None
            and not self._flusher.done()
            and self._flusher is not asyncio.current_task()
        ):
            self._flusher.cancel()
        await self.flush()

    async def flush(self) -> None:
        """Mark every row sent so far as sent, in one transaction (after any flush under way)."""
        async with self._flushing:
            await self._flush()

    async def _flush(self) -> None:
        while self._sent:
            ids = self.take_sent()
            now = self.clock()
            try:
                await self.db.run(lambda s, ids=ids, now=now: self._mark(s, ids, now))
            except Exception:
                self.settle(ids, committed=False)  # kept for the next flush; the lease still guards them
                log.exception("could not mark %s outbox rows sent", len(ids))
                return
            self.settle(ids, committed=True)

    def _mark(self, session: Session, ids: list[int], now: datetime) -> None:
        with self._lock:
            reminders = [self._reminder_of[row_id] for row_id in ids if row_id in self._reminder_of]
        OutboxRepository.of(session, self.vault).sent(ids, now)
        if reminders:
            self.record(session, RemindersSent(tuple(reminders)))

    # --- running ------------------------------------------------------------------------------------

    async def take_over_dead_leases(self) -> int:
        """Free the leases of processes on this host that are gone (a restart need not wait them out)."""
        now = self.clock()

        def work(session: Session) -> int:
            repo = OutboxRepository.of(session, self.vault)
            dead = [
                owner for owner in repo.lease_owners(now) if owner != self.owner and not alive_here(owner)
            ]
            return repo.free_leases(dead)

        freed = await self.db.run(work)
        if freed:
            log.info("took over %s messages leased by a process that is gone", freed)
        return freed

    def wake(self) -> None:
        """Something was owed: look now rather than at the next poll."""
        self._wake.set()

    async def run(self, stop: asyncio.Event, poll: float = 1.0) -> None:
        """Drain until `stop` is set, looking again when woken or every `poll` seconds."""
        await self.take_over_dead_leases()
        while not stop.is_set():
            pause = poll
            try:
                if (await self.drain()).throttled and self.budget.rate > 0:  # reminders wait their share
                    pause = min(poll, 1.0 / self.budget.rate)
            except Exception:
                log.exception("outbox drain failed; trying again")
            self._wake.clear()
            waits = [asyncio.create_task(self._wake.wait()), asyncio.create_task(stop.wait())]
            await asyncio.wait(waits, timeout=pause, return_when=asyncio.FIRST_COMPLETED)
            for task in waits:
                task.cancel()
        await self.flush()
