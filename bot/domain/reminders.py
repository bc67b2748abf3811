"""When reminders go out: days before the due date, on it, a week after; never at night, local time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.coverage import Coverage, add_months, amount_due, coverage
from bot.domain.iuran import due_date
from bot.domain.participants import ParticipantStatus, SponsoredMonths, Terms
from bot.domain.rules import Rules

QUIET_FROM, QUIET_UNTIL = 20, 8  # no message between 20:00 and 08:00 local time
DEFAULT_HOUR = 9
DAYS_BEFORE_CHOICES = (7, 3, 1)
HOUR_CHOICES = (8, 12, 17)


class Kind(StrEnum):
    """The messages planned for one iuran month, plus the activation notice."""

    BEFORE = "before"
    WARNING = "warning"
    DUE = "due"
    AFTER = "after"
    ACTIVATED = "activated"
    REACTIVATED = "reactivated"
    SPONSOR_ACTIVATED = "sp_activated"  # a sponsor's first payment recorded: protected, with the card
    SPONSORED = "sponsored"  # a sponsor's later month recorded
    HANDOVER = "handover"  # a month before the sponsor's last: go on paying yourself?


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
        # Before the month whose miss would make the arrears more than the rights survive: nonaktif.
        if state.status is ParticipantStatus.ACTIVE and missed_before >= rules.max_arrears_months
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


# --- whether a due reminder goes out ----------------------------------------------------------------

IN_FLOW_GRACE = timedelta(hours=1)  # a worker busy in a flow gets the reminder when it ends, or after this
RECHECK = timedelta(minutes=1)
NOTIFICATIONS = frozenset(
    {Kind.ACTIVATED, Kind.REACTIVATED, Kind.SPONSOR_ACTIVATED, Kind.SPONSORED, Kind.HANDOVER}
)


@dataclass(frozen=True)
class Recipient:
    """What the reminder decision needs to know of a participant, as the register holds it."""

    reachable: bool  # has a chat, and the chat did not block the bot
    gone: bool  # deceased or anonymised
    reminders_on: bool
    first_month: date
    paid_through: date | None
    timezone: str
    busy_since: datetime | None = None  # the last turn in a flow other than the menu
    paused: bool = False  # a death reported and not yet checked: reminders wait, notices still go
    sponsored_through: date | None = None  # a sponsor pays up to this month: nobody asks the worker to


@dataclass(frozen=True)
class Send:
    """Send the reminder now; `coverage` is where the participant stands today (the notice says it)."""

    coverage: Coverage


@dataclass(frozen=True)
class Skip:
    """Do not send it, ever: `reason` is recorded on the reminder; `why` says which rule (for metrics)."""

    reason: str
    why: str = field(default="", compare=False)


@dataclass(frozen=True)
class Defer:
    """Look at it again at `until` (night time, or the worker is in the middle of a conversation)."""

    until: datetime


Decision = Send | Skip | Defer


def decide(
    kind: Kind, month: date, planned_at: datetime, who: Recipient | None, now: datetime, rules: Rules
) -> Decision:
    """Decide whether a due reminder or notice goes out now, later, or never."""
    if who is None or who.gone:
        return Skip("skipped", "gone")
    if not who.reachable:
        return Skip("skipped", "unreachable")
    notification = kind in NOTIFICATIONS
    if not notification:
        if who.paused:
            return Skip("skipped", "death_reported")
        if not who.reminders_on:
            return Skip("skipped", "reminders_off")
        if who.paid_through is not None and month <= who.paid_through:
            return Skip("skipped", "paid")
        if who.sponsored_through is not None and month <= who.sponsored_through:
            return Skip("skipped", "sponsored")
    if (daytime := next_daytime(now, who.timezone)) != now:
        return Defer(daytime)
    busy = who.busy_since is not None and who.busy_since > now - IN_FLOW_GRACE
    if busy and not notification and now < planned_at + IN_FLOW_GRACE:  # notices are never held back
        return Defer(now + RECHECK)
    today = now.astimezone(ZoneInfo(who.timezone)).date()
    state = coverage(who.first_month, who.paid_through, today, rules)
    if not notification and state.status is ParticipantStatus.INACTIVE and kind is not Kind.AFTER:
        return Skip("skipped", "nonaktif")  # once nonaktif: one plain monthly message, not three
    return Send(state)


@dataclass(frozen=True)
class NoticeFacts:
    """What a notice needs to know about the participant."""

    kind: Kind
    month: date
    coverage: Coverage
    terms: Terms
    registration_number: str
    name: str
    activated_on: date | None
    today: date | None = None  # the participant's local date when it is sent
    sponsored: SponsoredMonths | None = None  # who pays, until when (sponsor notices)

    def told_as(self, rules: Rules) -> tuple[Kind, int]:
        """Return the kind the notice is told as on the day it is sent, and the days past the due date.

        The capacity planner may send a reminder days before its own: a due-day message sent early is a
        reminder with the due date, and a late notice says how late it really is (at least one day).
        """
        due = due_date(self.month, rules)
        today = self.today or (due + timedelta(days=7) if self.kind is Kind.AFTER else due)
        kind = Kind.BEFORE if self.kind is Kind.DUE and today < due else self.kind
        return kind, max((today - due).days, 1)

    def owed(self, rules: Rules) -> int:
        """Return what the arrears cost, each month at its own rate."""
        return amount_due(self.terms, list(self.coverage.unpaid_months), rules)
