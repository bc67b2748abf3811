"""When reminders go out: days before the due date, on it, a week after; never at night, local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.coverage import Coverage, add_months
from bot.domain.iuran import due_date
from bot.domain.participants import ParticipantStatus
from bot.domain.rules import Rules

QUIET_FROM, QUIET_UNTIL = 20, 8  # no message between 20:00 and 08:00 local time
DEFAULT_HOUR = 9
DAYS_BEFORE_CHOICES = (7, 3, 1)
HOUR_CHOICES = (8, 12, 17)
MISSED_BEFORE_WARNING = 2  # the warning comes before the month that would be the third missed one


class Kind(StrEnum):
    """The messages planned for one iuran month, plus the activation notice."""

    BEFORE = "before"
    WARNING = "warning"
    DUE = "due"
    AFTER = "after"
    ACTIVATED = "activated"
    REACTIVATED = "reactivated"


@dataclass(frozen=True)
class Planned:
    """One message to send: for which iuran month, what kind, when (UTC)."""

    month: date
    kind: Kind
    at: datetime


def allowed_hour(hour: int) -> int:
    """Clamp a preferred hour into the daytime window (08:00 to 19:00)."""
    return min(max(hour, QUIET_UNTIL), QUIET_FROM - 1)


def at_local(day: date, hour: int, zone: str) -> datetime:
    """Return `day` at `hour` local time in `zone`, as UTC."""
    return datetime.combine(day, time(allowed_hour(hour)), ZoneInfo(zone)).astimezone(UTC)


def next_daytime(moment: datetime, zone: str) -> datetime:
    """Return `moment` itself in the daytime window, or 08:00 local after it when it falls at night."""
    local = moment.astimezone(ZoneInfo(zone))
    if QUIET_UNTIL <= local.hour < QUIET_FROM:
        return moment
    day = local.date() if local.hour < QUIET_UNTIL else local.date() + timedelta(days=1)
    return at_local(day, QUIET_UNTIL, zone)


def month_plan(
    state: Coverage, month: date, *, days_before: int, hour: int, zone: str, rules: Rules
) -> list[Planned]:
    """Return the reminders of iuran `month`, if it is unpaid and due for this participant."""
    if state.paid_through is not None and month <= state.paid_through:
        return []
    if month < state.current_month and month not in state.unpaid_months:
        return []
    due = due_date(month, rules)
    missed_before = sum(1 for m in state.unpaid_months if m < month)
    first = (
        Kind.WARNING
        if state.status is ParticipantStatus.ACTIVE and missed_before >= MISSED_BEFORE_WARNING
        else Kind.BEFORE
    )
    return [
        Planned(month, first, at_local(due - timedelta(days=days_before), hour, zone)),
        Planned(month, Kind.DUE, at_local(due, hour, zone)),
        Planned(month, Kind.AFTER, at_local(due + timedelta(days=7), hour, zone)),
    ]


def plan_window(
    state: Coverage,
    today: date,
    *,
    days_before: int,
    hour: int,
    zone: str,
    rules: Rules,
) -> list[Planned]:
    """Return the reminders of this month's and last month's iuran (an 'after' can spill over)."""
    this_month = today.replace(day=1)
    planned: list[Planned] = []
    for month in (add_months(this_month, -1), this_month, add_months(this_month, 1)):
        planned += month_plan(state, month, days_before=days_before, hour=hour, zone=zone, rules=rules)
    return planned
