"""Reminders follow one participant through four iuran months, on the expected day and local hour."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot.domain.rules import DEFAULT_RULES
from bot.jobs.payments import PaymentService
from bot.turn.runner import Runner
from storage.models import OutboxMessage, Participant, Reminder
from storage.repositories.payments import PaymentNotice
from tests.support.journeys import NIK, register
from tests.support.telegram import BotClient, RecordingRequest

WIB, WITA = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar")


def received_as(got: list[tuple[str, str]], expected: list[tuple[str, str]]) -> bool:
    """Compare (local time, message) pairs by the start of each message."""
    assert [when for when, _ in got] == [when for when, _ in expected], got
    for (_, text), (_, start) in zip(got, expected, strict=True):
        assert text.startswith(start), (text, start)
    return True


def utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def local(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone).astimezone(UTC)


class Clockwork:
    """Move the clock hour by hour, planning and dispatching as the jobs would; record what arrives.

    Hours in which nothing can happen are skipped: the clock goes straight to the next planning tick
    (every six hours, local time) or the next hour at which a reminder or an owed message is due.
    """

    def __init__(
        self,
        runner: Runner,
        application,
        telegram: RecordingRequest,
        clock: list[datetime],
        chat_id: int,
        zone: ZoneInfo,
    ) -> None:
        self.clock = clock
        self.telegram = telegram
        self.chat_id = chat_id
        self.zone = zone
        self.reminders = application.bot_data.reminders
        self.db = runner.db
        self.payments = PaymentService(runner.db, runner.vault, DEFAULT_RULES, lambda: clock[0])
        self.seen = len(telegram.sent_to(chat_id))
        self.received: list[tuple[str, str]] = []

    async def run_until(self, until: datetime, step: timedelta = timedelta(hours=1)) -> list[tuple[str, str]]:
        self.seen = len(self.telegram.sent_to(self.chat_id))  # only what arrives from now on
        while self.clock[0] < until:
            self.clock[0] = min(until, max(self.clock[0] + step, await self._next_event(step)))
            if self.clock[0].astimezone(self.zone).hour % 6 == 0 and self.clock[0].minute == 0:
                await self.reminders.plan()
            while (await self.reminders.dispatch()).claimed:
                pass
            calls = self.telegram.sent_to(self.chat_id)
            for call in calls[self.seen :]:
                stamp = self.clock[0].astimezone(self.zone).strftime("%Y-%m-%d %H:%M")
                self.received.append((stamp, call.params.get("text") or call.params.get("caption", "")))
            self.seen = len(calls)
        received, self.received = self.received, []
        return received

    async def _next_event(self, step: timedelta) -> datetime:
        """Return the next hour at which the jobs would do something: plan, or dispatch what is due."""
        now = self.clock[0]
        tick = now + step
        while tick.astimezone(self.zone).hour % 6:
            tick += step
        async with self.db.transaction() as db:
            reminder = (
                await db.execute(select(func.min(Reminder.due_at)).where(Reminder.claimed_at.is_(None)))
            ).scalar()
            owed = (
                await db.execute(
                    select(func.min(OutboxMessage.not_before)).where(OutboxMessage.state == "pending")
                )
            ).scalar()
        due = [utc(moment) for moment in (reminder, owed) if moment is not None]
        if not due:
            return tick
        first = min(due)
        hours = max(1, -(-(first - now) // step))  # whole steps, rounded up: the hour it is due at
        return min(tick, now + hours * step)


@pytest.mark.slow
@pytest.mark.parametrize(("zone", "move_to"), [(WIB, None), (WITA, "Kota Makassar")], ids=["WIB", "WITA"])
async def test_one_participant_through_four_iuran_months(
    worker: BotClient,
    runner: Runner,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
    zone: ZoneInfo,
    move_to: str | None,
) -> None:
    clock[0] = local(zone, 2027, 4, 20, 10)
    await register(worker)
    if move_to:
        await worker.says("/datasaya")
        await worker.taps("Ubah kab/kota")
        await worker.says(move_to)
        await worker.taps("Selesai")
    work = Clockwork(runner, application, telegram, clock, worker.chat_id, zone)

    # May 2027: due Tuesday 18 May (Saturday 15th, Monday 17th is Idul Adha).
    got = await work.run_until(local(zone, 2027, 5, 20, 10))
    assert received_as(
        got,
        [
            ("2027-05-15 09:00", "Pengingat iuran BPJS Ketenagakerjaan: iuran pertama Anda (Mei"),
            ("2027-05-18 09:00", "Hari ini batas bayar iuran Mei 2027: Rp16.800."),
        ],
    )
    assert "jatuh tempo Selasa, 18 Mei 2027" in got[0][1]
    applied = await work.payments.apply(PaymentNotice("POS-1", "pos", NIK, 16_800, 1, clock[0]))
    assert applied.outcome == "applied"

    # The payment: a notice and the card, and nothing more for May.
    got = await work.run_until(local(zone, 2027, 6, 1, 0))
    assert [text.split(".")[0] for _, text in got] == [
        "Pembayaran iuran Anda sudah tercatat",
        "Kartu peserta digital Anda",
    ]

    # June and July unpaid: before, due, and a week after, each at 09:00 local time.
    got = await work.run_until(local(zone, 2027, 8, 1, 0))
    assert received_as(
        got,
        [
            ("2027-06-12 09:00", "Pengingat iuran BPJS Ketenagakerjaan: iu"),
            ("2027-06-15 09:00", "Hari ini batas bayar iuran Juni 2027: Rp"),
            ("2027-06-22 09:00", "Iuran Juni 2027 (Rp16.800) belum tercata"),
            ("2027-07-12 09:00", "Pengingat iuran BPJS Ketenagakerjaan: iu"),
            ("2027-07-15 09:00", "Hari ini batas bayar iuran Juli 2027: Rp"),
            ("2027-07-22 09:00", "Iuran Juli 2027 (Rp16.800) belum tercata"),
        ],
    )
    assert "Tunggakan Anda: 1 bulan (Rp16.800)." in got[2][1]
    assert "Tunggakan Anda: 2 bulan (Rp33.600)." in got[5][1]

    # August is the third missed month: the rights still hold, on condition (PP 44/2015 Pasal 39, 42).
    got = await work.run_until(local(zone, 2027, 9, 1, 0))
    assert received_as(
        got,
        [
            ("2027-08-13 09:00", "Pengingat iuran BPJS Ketenagakerjaan: iu"),
            ("2027-08-16 09:00", "Hari ini batas bayar iuran Agustus 2027: Rp"),
            ("2027-08-23 09:00", "Iuran Agustus 2027 (Rp16.800) belum tercata"),
        ],
    )
    assert "Tunggakan Anda: 3 bulan (Rp50.400). Selama tunggakan paling lama 3 bulan, hak JKK" in got[2][1]
    async with runner.db.transaction() as db:
        assert (await db.execute(select(Participant.status))).scalar_one() == "aktif"

    # September would be the fourth: a clear warning first; after its due date, nonaktif.
    got = await work.run_until(local(zone, 2027, 10, 1, 0))
    assert received_as(
        got,
        [
            ("2027-09-12 09:00", "PENTING: tunggakan iuran Anda sudah 3 bulan (Rp50.400)"),
            ("2027-09-15 09:00", "Hari ini batas bayar iuran September 2027: Rp"),
            ("2027-09-22 09:00", "Perlindungan BPJS Ketenagakerjaan Anda nonakt"),
        ],
    )
    assert "sampai Rabu, 15 September 2027, tunggakan lebih dari 3 bulan" in got[0][1]
    async with runner.db.transaction() as db:
        assert (await db.execute(select(Participant.status))).scalar_one() == "nonaktif"
    worker.new_texts()  # what the clockwork already read
    said = await worker.says("/iuran")
    assert said[0].split("\n")[2].startswith("Status: nonaktif")


@pytest.fixture
async def registered_in_may(
    worker: BotClient,
    runner: Runner,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> Clockwork:
    """A worker in Pekanbaru (WIB) registered on 1 May 2027; the clockwork that follows their chat."""
    clock[0] = local(WIB, 2027, 5, 1, 10)
    await register(worker)
    return Clockwork(runner, application, telegram, clock, worker.chat_id, WIB)


async def plan_before_the_due_reminder(work: Clockwork) -> None:
    """Plan at 08:50 on 15 May 2027, before the 09:00 reminder."""
    work.clock[0] = local(WIB, 2027, 5, 15, 8, 50)
    await work.reminders.plan()


async def test_registering_after_the_reminder_time_gets_the_next_one(
    worker: BotClient,
    runner: Runner,
    application,
    telegram: RecordingRequest,
    clock: list[datetime],
) -> None:
    clock[0] = local(WIB, 2027, 5, 16, 12)  # after the 'before' reminder of 15 May 09:00
    await register(worker)
    work = Clockwork(runner, application, telegram, clock, worker.chat_id, WIB)
    got = await work.run_until(local(WIB, 2027, 5, 19, 0))
    assert received_as(
        got,
        [
            ("2027-05-18 09:00", "Hari ini batas bayar iuran Mei 2027: Rp16.800."),
        ],
    )


async def test_a_worker_in_the_middle_of_a_flow_gets_the_reminder_when_it_ends(
    worker: BotClient, registered_in_may: Clockwork, clock: list[datetime]
) -> None:
    work = registered_in_may
    await plan_before_the_due_reminder(work)
    clock[0] = local(WIB, 2027, 5, 15, 8, 55)
    await worker.says("/datasaya")  # busy in a flow when the 09:00 reminder is due
    got = await work.run_until(local(WIB, 2027, 5, 15, 9, 30), step=timedelta(minutes=5))
    assert got == []
    await worker.taps("Selesai")
    got = await work.run_until(local(WIB, 2027, 5, 15, 9, 40), step=timedelta(minutes=5))
    assert [when for when, _ in got] == ["2027-05-15 09:35"]


async def test_a_worker_who_stays_in_a_flow_gets_it_after_one_hour_at_most(
    worker: BotClient, registered_in_may: Clockwork, clock: list[datetime]
) -> None:
    work = registered_in_may
    await plan_before_the_due_reminder(work)
    clock[0] = local(WIB, 2027, 5, 15, 8, 55)
    await worker.says("/datasaya")
    clock[0] = local(WIB, 2027, 5, 15, 9, 50)
    await worker.taps("Ubah HP")  # still busy
    got = await work.run_until(local(WIB, 2027, 5, 15, 10, 30), step=timedelta(minutes=5))
    assert [when for when, _ in got] == ["2027-05-15 10:00"], got


async def test_blocked_bot_marks_the_worker_unreachable_and_sends_nothing_more(
    worker: BotClient, registered_in_may: Clockwork, runner: Runner, telegram: RecordingRequest
) -> None:
    telegram.blocked.add(worker.chat_id)
    got = await registered_in_may.run_until(local(WIB, 2027, 6, 30, 0))
    assert got == []
    async with runner.db.transaction() as db:
        assert (await db.execute(select(Participant.unreachable))).scalar_one() is True
        outcomes = (await db.execute(select(Reminder.kind, Reminder.outcome).order_by(Reminder.id))).all()
    assert outcomes == [("before", "unreachable")]


async def test_rate_limited_send_waits_retry_after(
    worker: BotClient, registered_in_may: Clockwork, telegram: RecordingRequest, clock: list[datetime]
) -> None:
    telegram.throttled[worker.chat_id] = 120
    work = registered_in_may
    await plan_before_the_due_reminder(work)
    clock[0] = local(WIB, 2027, 5, 15, 9, 0)
    first = await work.reminders.dispatch()
    assert (first.sent, first.retried) == (0, 1)
    got = await work.run_until(local(WIB, 2027, 5, 15, 9, 3), step=timedelta(minutes=1))
    assert got == [("2027-05-15 09:02", got[0][1])]


async def test_nothing_is_sent_at_night(
    registered_in_may: Clockwork, runner: Runner, clock: list[datetime]
) -> None:
    work = registered_in_may
    async with runner.db.transaction() as db:
        participant = (await db.execute(select(Participant))).scalar_one()
        db.add(
            Reminder(
                participant_id=participant.id,
                iuran_month=date(2027, 5, 1),
                kind="before",
                planned_at=local(WIB, 2027, 5, 14, 21),
                due_at=local(WIB, 2027, 5, 14, 21),
                attempts=0,
            )
        )
    clock[0] = local(WIB, 2027, 5, 14, 20, 30)
    got = await work.run_until(local(WIB, 2027, 5, 15, 9, 0), step=timedelta(minutes=30))
    assert [when for when, _ in got] == ["2027-05-15 08:00"]
