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

from bot.delivery.outbox import Outbox
from bot.domain.coverage import add_months, coverage, last_passed_month
from bot.domain.participants import ParticipantStatus
from bot.domain.reminders import Kind, next_daytime, plan_window
from bot.domain.rules import Rules
from bot.flows.notices import NoticeFacts, notice
from bot.turn.render import Rendered, render
from storage.crypto import Vault
from storage.db import Database
from storage.models import Participant
from storage.repositories.outbox import Priority
from storage.repositories.participants import terms_of
from storage.repositories.reminders import Claimed, Group, ReminderRepository

log = logging.getLogger("bot.jobs.reminders")

IN_FLOW_GRACE = timedelta(hours=1)  # a worker busy in a flow gets the reminder when it ends, or after this
RECHECK = timedelta(minutes=1)
PLAN_AHEAD = timedelta(hours=24)
PLAN_BEHIND = timedelta(hours=12)  # after an outage, reminders up to this old still go out
MAX_ATTEMPTS = 5


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
    ) -> None:
        self.db = db
        self.vault = vault
        self.rules = rules
        self.outbox = outbox
        self.clock = clock
        self.batch = batch

    # --- planning -----------------------------------------------------------------------------------

    async def plan(self) -> int:
        """Insert the reminders due in the next day (idempotent); update who became nonaktif."""
        now = self.clock()
        cutoff = add_months(
            last_passed_month(now.astimezone(ZoneInfo("Asia/Jayapura")).date(), self.rules), -3
        )

        def inactive_and_groups(session: Session) -> list[Group]:
            repo = ReminderRepository(session)
            repo.mark_inactive(cutoff)
            return repo.groups()

        planned = 0
        for group in await self.db.run(inactive_and_groups, long=True):
            today = now.astimezone(ZoneInfo(group.timezone)).date()
            state = coverage(group.first_month, group.paid_through, today, self.rules)
            items = plan_window(
                state,
                today,
                days_before=group.reminder_days,
                hour=group.reminder_hour,
                zone=group.timezone,
                rules=self.rules,
            )
            due = [item for item in items if now - PLAN_BEHIND <= item.at <= now + PLAN_AHEAD]
            if due:
                # One transaction per group keeps SQLite's single writer free for conversations in between.
                planned += await self.db.run(
                    lambda session, group=group, due=due: sum(
                        ReminderRepository(session).plan_for_group(group, item) for item in due
                    ),
                    long=True,
                )
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
        for reminder in claimed:
            participant = people.get(reminder.participant_id)
            try:
                decision = self._decide(reminder, participant, convos, now)
            except Exception:  # one bad row (say, a sealed field that will not open) stops only itself
                log.exception("reminder %s could not be prepared", reminder.id)
                repo.release(reminder.id, now + timedelta(minutes=10 * reminder.attempts))
                stats.failed += 1
                continue
            if decision == "skip":
                repo.finish(reminder.id, "skipped")
                stats.skipped += 1
                stats.outcomes.append((reminder.id, "skipped"))
            elif isinstance(decision, str):
                repo.release(reminder.id, datetime.fromisoformat(decision.split(":", 1)[1]))
                stats.deferred += 1
            else:
                chat_id = participant.chat_id if participant else None
                assert chat_id is not None, "a reminder without a chat is skipped"
                notice = Kind(reminder.kind) in (Kind.ACTIVATED, Kind.REACTIVATED)
                priority = Priority.NOTICE if notice else Priority.BULK
                self.outbox.owe(session, chat_id, decision, priority, now, reminder_id=reminder.id)
                repo.finish(reminder.id, "queued")
        return stats

    def _decide(
        self,
        reminder: Claimed,
        participant: Participant | None,
        convos: dict[int, tuple[str, datetime | None]],
        now: datetime,
    ) -> list[Rendered] | str:
        """Return the messages to send, or why not: 'skip', 'defer:<iso>'."""
        if participant is None or participant.chat_id is None or participant.unreachable:
            return "skip"
        kind = Kind(reminder.kind)
        notification = kind in (Kind.ACTIVATED, Kind.REACTIVATED)
        if participant.deceased or participant.status == ParticipantStatus.ANONYMISED:
            return "skip"
        if not notification and (
            not participant.reminders_on
            or (participant.paid_through is not None and reminder.iuran_month <= participant.paid_through)
        ):
            return "skip"
        zone = participant.timezone
        if next_daytime(now, zone) != now:
            return f"defer:{next_daytime(now, zone).isoformat()}"
        flow, last_turn = convos.get(participant.chat_id, ("menu", None))
        planned_at = utc(reminder.planned_at)
        busy = flow != "menu" and last_turn is not None and utc(last_turn) > now - IN_FLOW_GRACE
        if busy and not notification and now < planned_at + IN_FLOW_GRACE:  # notices are never held back
            return f"defer:{(now + RECHECK).isoformat()}"
        today = now.astimezone(ZoneInfo(zone)).date()
        state = coverage(participant.first_month, participant.paid_through, today, self.rules)
        if not notification and state.status is ParticipantStatus.INACTIVE and kind is not Kind.AFTER:
            return "skip"  # once nonaktif: one plain monthly message, not three
        personal = self.vault.open(participant.personal) if participant.personal else {}
        facts = NoticeFacts(
            kind=kind,
            month=reminder.iuran_month,
            coverage=state,
            terms=terms_of(participant),
            registration_number=participant.registration_number or "",
            name=personal.get("name", ""),
            activated_on=_local_date(participant.activated_at, zone),
        )
        language = participant.language
        return [render(reply, language) for reply in notice(facts, self.rules)]


def _local_date(moment: datetime | None, zone: str) -> date | None:
    return utc(moment).astimezone(ZoneInfo(zone)).date() if moment else None
