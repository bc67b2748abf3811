"""How many reminders one bot token can send a day, and where those that would not fit go instead.

One token sends at most `rate` messages a second, for every zone at once; each zone may only be written to
between 08:00 and 20:00 local time, and the three zones' windows are shifted by an hour each (WIT opens at
23:00 UTC, WIB closes at 13:00 UTC). The planner cuts time into UTC hours, each holding `rate × share ×
3600` messages, and lays every day's reminders into the hours of their zone's window:

1. each reminder first at its own moment or later that same day, the due-day messages first;
2. what does not fit moves to earlier days, one day at a time, as far back as its kind allows (a reminder
   before the due date: up to a week before it; a late notice: not before the day after the due date), so
   nothing is ever moved past its due date;
3. what still does not fit stays at its own moment and is reported as spill.

Demands are groups of alike participants (`size` of them); an allocation cuts each group into portions,
given as fractions of the group, which the planner turns into stable buckets of participant ids.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

OPEN_HOUR, CLOSE_HOUR = 8, 20  # the daytime window, local time
HOUR = timedelta(hours=1)
BUCKETS = 1000
# A participant's bucket: the high bits of a 32-bit multiplicative hash of the id (Knuth's golden-ratio
# constant), scaled to BUCKETS. Ids that a group holds in a regular pattern (every tenth, say) still spread
# over all buckets, where `id mod BUCKETS` would crowd them into a few.
HASH_MULTIPLIER = 2654435761
HASH_SPACE = 2**32
HEADROOM = 0.99  # of each hour, what the planner fills: the rest absorbs the buckets' rounding


def bucket_of(participant_id: int) -> int:
    """Return the bucket of a participant id (the storage layer computes the same in SQL)."""
    return (participant_id * HASH_MULTIPLIER) % HASH_SPACE * BUCKETS // HASH_SPACE


DAY_OPENS_UTC = 23  # WIT's window opens at 23:00 UTC: the first of any zone's day


@dataclass(frozen=True)
class Demand:
    """`size` messages wanted at `at` (UTC) in `zone`; they may move back to local date `earliest`."""

    key: Hashable
    zone: str
    size: int
    at: datetime
    earliest: date
    first: bool = False  # a due-day message: laid out before the others of its day


@dataclass(frozen=True)
class Portion:
    """The share [start, end) of a demand's group, sent from `at` (UTC)."""

    key: Hashable
    start: float
    end: float
    at: datetime
    moved: bool = False  # to an earlier day than wanted
    spilled: bool = False  # no room anywhere: left at its own moment


@dataclass
class Allocation:
    """Where every demand goes, and the load this puts on each UTC hour and each zone's local day."""

    portions: list[Portion] = field(default_factory=list)
    hourly: dict[datetime, float] = field(default_factory=dict)  # UTC hour -> messages
    daily: dict[tuple[date, str], float] = field(default_factory=dict)  # (local date, zone) -> messages
    spill: float = 0.0
    moved: float = 0.0


def hour_of(moment: datetime) -> datetime:
    """Return the UTC hour `moment` falls in."""
    moment = moment.astimezone(UTC)
    return moment.replace(minute=0, second=0, microsecond=0)


def window(day: date, zone: str) -> tuple[datetime, datetime]:
    """Return the UTC start and end of `day`'s daytime window in `zone`."""
    tz = ZoneInfo(zone)
    opens = datetime.combine(day, time(OPEN_HOUR), tz).astimezone(UTC)
    closes = datetime.combine(day, time(CLOSE_HOUR), tz).astimezone(UTC)
    return opens, closes


def local_date(moment: datetime, zone: str) -> date:
    """Return the date `moment` falls on in `zone`."""
    return moment.astimezone(ZoneInfo(zone)).date()


class Hours:
    """Room left in each UTC hour; an hour before `now` has none."""

    def __init__(self, per_hour: float, now: datetime) -> None:
        self.per_hour = per_hour
        self.now = now
        self.used: dict[datetime, float] = {}

    def room(self, hour: datetime) -> float:
        """Return how many more messages fit in `hour` (the current hour: its remaining part)."""
        if hour + HOUR <= self.now:
            return 0.0
        share = 1.0 if hour >= self.now else (hour + HOUR - self.now) / HOUR
        return max(0.0, self.per_hour * share - self.used.get(hour, 0.0))

    def take(self, hour: datetime, count: float) -> None:
        """Use `count` messages of `hour`."""
        self.used[hour] = self.used.get(hour, 0.0) + count


def _hours(start: datetime, end: datetime) -> list[datetime]:
    hours, at = [], hour_of(start)
    while at < end:
        hours.append(at)
        at += HOUR
    return hours


def allocate(demands: Iterable[Demand], rate: float, now: datetime) -> Allocation:
    """Lay `demands` out over the hours at `rate` messages an hour; never earlier than `now`.

    A rate of 0 or less means no limit: every demand stays whole at its own moment.
    """
    wanted = sorted(
        (d for d in demands if d.size > 0),
        key=lambda d: (local_date(d.at, d.zone), not d.first, d.at, repr(d.key)),
    )
    result = Allocation()
    if rate <= 0:
        for demand in wanted:
            _place(result, demand, 0.0, 1.0, demand.at)
        return result
    hours = Hours(rate * 3600 * HEADROOM, now)
    today = local_date(now, "Asia/Jayapura")  # the easternmost zone's date: no zone is further ahead
    left: list[tuple[Demand, float]] = []  # (demand, fraction already placed)
    for demand in wanted:  # 1: on its own day, from its own moment
        day = local_date(demand.at, demand.zone)
        _, closes = window(day, demand.zone)
        done = _fill(result, hours, demand, 0.0, _hours(max(demand.at, now), closes), first_at=demand.at)
        if done < 1.0:
            left.append((demand, done))
    # 2: earlier days, the most constrained first (fewest days to move back to)
    left.sort(key=lambda item: (local_date(item[0].at, item[0].zone) - item[0].earliest, item[0].at))
    for demand, done in left:
        own = local_date(demand.at, demand.zone)
        day = own - timedelta(days=1)
        while done < 1.0 and day >= max(demand.earliest, today - timedelta(days=1)):
            opens, closes = window(day, demand.zone)
            preferred = datetime.combine(day, demand.at.astimezone(ZoneInfo(demand.zone)).timetz())
            later = [h for h in _hours(opens, closes) if h >= hour_of(preferred)]
            earlier = [h for h in _hours(opens, closes) if h < hour_of(preferred)]
            done = _fill(result, hours, demand, done, later + earlier, moved=True)
            day -= timedelta(days=1)
        if done < 1.0:  # 3: no room anywhere it may go
            result.spill += (1.0 - done) * demand.size
            _place(result, demand, done, 1.0, demand.at, spilled=True)
    result.portions.sort(key=lambda p: (p.at, repr(p.key), p.start))
    return result


def _fill(
    result: Allocation,
    hours: Hours,
    demand: Demand,
    done: float,
    slots: list[datetime],
    *,
    first_at: datetime | None = None,
    moved: bool = False,
) -> float:
    """Put what is left of `demand` into `slots` in order; return the fraction placed so far."""
    for slot in slots:
        if done >= 1.0:
            break
        room = hours.room(slot)
        if room < 1.0:
            continue
        share = min(1.0 - done, room / demand.size)
        at = max(slot, first_at, hours.now) if first_at is not None else max(slot, hours.now)
        hours.take(slot, share * demand.size)
        _place(result, demand, done, done + share, at, moved=moved)
        if moved:
            result.moved += share * demand.size
        done += share
    return done


def _place(
    result: Allocation,
    demand: Demand,
    start: float,
    end: float,
    at: datetime,
    *,
    moved: bool = False,
    spilled: bool = False,
) -> None:
    count = (end - start) * demand.size
    result.portions.append(Portion(demand.key, start, end, at, moved=moved, spilled=spilled))
    hour = hour_of(at)
    result.hourly[hour] = result.hourly.get(hour, 0.0) + count
    day = (local_date(at, demand.zone), demand.zone)
    result.daily[day] = result.daily.get(day, 0.0) + count


def day_start(now: datetime) -> datetime:
    """Return the last 23:00 UTC at or before `now`: the whole of today's windows lies after it.

    Allocating from there, and not from `now`, gives the same layout all day, so planning again an hour
    later keeps everyone's share where it was.
    """
    at = now.astimezone(UTC).replace(hour=DAY_OPENS_UTC, minute=0, second=0, microsecond=0)
    return at if at <= now else at - timedelta(days=1)


def buckets(start: float, end: float, of: int = BUCKETS) -> tuple[int, int]:
    """Return the participant-id buckets [lo, hi) of the fraction [start, end) of a group.

    A participant is in bucket `bucket_of(id)`; the same fractions always give the same buckets, so planning
    again the next hour picks the same people.
    """
    return round(start * of), round(end * of)
