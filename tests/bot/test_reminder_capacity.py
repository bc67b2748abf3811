"""More reminders fall on a due date than the token can send in the day: they are spread, none after it.

900 participants (600 in WIB, 300 in WITA) owe December's iuran, due Tuesday 15 December 2026, and want
their reminder 3 days before, at 09:00. The token may send 50 reminders an hour here (the planner's
`rate` at test scale), so neither the due day (900 due-day messages) nor the 12th (900 reminders) fits.
The clock runs from 1 to 16 December, planning and dispatching every hour as `bpu-bot run` does.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update
from telegram.ext import ExtBot

from bot.app.services import Services
from bot.app.settings import Settings, SettingsError
from bot.delivery.channel import Delivery
from bot.delivery.messages import Rendered
from bot.domain.capacity import bucket_of
from bot.handlers.sender import TelegramSender
from bot.jobs.reminders import Reminders
from storage.models import Participant, Reminder
from storage.repositories.reminders import bucket_expression
from tests.support.cli import bpu_bot
from tests.support.files import jpeg
from tests.support.seed import seed_participants
from tests.support.telegram import RecordingRequest

PER_HOUR = 50
DUE = date(2026, 12, 15)


async def test_reminders_over_a_days_capacity_are_spread_and_none_goes_after_its_due_date(
    services: Services, application, telegram: RecordingRequest, clock: list[datetime]
) -> None:
    november = date(2026, 11, 1)
    await seed_participants(services.db, services.vault, 900, first_month=november, paid_through=november)
    async with services.db.transaction() as db:  # every third one lives in WITA
        await db.execute(update(Participant).where(Participant.id % 3 == 0).values(timezone="Asia/Makassar"))
    reminders = Reminders(
        services.db,
        services.vault,
        services.settings.rules,
        application.bot_data.outbox,
        clock=lambda: clock[0],
        rate=PER_HOUR / 3600,
    )
    clock[0] = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    while clock[0] < datetime(2026, 12, 16, 0, 0, tzinfo=UTC):
        await reminders.plan()
        while (await reminders.dispatch()).claimed:
            pass
        clock[0] += timedelta(hours=1)

    async with services.db.transaction() as db:
        rows = (await db.execute(select(Reminder.participant_id, Reminder.kind, Reminder.planned_at))).all()
        zones = {pid: zone for pid, zone in await db.execute(select(Participant.id, Participant.timezone))}

    # Everyone gets their reminder and their due-day message, once each.
    kinds = Counter((participant, kind) for participant, kind, _ in rows)
    assert set(kinds.values()) == {1}
    assert Counter(kind for _, kind in kinds) == {"before": 900, "due": 900}

    # None after its due date, every one inside its zone's daytime window.
    for participant, _, planned in rows:
        local = planned.replace(tzinfo=UTC).astimezone(ZoneInfo(zones[participant]))
        assert local.date() <= DUE
        assert 8 <= local.hour < 20

    # No hour over what the token can send (a few over, at most, where buckets round).
    per_hour = Counter(planned.replace(minute=0, second=0, microsecond=0) for _, _, planned in rows)
    assert max(per_hour.values()) <= PER_HOUR * 1.1
    by_day = Counter(planned.date() for _, _, planned in rows)
    assert max(by_day.values()) <= PER_HOUR * 14  # WITA's and WIB's windows together: 00:00-13:00 UTC

    # The due-day messages kept their day as far as the day allowed; the reminders made room for them.
    due_on_due_day = sum(
        1
        for p, kind, at in rows
        if kind == "due" and at.replace(tzinfo=UTC).astimezone(ZoneInfo(zones[p])).date() == DUE
    )
    assert due_on_due_day >= PER_HOUR * 11  # from 09:00 on the day
    assert min(planned.date() for _, _, planned in rows) >= DUE - timedelta(days=7)
    sent = [c for c in telegram.calls if c.endpoint == "sendMessage"]
    assert len(sent) == 1800


async def test_the_dry_run_prints_each_days_load_window_and_spill(
    services: Services, database_url: str, data_key: str, tmp_path
) -> None:
    november = date(2026, 11, 1)
    await seed_participants(services.db, services.vault, 900, first_month=november, paid_through=november)

    async def dry_run(rate: str):
        return await bpu_bot(
            database_url,
            tmp_path,
            "reminders",
            "plan",
            "--dry-run",
            "--date",
            "2026-12-08",
            DATA_KEY=data_key,
            SEND_RATE_PER_SECOND=rate,
        )

    shown = await dry_run("0.1")  # 80% of it for reminders: 288 an hour, 3,456 in a 12-hour window
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == "send rate 0.1/s, reminders' share 80%: 288 reminders an hour"
    assert lines[1] == "900 participants get reminders, in 1 alike groups"
    assert "2026-12-12  WIB   01:00-13:00        3,456        900         0" in lines  # 3 days before
    assert "2026-12-15  WIB   01:00-13:00        3,456        900         0" in lines  # the due date
    assert "2026-12-15  WITA  00:00-12:00        3,456          0         0" in lines
    assert "spill (no room before the due date: sent late that day or the next morning): 0" in lines

    crowded = await dry_run("0.01")  # 28.8 an hour: 900 do not fit in a day
    assert crowded.returncode == 0, crowded.stderr
    wib = [line.split() for line in crowded.stdout.splitlines() if line[:4] == "2026" and " WIB " in line]
    planned = {row[0]: (int(row[4].replace(",", "")), int(row[5].replace(",", ""))) for row in wib}
    # 11 hours of 28.8 (99% of it planned) from 09:00 on the due date and on the 12th; the rest moved to the
    # days before, 12 hours a day.
    assert planned["2026-12-15"] == (314, 0)
    assert planned["2026-12-14"] == (342, 342)
    assert planned["2026-12-12"] == (314, 0)
    assert planned["2026-12-11"] == (342, 342)
    assert abs(sum(load for load, _ in planned.values()) - 1800) <= len(planned)  # each day rounded
    assert planned["2026-12-16"] == (0, 0)  # nothing after the due date
    assert "moved to an earlier day: 1,173" in crowded.stdout
    assert "busiest hour: 99% of capacity" in crowded.stdout  # 1% kept for rounding


def test_a_rate_over_telegrams_free_30_a_second_needs_paid_broadcasts() -> None:
    with pytest.raises(SettingsError, match="PAID_BROADCAST=true"):
        Settings.from_env({"SEND_RATE_PER_SECOND": "100"}, env_file=None)
    with pytest.raises(SettingsError, match="at most 1000"):
        Settings.from_env({"SEND_RATE_PER_SECOND": "2000", "PAID_BROADCAST": "true"}, env_file=None)
    assert Settings.from_env({"SEND_RATE_PER_SECOND": "30"}, env_file=None).paid_broadcast is False


@pytest.mark.parametrize("paid", [False, True])
async def test_paid_broadcasts_are_asked_for_on_each_message_only_when_configured(paid: bool) -> None:
    request = RecordingRequest()
    bot = ExtBot("1:TEST", request=request, get_updates_request=request)
    await bot.initialize()
    sender = TelegramSender(bot, paid_broadcast=paid)
    result = await sender.deliver(6100, [Rendered("Pengingat iuran"), Rendered("Kartu", photo=jpeg())])
    await bot.shutdown()
    assert result.delivery is Delivery.SENT
    sends = [c for c in request.calls if c.endpoint in ("sendMessage", "sendPhoto")]
    assert [c.params.get("allow_paid_broadcast") for c in sends] == ([True, True] if paid else [None, None])


async def test_the_database_puts_each_participant_in_the_planners_bucket(services: Services) -> None:
    november = date(2026, 11, 1)
    await seed_participants(services.db, services.vault, 3000, first_month=november)
    async with services.db.transaction() as db:
        rows = (await db.execute(select(Participant.id, bucket_expression()))).all()
    assert [bucket for _, bucket in rows] == [bucket_of(participant) for participant, _ in rows]
    every_tenth = Counter(
        bucket_of(participant) * 10 // 1000 for participant, _ in rows if participant % 10 == 3
    )
    assert len(every_tenth) == 10  # a regular pattern of ids still spreads over every tenth of the buckets
    assert max(every_tenth.values()) < 2 * min(every_tenth.values())
