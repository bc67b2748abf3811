"""Repositories load and store, on both databases; what they store is what `bot.domain` decided."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from bot.app.services import Services
from bot.domain.participants import PaidMonths, ParticipantStatus, is_registration_number
from bot.domain.payments import PaymentNotice
from bot.domain.priority import Priority
from bot.domain.reminders import Kind
from bot.domain.rules import DEFAULT_RULES
from bot.domain.standing import standing_on
from storage.models import OutboxMessage, Participant, Reminder
from storage.repositories.claims import ClaimRepository
from storage.repositories.outbox import OutboxRepository
from storage.repositories.payments import PaymentRepository
from storage.repositories.reminders import ReminderRepository
from tests.support.seed import nik_for, seed_participants

PAID_AT = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)


def notice(reference: str, months: int = 1, amount: int = 8_400) -> PaymentNotice:
    return PaymentNotice(
        reference=reference, channel="bri", nik=nik_for(0), amount=amount, months=months, paid_at=PAID_AT
    )


async def test_a_first_payment_is_stored_and_its_activation_notice_handed_back_for_planning(
    services: Services,
) -> None:
    await seed_participants(services.db, services.vault, 1, first_month=date(2026, 11, 1))

    def apply(session):
        return PaymentRepository(session, services.vault, DEFAULT_RULES).apply_many(
            [notice("A-1"), notice("A-2")], PAID_AT
        )

    first, second = await services.db.run(apply)
    assert first.outcome == "applied"
    assert first.notice is not None
    assert (first.notice.kind, first.notice.month, first.notice.timezone) == (
        Kind.ACTIVATED,
        date(2026, 11, 1),
        "Asia/Jakarta",
    )
    assert second.outcome == "applied"
    assert second.notice is None
    async with services.db.transaction() as db:
        assert (await db.execute(select(Reminder))).scalars().all() == []  # the repository plans nothing


async def test_the_payment_record_feeds_the_standing_the_domain_computes(services: Services) -> None:
    await seed_participants(services.db, services.vault, 1, first_month=date(2026, 11, 1))
    # November and December discounted (PP 50/2025), January not
    applied = await services.payments.apply(notice("B-1", months=3, amount=33_600))
    assert applied.outcome == "applied", applied

    async def record():
        def load(session):
            participant = session.execute(select(Participant)).scalar_one()
            return ClaimRepository(session, services.vault).record_of(participant.id)

        return await services.db.run(load)

    held = await record()
    assert held is not None
    assert held.payments == (PaidMonths(date(2026, 11, 1), 3, PAID_AT.date()),)
    in_december = standing_on(held, date(2026, 12, 20), DEFAULT_RULES)
    assert (in_december.membership, in_december.ahead) == (1, (date(2027, 1, 1),))  # November has passed
    before = standing_on(held, date(2026, 11, 9), DEFAULT_RULES)  # paid the day after
    assert before.status is ParticipantStatus.REGISTERED


async def test_reminders_of_a_participant_are_dropped_and_forgotten_on_request(services: Services) -> None:
    await seed_participants(services.db, services.vault, 1, first_month=date(2026, 11, 1))
    now = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)

    def plan(session):
        participant = session.execute(select(Participant)).scalar_one()
        reminders = ReminderRepository(session)
        reminders.add_notice(participant.id, date(2026, 11, 1), Kind.BEFORE.value, now)
        reminders.add_notice(participant.id, date(2026, 12, 1), Kind.BEFORE.value, now)
        session.flush()
        first = session.execute(select(Reminder.id).order_by(Reminder.id)).scalars().first()
        OutboxRepository.of(session, services.vault).add(
            participant.chat_id, ["sealed"], Priority.BULK, now, reminder_id=first
        )
        return participant.id

    participant_id = await services.db.run(plan)

    def stop(session):
        OutboxRepository.of(session, services.vault).drop_reminders_of(participant_id, "participant deceased")
        ReminderRepository(session).delete_unclaimed(participant_id)

    await services.db.run(stop)
    async with services.db.transaction() as db:
        assert (await db.execute(select(OutboxMessage.state, OutboxMessage.error))).all() == [
            ("dropped", "participant deceased")
        ]
        assert (await db.execute(select(Reminder))).scalars().all() == []


async def test_registration_numbers_come_from_the_counter_with_a_check_digit(services: Services) -> None:
    await seed_participants(services.db, services.vault, 3, first_month=date(2026, 11, 1))
    async with services.db.transaction() as db:
        numbers = (await db.execute(select(Participant.registration_number))).scalars().all()
    assert len(set(numbers)) == 3
    assert all(is_registration_number(n or "") for n in numbers)
