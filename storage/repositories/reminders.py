"""Reminder rows: planned in bulk per group of alike participants, claimed atomically, sent at most once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, delete, func, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.domain.capacity import BUCKETS, HASH_MULTIPLIER, HASH_SPACE
from bot.domain.participants import ParticipantStatus
from bot.domain.reminders import Planned
from storage.models import Conversation, Participant, Reminder

P = Participant.__table__
R = Reminder.__table__

# Who gets reminders at all.
ELIGIBLE = and_(
    P.c.reminders_on.is_(True),
    P.c.unreachable.is_(False),
    P.c.deceased.is_(False),
    P.c.death_reported.is_(None),  # a death reported and not yet checked: reminders pause
    P.c.chat_id.is_not(None),
    P.c.status != ParticipantStatus.ANONYMISED.value,
)


def bucket_expression():  # noqa: ANN201 - a SQL expression
    """`bot.domain.capacity.bucket_of` in SQL: the same integer arithmetic on both databases."""
    return (P.c.id * HASH_MULTIPLIER) % HASH_SPACE * BUCKETS // HASH_SPACE


@dataclass(frozen=True)
class Group:
    """Participants whose reminder schedule is identical."""

    first_month: date
    paid_through: date | None
    reminder_days: int
    reminder_hour: int
    timezone: str
    size: int


@dataclass(frozen=True)
class Claimed:
    """A reminder this process now owns."""

    id: int
    participant_id: int
    iuran_month: date
    kind: str
    planned_at: datetime
    attempts: int


class ReminderRepository:
    """Reminder rows; never commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _insert(self):  # noqa: ANN202 - the dialect's insert construct
        return pg_insert if self.session.bind.dialect.name == "postgresql" else sqlite_insert

    def groups(self) -> list[Group]:
        """Return the distinct schedules among eligible participants."""
        columns = (P.c.first_month, P.c.paid_through, P.c.reminder_days, P.c.reminder_hour, P.c.timezone)
        query = select(*columns, func.count()).where(ELIGIBLE).group_by(*columns)
        return [Group(*row) for row in (self.session.execute(query)).all()]

    def plan_for_group(self, group: Group, planned: Planned, within: tuple[int, int] = (0, BUCKETS)) -> int:
        """Insert one planned reminder for every participant of `group` registered before it is due.

        `within` narrows it to the participants in those buckets (`bucket_of`, computed here in SQL): the
        share of the group the capacity planner put at `planned.at`.
        """
        same = and_(
            P.c.first_month == group.first_month,
            P.c.paid_through.is_(None)
            if group.paid_through is None
            else P.c.paid_through == group.paid_through,
            P.c.reminder_days == group.reminder_days,
            P.c.reminder_hour == group.reminder_hour,
            P.c.timezone == group.timezone,
            P.c.created_at <= planned.at,
            ELIGIBLE,
        )
        if within != (0, BUCKETS):
            bucket = bucket_expression()
            same = and_(same, bucket >= within[0], bucket < within[1])
        rows = select(
            P.c.id,
            literal(planned.month, R.c.iuran_month.type),
            literal(planned.kind.value, R.c.kind.type),
            literal(planned.at, R.c.planned_at.type),
            literal(planned.at, R.c.due_at.type),
            literal(0, R.c.attempts.type),
        ).where(same)
        statement = (
            self._insert()(Reminder)
            .from_select(["participant_id", "iuran_month", "kind", "planned_at", "due_at", "attempts"], rows)
            .on_conflict_do_nothing(index_elements=["participant_id", "iuran_month", "kind"])
        )
        return (self.session.execute(statement)).rowcount or 0

    def add_notices(self, rows: list[dict]) -> None:
        """Plan many notices at once (a sponsor's month, the handovers); one already planned is kept."""
        if rows:
            statement = self._insert()(Reminder).on_conflict_do_nothing(
                index_elements=["participant_id", "iuran_month", "kind"]
            )
            self.session.execute(statement, rows)

    def add_notice(self, participant_id: int, month: date, kind: str, at: datetime) -> None:
        """Plan a notice (activation, reactivation) for `at`, sent like a reminder."""
        self.session.add(
            Reminder(
                participant_id=participant_id,
                iuran_month=month,
                kind=kind,
                planned_at=at,
                due_at=at,
                attempts=0,
            )
        )

    def delete_unclaimed(self, participant_id: int) -> None:
        """Forget the participant's reminders no dispatcher has taken yet."""
        self.session.execute(
            delete(Reminder).where(Reminder.participant_id == participant_id, Reminder.claimed_at.is_(None))
        )

    def mark_inactive(self, paid_through_at_most: date) -> int:
        """Set nonaktif everyone active whose paid-through month is at or before the cutoff."""
        statement = (
            update(Participant)
            .where(
                Participant.status == ParticipantStatus.ACTIVE.value,
                Participant.paid_through <= paid_through_at_most,
            )
            .values(status=ParticipantStatus.INACTIVE.value)
        )
        return (self.session.execute(statement)).rowcount or 0

    def claim(self, now: datetime, limit: int) -> list[Claimed]:
        """Take up to `limit` due reminders for this process; no other process can take them again."""
        due = (
            select(R.c.id)
            .where(R.c.claimed_at.is_(None), R.c.due_at <= now)
            .order_by(R.c.due_at)
            .limit(limit)
        )
        if self.session.bind.dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        statement = (
            update(R)
            .where(R.c.id.in_(due.scalar_subquery()))
            .values(claimed_at=now, attempts=R.c.attempts + 1)
            .returning(R.c.id, R.c.participant_id, R.c.iuran_month, R.c.kind, R.c.planned_at, R.c.attempts)
        )
        return [Claimed(*row) for row in (self.session.execute(statement)).all()]

    def finish(self, reminder_id: int, outcome: str) -> None:
        """Record what became of a claimed reminder."""
        self.session.execute(update(R).where(R.c.id == reminder_id).values(outcome=outcome))

    def release(self, reminder_id: int, due_at: datetime) -> None:
        """Put a claimed reminder back, to be tried at `due_at` (deferred, rate-limited, or failed)."""
        self.session.execute(update(R).where(R.c.id == reminder_id).values(claimed_at=None, due_at=due_at))

    def participants(self, ids: list[int]) -> dict[int, Participant]:
        """Load participants by id."""
        rows = self.session.execute(select(Participant).where(Participant.id.in_(ids)))
        return {p.id: p for p in rows.scalars()}

    def conversations(self, chat_ids: list[int]) -> dict[int, tuple[str, datetime | None]]:
        """Return (flow, last turn time) by chat id."""
        query = select(Conversation.chat_id, Conversation.flow, Conversation.updated_at).where(
            Conversation.chat_id.in_(chat_ids)
        )
        return {chat: (flow, updated) for chat, flow, updated in (self.session.execute(query)).all()}

    def mark_unreachable(self, participant_id: int) -> None:
        """Stop everything to a participant who blocked the bot."""
        self.session.execute(
            update(Participant).where(Participant.id == participant_id).values(unreachable=True)
        )

    def mark_chat_unreachable(self, chat_id: int) -> None:
        """Stop everything to the participant of a chat that blocked the bot."""
        self.session.execute(
            update(Participant).where(Participant.chat_id == chat_id).values(unreachable=True)
        )

    def set_outcome(self, reminder_ids: list[int], outcome: str) -> int:
        """Record what became of delivered or dropped reminders; return how many changed."""
        if not reminder_ids:
            return 0
        statement = (
            update(R)
            .where(R.c.id.in_(set(reminder_ids)), (R.c.outcome != outcome) | R.c.outcome.is_(None))
            .values(outcome=outcome)
        )
        return self.session.execute(statement).rowcount or 0
