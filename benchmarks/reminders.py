"""Reminder planning and dispatch at scale, on SQLite and PostgreSQL.

    python -m benchmarks.reminders [--participants N] [--dispatch-seconds 20] [--rate 30] [--only sqlite]

For each database: seed N participants (70% WIB, 20% WITA, 10% WIT; varied reminder settings; 40% paid
December ahead, 30% paid through November, 30% not yet), then measure, in a fresh process each:
  * capacity: the layout of 7-15 December at `--rate` × REMINDER_SHARE (80%), then `Reminders.plan()` every
    six hours from 7 December to the due date, as the job would: time, peak memory, the rows per hour and
    per day read back against capacity, none after the due date, each owing participant's reminder and
    due-day message once;
and on Tuesday 15 December 2026 (a due date):
  * plan: `Reminders.plan()` for the day, with its wall time and peak memory (targets: < 60 s, < 300 MB);
    baseline: one bare `INSERT … SELECT` of a row per participant, the database's own floor;
  * dispatch: `Reminders.dispatch()` through python-telegram-bot with AIORateLimiter at `--rate` messages/s
    against a fake Bot API answering every call in 50 ms (target: at least 95% of the rate);
    baseline: the same Bot and limiter sending the same number of messages directly, no database.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, insert, literal, select, text
from telegram.ext import AIORateLimiter, ExtBot

from bot.delivery.outbox import Outbox
from bot.domain.rules import DEFAULT_RULES
from bot.handlers.sender import TelegramSender
from bot.jobs import outcomes
from bot.jobs.reminders import Reminders, layout
from storage.crypto import Vault, generate_key
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Participant, Reminder
from storage.repositories.reminders import ReminderRepository
from tests.conftest import POSTGRES_URL, _reset_postgres
from tests.support.telegram import RecordingRequest

PLAN_AT = datetime(2026, 12, 15, 1, 30, tzinfo=UTC)  # 08:30 WIB on a due date
DISPATCH_AT = datetime(2026, 12, 15, 5, 0, tzinfo=UTC)  # 12:00 WIB, 13:00 WITA, 14:00 WIT
ZONES = ("Asia/Jakarta",) * 7 + ("Asia/Makassar",) * 2 + ("Asia/Jayapura",)
DAYS = (3, 3, 3, 3, 7, 1)
# 40% paid December ahead (autodebit, paying early), 30% paid through November, 30% never paid yet.
PAID_THROUGH = (date(2026, 12, 1),) * 4 + (date(2026, 11, 1),) * 3 + (None,) * 3
CAPACITY_FROM = datetime(2026, 12, 6, 23, 0, tzinfo=UTC)  # 08:00 WIT, Monday 7 December
CAPACITY_UNTIL = datetime(2026, 12, 15, 13, 0, tzinfo=UTC)  # 20:00 WIB on the due date
SHARE = 0.8  # REMINDER_SHARE's default
HOURS = (9, 9, 9, 8, 12, 17)


def peak_mb() -> float:
    """Return this process's peak resident memory in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def seed(url: str, count: int, key: str) -> float:
    """Insert `count` participants in batches; return seconds taken."""
    db = Database(url)
    vault = Vault(key)
    started = time.perf_counter()
    batch: list[dict] = []
    for n in range(count):
        batch.append(
            {
                "registration_number": f"2611{n:07d}",
                "chat_id": 10_000_000 + n,
                "nik_hash": vault.lookup_hash(f"3171011708{n:06d}"),
                "nik_last4": f"{n % 10_000:04d}",
                "personal": None,
                "province_code": "31",
                "regency_code": "3171",
                "timezone": ZONES[n % len(ZONES)],
                "occupations": ["pedagang"],
                "income": 1_000_000,
                "programme": "jkk_jkm",
                "status": "aktif" if n % 10 < 7 else "terdaftar",
                "paid_through": PAID_THROUGH[n % 10],
                "language": "id",
                "consent_version": "v1",
                "consent_at": datetime(2026, 10, 1, tzinfo=UTC),
                "first_month": date(2026, 11, 1),
                "created_at": datetime(2026, 10, 1, tzinfo=UTC),
                "reminder_days": DAYS[n % len(DAYS)],
                "reminder_hour": HOURS[(n // 7) % len(HOURS)],
            }
        )
        if len(batch) == 10_000:
            async with db.transaction() as session:
                await session.execute(insert(Participant), batch)
            batch = []
    if batch:
        async with db.transaction() as session:
            await session.execute(insert(Participant), batch)
    await db.dispose()
    return time.perf_counter() - started


class NullSender:
    """Planning sends nothing."""

    async def deliver(self, chat_id: int, messages: object) -> None:
        raise AssertionError("planning must not send")


async def measure_plan(url: str, key: str) -> dict:
    db = Database(url)
    reminders = Reminders(db, Vault(key), DEFAULT_RULES, NullSender(), clock=lambda: PLAN_AT)  # type: ignore[arg-type]
    started = time.perf_counter()
    planned = await reminders.plan()
    seconds = time.perf_counter() - started
    await db.dispose()
    return {"seconds": seconds, "planned": planned, "peak_mb": peak_mb()}


def hour_expression(dialect: str):  # noqa: ANN201 - a SQL expression
    if dialect == "postgresql":
        return func.date_trunc("hour", Reminder.planned_at)
    return func.strftime("%Y-%m-%d %H", Reminder.planned_at)


async def measure_capacity(url: str, key: str, rate: float) -> dict:
    """Plan every six hours from 7 to 15 December at `rate` × the reminders' share; read the load back."""
    db = Database(url)
    clock = [CAPACITY_FROM]
    reminders = Reminders(
        db,
        Vault(key),
        DEFAULT_RULES,
        NullSender(),
        clock=lambda: clock[0],
        rate=rate * SHARE,  # type: ignore[arg-type]
    )
    groups = await db.run(lambda session: ReminderRepository(session).groups())
    started = time.perf_counter()
    allocation, _ = layout(groups, CAPACITY_FROM, DEFAULT_RULES, rate * SHARE)
    layout_seconds = time.perf_counter() - started
    planned, runs, slowest = 0, 0, 0.0
    started = time.perf_counter()
    while clock[0] <= CAPACITY_UNTIL:
        began = time.perf_counter()
        planned += await reminders.plan()
        slowest = max(slowest, time.perf_counter() - began)
        runs += 1
        clock[0] += timedelta(hours=6)
    seconds = time.perf_counter() - started
    peak = peak_mb()
    december = [Reminder.iuran_month == date(2026, 12, 1), Reminder.kind.in_(("before", "warning", "due"))]
    async with db.transaction() as session:
        hour = hour_expression(db.engine.dialect.name)
        hourly = (await session.execute(select(hour, func.count()).where(*december).group_by(hour))).all()
        late = (
            await session.execute(select(func.count()).where(*december, Reminder.planned_at > CAPACITY_UNTIL))
        ).scalar_one()
        owing = (
            await session.execute(
                select(func.count())
                .select_from(Participant)
                .where((Participant.paid_through.is_(None)) | (Participant.paid_through < date(2026, 12, 1)))
            )
        ).scalar_one()
        per_person = (
            await session.execute(
                select(func.count()).select_from(
                    select(Reminder.participant_id)
                    .where(*december)
                    .group_by(Reminder.participant_id, Reminder.kind == "due")
                    .subquery()
                )
            )
        ).scalar_one()
        await session.execute(delete(Reminder))
    await db.dispose()
    per_hour = rate * SHARE * 3600
    by_day: dict[str, int] = {}
    for moment, count in hourly:
        day = str(moment)[:10]
        by_day[day] = by_day.get(day, 0) + count
    return {
        "layout_seconds": layout_seconds,
        "groups": len(groups),
        "projected_moved": allocation.moved,
        "projected_spill": allocation.spill,
        "projected_busiest": max(allocation.hourly.values(), default=0.0) / per_hour,
        "plan_runs": runs,
        "plan_seconds": seconds,
        "slowest_run": slowest,
        "planned": planned,
        "peak_mb": peak,
        "busiest_hour": max((count for _, count in hourly), default=0) / per_hour,
        "by_day": by_day,
        "day_capacity": per_hour * 14,
        "after_due_date": late,
        "owing": owing,
        "reminder_pairs": per_person,
    }


async def measure_bare_insert(url: str) -> dict:
    """The floor: one INSERT … SELECT of a reminder row per participant, no planning logic."""
    db = Database(url)
    started = time.perf_counter()
    async with db.transaction() as session:
        rows = select(
            Participant.id,
            literal(date(1999, 1, 1)),
            literal("baseline"),
            literal(PLAN_AT),
            literal(PLAN_AT),
            literal(0),
        )
        result = await session.execute(
            insert(Reminder).from_select(
                ["participant_id", "iuran_month", "kind", "planned_at", "due_at", "attempts"], rows
            )
        )
    seconds = time.perf_counter() - started
    async with db.transaction() as session:
        await session.execute(delete(Reminder).where(Reminder.kind == "baseline"))
    await db.dispose()
    return {"seconds": seconds, "planned": result.rowcount, "peak_mb": peak_mb()}


def rate_limited_bot(request: RecordingRequest, rate: float) -> ExtBot:
    return ExtBot(
        "1:BENCH",
        request=request,
        get_updates_request=request,
        rate_limiter=AIORateLimiter(overall_max_rate=rate, max_retries=3),
    )


async def measure_dispatch(url: str, key: str, seconds: float, rate: float) -> dict:
    request = RecordingRequest(latency=0.05)
    bot = rate_limited_bot(request, rate)
    await bot.initialize()
    db = Database(url)
    vault = Vault(key)
    outbox = Outbox(
        db, vault, TelegramSender(bot), clock=lambda: DISPATCH_AT, rate=rate, record=outcomes.record
    )
    reminders = Reminders(db, vault, DEFAULT_RULES, outbox, clock=lambda: DISPATCH_AT, batch=int(rate * 2))
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        stats = await reminders.dispatch()  # owes a batch to the outbox, sends what the rate allows
        if not stats.sent:
            await asyncio.sleep(0.01)
    elapsed = time.perf_counter() - started
    await bot.shutdown()
    await db.dispose()
    sent = sum(1 for c in request.calls if c.endpoint == "sendMessage")
    return {"seconds": elapsed, "sent": sent, "rate": sent / elapsed}


async def measure_direct_sends(seconds: float, rate: float) -> dict:
    request = RecordingRequest(latency=0.05)
    bot = rate_limited_bot(request, rate)
    await bot.initialize()
    started = time.perf_counter()
    count = int(seconds * rate)
    await asyncio.gather(*(bot.send_message(20_000_000 + n, "Pengingat iuran") for n in range(count)))
    elapsed = time.perf_counter() - started
    await bot.shutdown()
    return {"seconds": elapsed, "sent": count, "rate": count / elapsed}


def in_fresh_process(*args: str) -> dict:
    """Run one measurement in its own process, so its peak memory is its own."""
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.reminders", *args], capture_output=True, text=True, check=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


async def prepare(kind: str, folder: Path, count: int, key: str) -> tuple[str, float]:
    if kind == "sqlite":
        url = f"sqlite+aiosqlite:///{folder / 'reminders.sqlite3'}"
    else:
        await _reset_postgres()
        url = POSTGRES_URL
    await asyncio.to_thread(upgrade, url)
    seconds = await seed(url, count, key)
    if kind == "postgresql":
        db = Database(url)
        async with db.engine.connect() as connection:
            await connection.execute(text("COMMIT"))
            await connection.execute(text("ANALYZE"))
        await db.dispose()
    return url, seconds


def print_capacity(capacity: dict, rate: float) -> None:
    """Print the capacity measurement."""
    per_hour = rate * SHARE * 3600
    print(
        f"  capacity: {rate:g}/s × {SHARE:.0%} for reminders = {per_hour:,.0f} an hour; "
        f"{capacity['owing']:,} participants owe December ({capacity['groups']:,} alike groups)"
    )
    print(
        f"  layout of 7-15 December: {capacity['layout_seconds'] * 1000:.0f} ms; "
        f"{capacity['projected_moved']:,.0f} moved to earlier days, "
        f"spill {capacity['projected_spill']:,.0f}, busiest hour {capacity['projected_busiest']:.0%}"
    )
    print(
        f"  planned by the job every 6 h ({capacity['plan_runs']} runs): "
        f"{capacity['planned']:,} rows in {capacity['plan_seconds']:.0f} s "
        f"(slowest run {capacity['slowest_run']:.1f} s), "
        f"peak memory {capacity['peak_mb']:.0f} MB"
    )
    days = ", ".join(f"{day[5:]}: {count:,}" for day, count in sorted(capacity["by_day"].items()))
    print(f"  rows per UTC day (capacity {capacity['day_capacity']:,.0f}): {days}")
    print(
        f"  busiest hour as planned: {capacity['busiest_hour']:.1%} of capacity; "
        f"after the due date: {capacity['after_due_date']}; "
        f"reminder + due-day pairs: {capacity['reminder_pairs']:,} "
        f"(2 × owing = {2 * capacity['owing']:,})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--dispatch-seconds", type=float, default=20.0)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--measure", nargs=3, metavar=("WHAT", "URL", "KEY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        what, url, key = args.measure
        if what == "plan":
            result = asyncio.run(measure_plan(url, key))
        elif what == "capacity":
            result = asyncio.run(measure_capacity(url, key, args.rate))
        elif what == "bare":
            result = asyncio.run(measure_bare_insert(url))
        else:
            result = asyncio.run(measure_dispatch(url, key, args.dispatch_seconds, args.rate))
        print(json.dumps(result))
        return

    key = generate_key()
    print(
        f"{args.participants:,} participants; plan for {PLAN_AT:%Y-%m-%d %H:%M} UTC (a due date)", flush=True
    )
    direct = asyncio.run(measure_direct_sends(args.dispatch_seconds, args.rate))
    print(f"baseline send rate, PTB + AIORateLimiter({args.rate:g}/s), 50 ms API: {direct['rate']:.1f} msg/s")
    kinds = [args.only] if args.only else ["sqlite", "postgresql"]
    with tempfile.TemporaryDirectory() as folder:
        for kind in kinds:
            url, seeded = asyncio.run(prepare(kind, Path(folder), args.participants, key))
            print(f"\n{kind}: seeded in {seeded:.0f} s", flush=True)
            capacity = in_fresh_process("--rate", str(args.rate), "--measure", "capacity", url, key)
            print_capacity(capacity, args.rate)
            bare = in_fresh_process("--measure", "bare", url, key)
            plan = in_fresh_process("--measure", "plan", url, key)
            ratio = plan["seconds"] / bare["seconds"]
            print(
                f"  plan one day: {plan['planned']:,} reminders in {plan['seconds']:.1f} s, "
                f"peak memory {plan['peak_mb']:.0f} MB (targets < 60 s, < 300 MB)"
            )
            print(
                f"  baseline bare INSERT…SELECT of {bare['planned']:,} rows: {bare['seconds']:.1f} s, "
                f"peak memory {bare['peak_mb']:.0f} MB; plan/baseline time {ratio:.2f}"
            )
            dispatch = in_fresh_process(
                "--dispatch-seconds",
                str(args.dispatch_seconds),
                "--rate",
                str(args.rate),
                "--measure",
                "dispatch",
                url,
                key,
            )
            share = 100 * dispatch["rate"] / args.rate
            print(
                f"  dispatch: {dispatch['sent']} sent in {dispatch['seconds']:.1f} s = "
                f"{dispatch['rate']:.1f} msg/s, {share:.0f}% of {args.rate:g}/s (target >= 95%); "
                f"vs direct sends {dispatch['rate'] / direct['rate']:.2f}"
            )


if __name__ == "__main__":
    main()
