"""Plan reminders as rows and dispatch the due ones: durable, at most once, never at night.

Both run from PTB's JobQueue in `bpu-bot run` and are called directly, with a clock, in tests. Nothing here
knows Telegram: a `Sender` delivers rendered messages and says whether the chat is reachable.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.delivery import Delivery, Sender, SendResult
from bot.domain.coverage import add_months, coverage, last_passed_month
from bot.domain.participants import ParticipantStatus
from bot.domain.reminders import Kind, next_daytime, plan_window
from bot.domain.rules import Rules
from bot.flows.notices import NoticeFacts, notice
from bot.render import Rendered, render
from storage.crypto import Vault
from storage.db import Database
from storage.models import Participant
from storage.repositories.participants import terms_of
from storage.repositories.reminders import Claimed, ReminderRepository

log = logging.getLogger("bot.reminders")

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
        sender: Sender,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        batch: int = 200,
    ) -> None:
        self.db = db
        self.vault = vault
        self.rules = rules
        self.sender = sender
        self.clock = clock
        self.batch = batch

    # --- planning -----------------------------------------------------------------------------------

    async def plan(self) -> int:
        """Insert the reminders due in the next day (idempotent); update who became nonaktif."""
        now = self.clock()
        async with self.db.transaction() as session:
            repo = ReminderRepository(session)
            cutoff = add_months(
                last_passed_month(now.astimezone(ZoneInfo("Asia/Jayapura")).date(), self.rules), -3
            )
            await repo.mark_inactive(cutoff)
            groups = await repo.groups()
        planned = 0
        for group in groups:
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
            if not due:
                continue
            # One transaction per group keeps SQLite's single writer free for conversations in between.
            async with self.db.transaction() as session:
                repo = ReminderRepository(session)
                for item in due:
                    planned += await repo.plan_for_group(group, item)
        return planned

    # --- dispatching --------------------------------------------------------------------------------

    async def dispatch(self) -> DispatchStats:
        """Claim a batch of due reminders, send them concurrently, record each outcome."""
        now = self.clock()
        stats = DispatchStats()
        async with self.db.transaction() as session:
            repo = ReminderRepository(session)
            claimed = await repo.claim(now, self.batch)
            if not claimed:
                return stats
            people = await repo.participants([c.participant_id for c in claimed])
            convos = await repo.conversations([p.chat_id for p in people.values() if p.chat_id is not None])
        stats.claimed = len(claimed)
        decisions = [self._decide(c, people.get(c.participant_id), convos, now) for c in claimed]
        sends = [(c, p, messages) for c, (p, messages) in zip(claimed, decisions, strict=True) if messages]
        results = await asyncio.gather(
            *(self.sender.deliver(p.chat_id or 0, messages) for _, p, messages in sends),
            return_exceptions=True,
        )
        outcome_by_id = {c.id: result for (c, _, _), result in zip(sends, results, strict=True)}
        async with self.db.transaction() as session:
            repo = ReminderRepository(session)
            for reminder, (participant, messages) in zip(claimed, decisions, strict=True):
                await self._record(
                    repo, reminder, participant, messages, outcome_by_id.get(reminder.id), now, stats
                )
        return stats

    def _decide(
        self,
        reminder: Claimed,
        participant: Participant | None,
        convos: dict[int, tuple[str, datetime | None]],
        now: datetime,
    ) -> tuple[Participant | None, list[Rendered] | str]:
        """Return the messages to send, or why not: 'skip', 'defer:<iso>'."""
        if participant is None or participant.chat_id is None or participant.unreachable:
            return participant, "skip"
        kind = Kind(reminder.kind)
        notification = kind in (Kind.ACTIVATED, Kind.REACTIVATED)
        if participant.deceased or participant.status == ParticipantStatus.ANONYMISED:
            return participant, "skip"
        if not notification and (
            not participant.reminders_on
            or (participant.paid_through is not None and reminder.iuran_month <= participant.paid_through)
        ):
            return participant, "skip"
        zone = participant.timezone
        if next_daytime(now, zone) != now:
            return participant, f"defer:{next_daytime(now, zone).isoformat()}"
        flow, last_turn = convos.get(participant.chat_id, ("menu", None))
        planned_at = utc(reminder.planned_at)
        busy = flow != "menu" and last_turn is not None and utc(last_turn) > now - IN_FLOW_GRACE
        if busy and now < planned_at + IN_FLOW_GRACE:
            return participant, f"defer:{(now + RECHECK).isoformat()}"
        today = now.astimezone(ZoneInfo(zone)).date()
        state = coverage(participant.first_month, participant.paid_through, today, self.rules)
        if not notification and state.status is ParticipantStatus.INACTIVE and kind is not Kind.AFTER:
            return participant, "skip"  # once nonaktif: one plain monthly message, not three
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
        return participant, [render(reply, language) for reply in notice(facts, self.rules)]

    async def _record(
        self,
        repo: ReminderRepository,
        reminder: Claimed,
        participant: Participant | None,
        messages: list[Rendered] | str,
        result: SendResult | BaseException | None,
        now: datetime,
        stats: DispatchStats,
    ) -> None:
        if messages == "skip":
            await repo.finish(reminder.id, "skipped")
            stats.skipped += 1
            stats.outcomes.append((reminder.id, "skipped"))
            return
        if isinstance(messages, str):
            await repo.release(reminder.id, datetime.fromisoformat(messages.split(":", 1)[1]))
            stats.deferred += 1
            return
        if isinstance(result, SendResult) and result.delivery is Delivery.SENT:
            await repo.finish(reminder.id, "sent")
            stats.sent += 1
            stats.outcomes.append((reminder.id, "sent"))
        elif isinstance(result, SendResult) and result.delivery is Delivery.BLOCKED:
            await repo.finish(reminder.id, "unreachable")
            if participant is not None:
                await repo.mark_unreachable(participant.id)
            stats.blocked += 1
        elif reminder.attempts >= MAX_ATTEMPTS:
            await repo.finish(reminder.id, "failed")
            stats.failed += 1
            log.warning("reminder %s failed after %s attempts", reminder.id, reminder.attempts)
        else:
            wait = result.retry_after if isinstance(result, SendResult) else 60.0 * reminder.attempts
            await repo.release(reminder.id, now + timedelta(seconds=wait))
            stats.retried += 1


def _local_date(moment: datetime | None, zone: str) -> date | None:
    return utc(moment).astimezone(ZoneInfo(zone)).date() if moment else None
