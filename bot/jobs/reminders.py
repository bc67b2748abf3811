"""Plan reminders as rows and owe the due ones to their chats through the outbox; never at night.

Both run from PTB's JobQueue in `bpu-bot run` and are called directly, with a clock, in tests. A due reminder
becomes outbox rows in the same transaction that claims it, so a crash can neither lose nor repeat it;
the outbox sends (`bot/delivery/outbox.py`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.delivery.messages import Rendered
from bot.delivery.outbox import Outbox
from bot.domain.capacity import BUCKETS, Allocation, Demand, allocate, buckets, day_start
from bot.domain.coverage import coverage, inactive_cutoff
from bot.domain.iuran import due_date
from bot.domain.participants import ParticipantStatus, SponsoredMonths
from bot.domain.priority import Priority
from bot.domain.reminders import (
    NOTIFICATIONS,
    Defer,
    Kind,
    NoticeFacts,
    Planned,
    Recipient,
    Send,
    Skip,
    decide,
    plan_window,
)
from bot.domain.rules import Rules
from bot.domain.sponsors import SponsorshipState
from bot.telemetry import metrics
from bot.turn import notices
from storage.crypto import Vault
from storage.db import Database
from storage.models import Participant
from storage.repositories.participants import terms_of
from storage.repositories.reminders import Claimed, Group, ReminderRepository
from storage.repositories.sponsors import SponsorRepository

log = logging.getLogger("bot.jobs.reminders")

PLAN_AHEAD = timedelta(hours=24)
LOOK_AHEAD = timedelta(days=9)  # a reminder may move a week earlier: its day must be seen that far ahead
PLAN_BEHIND = timedelta(hours=12)  # after an outage, reminders up to this old still go out
MAX_ATTEMPTS = 5

Key = tuple[Group, date, Kind]  # one reminder of one group of alike participants


@dataclass
class DispatchStats:
    """What one dispatch round did."""

    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    deferred: int = 0
    blocked: int = 0
    retried: int = 0
    failed: int = 0
    outcomes: list[tuple[int, str]] = field(default_factory=list)


def utc(moment: datetime) -> datetime:
    """Return an aware UTC datetime (SQLite hands back naive UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Reminders:
    """The reminder planner and dispatcher."""

    def __init__(
        self,
        db: Database,
        vault: Vault,
        rules: Rules,
        outbox: Outbox,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        batch: int = 200,
        rate: float = 0.0,
    ) -> None:
        self.db = db
        self.vault = vault
        self.rules = rules
        self.outbox = outbox
        self.clock = clock
        self.batch = batch
        self.rate = rate  # messages a second the planner may fill with reminders; 0: no limit

    # --- planning -----------------------------------------------------------------------------------

    async def plan(self) -> int:
        """Insert the reminders due in the next day (idempotent); update who became nonaktif.

        Each day's reminders are laid out within the token's capacity (`bot/domain/capacity.py`): what
        would not fit in its own hours goes out at an earlier hour or day, never after its due date.
        """
        now = self.clock()
        # The easternmost zone's date: nobody is marked nonaktif before their own day has come anywhere.
        cutoff = inactive_cutoff(now.astimezone(ZoneInfo("Asia/Jayapura")).date(), self.rules)

        def inactive_and_groups(session: Session) -> list[Group]:
            repo = ReminderRepository(session)
            repo.mark_inactive(cutoff)
            return repo.groups()

        groups = await self.db.run(inactive_and_groups, long=True)
        allocation, wanted = layout(groups, now, self.rules, self.rate)
        work: dict[Group, list[tuple[Planned, tuple[int, int]]]] = {}
        for portion in allocation.portions:
            group, month, kind = portion.key
            if now - PLAN_BEHIND <= portion.at <= now + PLAN_AHEAD:
                lo, hi = buckets(portion.start, portion.end)
                if hi > lo:
                    work.setdefault(group, []).append((Planned(month, kind, portion.at), (lo, hi)))
        whole = {
            p.key for p in allocation.portions if (p.start, p.end) == (0.0, 1.0) and p.at == wanted[p.key]
        }
        for key, at in wanted.items():
            # Once its moment has come (by then every share of its own day is planned too):
            # everyone of the group not planned yet, at the reminder's own moment. A participant whose share
            # moved as the group changed is never left out; a planned one is not planned twice.
            if key not in whole and now - PLAN_BEHIND <= at <= now:
                group, month, kind = key
                work.setdefault(group, []).append((Planned(month, kind, at), (0, BUCKETS)))
        planned = 0
        for group, items in work.items():
            # One transaction per group keeps SQLite's single writer free for conversations in between.
            planned += await self.db.run(
                lambda session, group=group, items=items: sum(
                    ReminderRepository(session).plan_for_group(group, item, within) for item, within in items
                ),
                long=True,
            )
        # A month before a sponsor's last month: the handover notice, once per sponsored worker.
        today = now.astimezone(ZoneInfo("Asia/Jakarta")).date()
        planned += await self.db.run(
            lambda session: SponsorRepository(session, self.vault, self.rules).plan_handovers(today, now)
        )
        metrics.REMINDERS_PLANNED.inc(planned)
        return planned

    # --- dispatching --------------------------------------------------------------------------------

    async def dispatch(self) -> DispatchStats:
        """Owe the due reminders and notices to their chats (one transaction), then send what is owed."""
        now = self.clock()
        stats = await self.db.run(lambda session: self._owe_due(session, now), long=True)
        drained = await self.outbox.drain()
        stats.sent, stats.retried, stats.failed = drained.sent, drained.retried, drained.parked
        stats.blocked = drained.dropped
        return stats

    def _owe_due(self, session: Session, now: datetime) -> DispatchStats:
        """Claim a batch of due reminder rows and turn each into outbox rows, or skip or defer it."""
        stats = DispatchStats()
        repo = ReminderRepository(session)
        claimed = repo.claim(now, self.batch)
        stats.claimed = len(claimed)
        if not claimed:
            return stats
        people = repo.participants([c.participant_id for c in claimed])
        convos = repo.conversations([p.chat_id for p in people.values() if p.chat_id is not None])
        sponsored = SponsorRepository(session, self.vault, self.rules).sponsored(list(people))
        for reminder in claimed:
            participant = people.get(reminder.participant_id)
            try:
                decision = self._decide(reminder, participant, convos, now, sponsored)
            except Exception:  # one bad row (say, a sealed field that will not open) stops only itself
                log.exception("reminder %s could not be prepared", reminder.id)
                repo.release(reminder.id, now + timedelta(minutes=10 * reminder.attempts))
                stats.failed += 1
                continue
            if isinstance(decision, Skip):
                repo.finish(reminder.id, decision.reason)
                metrics.REMINDERS_SKIPPED.labels(decision.why or decision.reason).inc()
                stats.skipped += 1
                stats.outcomes.append((reminder.id, decision.reason))
            elif isinstance(decision, Defer):
                repo.release(reminder.id, decision.until)
                stats.deferred += 1
            else:
                chat_id = participant.chat_id if participant else None
                assert chat_id is not None, "a reminder without a chat is skipped"
                priority = Priority.NOTICE if Kind(reminder.kind) in NOTIFICATIONS else Priority.BULK
                self.outbox.owe(session, chat_id, decision, priority, now, reminder_id=reminder.id)
                repo.finish(reminder.id, "queued")
        return stats

    def _decide(
        self,
        reminder: Claimed,
        participant: Participant | None,
        convos: dict[int, tuple[str, datetime | None]],
        now: datetime,
        sponsored: dict[int, SponsoredMonths],
    ) -> list[Rendered] | Skip | Defer:
        """Return the messages to send, or why not (the decision is `bot.domain.reminders.decide`)."""
        kind = Kind(reminder.kind)
        if kind in SPONSOR_NOTICES:
            theirs = sponsored.get(reminder.participant_id)
            if theirs is None:
                return Skip("skipped", "not_sponsored")
            if kind is Kind.HANDOVER and theirs.state != SponsorshipState.ACTIVE.value:
                return Skip("skipped", "handover_answered")
        who = None
        if participant is not None:
            flow, last_turn = convos.get(participant.chat_id or 0, ("menu", None))
            who = Recipient(
                reachable=participant.chat_id is not None and not participant.unreachable,
                gone=participant.deceased or participant.status == ParticipantStatus.ANONYMISED,
                paused=participant.death_reported is not None,
                reminders_on=participant.reminders_on,
                first_month=participant.first_month,
                paid_through=participant.paid_through,
                timezone=participant.timezone,
                busy_since=utc(last_turn) if flow != "menu" and last_turn is not None else None,
                sponsored_through=_sponsored_through(sponsored.get(participant.id)),
            )
        decision = decide(kind, reminder.iuran_month, utc(reminder.planned_at), who, now, self.rules)
        if not isinstance(decision, Send):
            return decision
        assert participant is not None, "decide skips a missing participant"
        zone = participant.timezone
        personal = self.vault.open(participant.personal) if participant.personal else {}
        facts = NoticeFacts(
            kind=kind,
            month=reminder.iuran_month,
            coverage=decision.coverage,
            terms=terms_of(participant),
            registration_number=participant.registration_number or "",
            name=personal.get("name", ""),
            activated_on=_local_date(participant.activated_at, zone),
            today=_local_date(now, zone),
            sponsored=sponsored.get(participant.id),
        )
        return notices.reminder(facts, self.rules, participant.language)


SPONSOR_NOTICES = frozenset({Kind.SPONSOR_ACTIVATED, Kind.SPONSORED, Kind.HANDOVER})


def _sponsored_through(sponsored: SponsoredMonths | None) -> date | None:
    """Return the last month a sponsor pays (no reminder asks the worker to pay it), or None."""
    return sponsored.last_month if sponsored is not None else None


def layout(
    groups: list[Group], now: datetime, rules: Rules, rate: float
) -> tuple[Allocation, dict[Key, datetime]]:
    """Lay out the reminders of the coming days within capacity; return it and each one's own moment.

    `rate` is what reminders may take of the token's messages a second (0: no limit).
    """
    wanted: dict[Key, datetime] = {}
    demands: list[Demand] = []
    horizon = now + LOOK_AHEAD
    for group in groups:
        today = now.astimezone(ZoneInfo(group.timezone)).date()
        state = coverage(group.first_month, group.paid_through, today, rules)
        items = plan_window(
            state,
            today,
            days_before=group.reminder_days,
            hour=group.reminder_hour,
            zone=group.timezone,
            rules=rules,
        )
        for item in items:
            if not now - PLAN_BEHIND <= item.at <= horizon:
                continue
            key = (group, item.month, item.kind)
            wanted[key] = item.at
            due = due_date(item.month, rules)
            earliest = due + timedelta(days=1) if item.kind is Kind.AFTER else due - timedelta(days=7)
            demands.append(
                Demand(key, group.timezone, group.size, item.at, earliest, first=item.kind is Kind.DUE)
            )
    return allocate(demands, rate, day_start(now)), wanted


def _local_date(moment: datetime | None, zone: str) -> date | None:
    return utc(moment).astimezone(ZoneInfo(zone)).date() if moment else None
