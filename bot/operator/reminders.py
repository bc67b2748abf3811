"""`bpu-bot reminders plan --dry-run [--date D]`: the coming days' reminder load against capacity."""

from __future__ import annotations

import argparse
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.app.settings import Settings
from bot.domain.capacity import HOUR, window
from bot.jobs.reminders import LOOK_AHEAD, layout
from storage.db import Database
from storage.repositories.reminders import ReminderRepository

ZONES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


async def reminders_command(settings: Settings, args: argparse.Namespace) -> int:
    """Print the projected load of the coming days; change nothing (`bpu-bot run` plans every 10 minutes)."""
    day: date = args.date or datetime.now(ZoneInfo("Asia/Jakarta")).date()
    # 08:00 WIT on that day is 23:00 UTC the day before: the first hour of any zone's window that day.
    now = datetime.combine(day, time(8), ZoneInfo("Asia/Jayapura")).astimezone(UTC)
    db = Database(settings.database_url)
    try:
        groups = await db.run(lambda session: ReminderRepository(session).groups())
    finally:
        await db.dispose()
    rate = settings.send_rate_per_second * settings.reminder_share
    allocation, _ = layout(groups, now, settings.rules, rate)
    per_hour = rate * 3600
    print(
        f"send rate {settings.send_rate_per_second:g}/s, reminders' share {settings.reminder_share:.0%}: "
        + (f"{per_hour:,.0f} reminders an hour" if rate > 0 else "no limit (SEND_RATE_PER_SECOND=0)")
    )
    print(f"{sum(g.size for g in groups):,} participants get reminders, in {len(groups):,} alike groups")
    print()
    print(f"{'date':<11} {'zone':<5} {'window (UTC)':<13} {'capacity':>10} {'planned':>10} {'moved in':>9}")
    moved_to: dict[tuple[date, str], float] = defaultdict(float)
    for portion in allocation.portions:
        if portion.moved:
            zone = portion.key[0].timezone
            moved_to[(portion.at.astimezone(ZoneInfo(zone)).date(), zone)] += (
                portion.end - portion.start
            ) * portion.key[0].size
    last = day + timedelta(days=LOOK_AHEAD.days - 1)
    worst = 0.0
    current = day
    while current <= last:
        for zone, short in ZONES.items():
            opens, closes = window(current, zone)
            hours = (closes - opens) / HOUR
            load = allocation.daily.get((current, zone), 0.0)
            capacity = f"{per_hour * hours:,.0f}" if rate > 0 else "-"
            print(
                f"{current.isoformat():<11} {short:<5} {opens:%H:%M}-{closes:%H:%M}   {capacity:>10} "
                f"{load:>10,.0f} {moved_to.get((current, zone), 0.0):>9,.0f}"
            )
        current += timedelta(days=1)
    if rate > 0:
        worst = max(allocation.hourly.values(), default=0.0) / per_hour
    print()
    print(f"moved to an earlier day: {allocation.moved:,.0f}")
    print(
        "spill (no room before the due date: sent late that day or the next morning): "
        f"{allocation.spill:,.0f}"
    )
    if rate > 0:
        print(f"busiest hour: {worst:.0%} of capacity")
    return 0
