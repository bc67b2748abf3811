"""Sponsored enrolment: a pemda, a Kadin or a desa pays the iuran of its pekerja rentan for some months. Pure.

A sponsor programme has a code (the deep link's `sp-CODE`), a quota of workers, the months it pays for
each one, and who it is for (regions by Kemendagri code prefix, occupations). A worker enrolled through
the link carries a sponsorship: the months from their first iuran month it covers. A month before the
last one they are asked whether they will go on paying themselves (the handover).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.participants import OCCUPATION_KEYS
from bot.domain.regions import province, regency

CODE = re.compile(r"^[A-Z0-9_]{2,24}$")
START_PREFIX = "sp-"  # Telegram's start parameter: [A-Za-z0-9_-], at most 64 characters


class SponsorshipState(StrEnum):
    """Where one worker's sponsorship stands."""

    ACTIVE = "aktif"  # the sponsor pays; no handover answer yet
    CONTINUING = "lanjut"  # the worker said they will go on paying themselves
    ENDED = "selesai"  # the worker said "later": coverage ends with the sponsor's last month


class Refusal(StrEnum):
    """Why a link does not enrol this worker (each is told plainly, with the self-paid path)."""

    UNKNOWN = "unknown"  # no programme with this code (a mistyped or forged link)
    CLOSED = "closed"  # past its end date
    FULL = "full"  # the quota is used up
    REGION = "region"  # the worker lives outside the programme's regions
    OCCUPATION = "occupation"  # the worker's work is not one the programme is for
    REGISTERED = "registered"  # already a participant (self-paid or another sponsor's)


def normalised_code(text: str) -> str | None:
    """Return the programme code in `text` (`sp-dumai24`, `DUMAI24`), upper-cased, or None."""
    raw = text.strip()
    if raw.lower().startswith(START_PREFIX):
        raw = raw[len(START_PREFIX) :]
    code = raw.upper()
    return code if CODE.match(code) else None


def link_code(start: str) -> str | None:
    """Return the programme code of a deep link's start parameter (`sp-…` only), or None."""
    return normalised_code(start) if start.strip().lower().startswith(START_PREFIX) else None


def start_parameter(code: str) -> str:
    """Return the deep link's start parameter for a programme code."""
    return f"{START_PREFIX}{code.lower()}"


def deep_link(username: str | None, start: str) -> str:
    """Return the t.me link that opens the bot with a start parameter (a placeholder without a username)."""
    return f"https://t.me/{username or 'YOUR_BOT'}?start={start}"


def add_months(month: date, count: int) -> date:
    """Return the first day of the month `count` months after `month`."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_of(day: date) -> date:
    """Return the first day of `day`'s month."""
    return day.replace(day=1)


@dataclass(frozen=True)
class SponsorTerms:
    """What a programme offers and to whom, as the flow needs it."""

    code: str
    name: str
    programme: str
    months: int
    from_month: date
    ends: date | None
    regions: tuple[str, ...]  # Kemendagri code prefixes ("14.72" as "1472", "61"); empty: anywhere
    occupations: tuple[str, ...]  # occupation keys; empty: any work
    quota_left: int

    def covers(self, first_month: date) -> tuple[date, date]:
        """Return the first and last month this programme pays for a worker whose iuran starts then."""
        start = max(first_month, month_of(self.from_month))
        last = add_months(start, self.months - 1)
        if self.ends is not None:
            last = min(last, month_of(self.ends))
        return start, last

    def open_on(self, today: date) -> Refusal | None:
        """Return why nobody can enrol through the link today, or None."""
        if self.ends is not None and today > self.ends:
            return Refusal.CLOSED
        if self.quota_left <= 0:
            return Refusal.FULL
        return None

    def region_refused(self, regency_code: str) -> bool:
        """Tell whether a worker living in `regency_code` (4 digits) is outside the programme's regions."""
        return outside_regions(self.regions, regency_code)

    def occupation_refused(self, occupations: tuple[str, ...]) -> bool:
        """Tell whether none of the worker's kinds of work is one the programme is for."""
        return outside_work(self.occupations, occupations)


def outside_regions(regions: tuple[str, ...], regency_code: str) -> bool:
    """Tell whether `regency_code` lies outside `regions` (Kemendagri prefixes; none: anywhere)."""
    digits = regency_code.replace(".", "")
    return bool(regions) and not any(digits.startswith(r.replace(".", "")) for r in regions)


def outside_work(eligible: tuple[str, ...], occupations: tuple[str, ...]) -> bool:
    """Tell whether none of `occupations` is `eligible` (none listed: any work)."""
    return bool(eligible) and not set(occupations) & set(eligible)


def programme_problems(
    name: str,
    code: str | None,
    quota: int,
    months: int,
    regions: tuple[str, ...],
    occupations: tuple[str, ...],
) -> tuple[str, ...]:
    """Return what is wrong with a new programme, as keys.

    The keys are `name`, `code`, `quota`, `months`, `regions`, `occupations`; each place that asks (the
    CLI, the console) says them in its own words.
    """
    problems = []
    if not 2 <= len(name.strip()) <= 120:
        problems.append("name")
    if code is None:
        problems.append("code")
    if not 1 <= quota <= 1_000_000:
        problems.append("quota")
    if not 1 <= months <= 60:
        problems.append("months")
    for region in regions:
        digits = region.replace(".", "")
        known = province(digits) if len(digits) == 2 else regency(digits) if len(digits) == 4 else None
        if known is None:
            problems.append("regions")
            break
    if any(o not in OCCUPATION_KEYS for o in occupations):
        problems.append("occupations")
    return tuple(problems)


def listed(text: str) -> tuple[str, ...]:
    """Return the items of a comma-separated list as typed (`14.72, 61`)."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


def handover_through(today: date) -> date:
    """Return the latest last month whose handover notice is due today.

    The notice is due from the first day of the month before the sponsor's last month: on any day of
    December, sponsorships ending in January (or earlier) hear it.
    """
    return add_months(month_of(today), 1)


def billed(first_month: date, last_month: date, month: date) -> bool:
    """Tell whether a sponsorship's coverage includes `month`."""
    return first_month <= month <= last_month


# Noon in WIB is the same calendar day in WITA and WIT: a payment dated by the day is that day everywhere.
_PAID_DAY_TIME = time(12, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


class PaidOnError(ValueError):
    """The day an officer says the sponsor paid cannot be (after today, before the list was written)."""


def sponsor_paid_at(paid_on: date | None, written_at: datetime, now: datetime) -> datetime:
    """When the sponsor's money came, as the workers' payments record it.

    Rights on a day of death or accident count the payments made by then (`bot/domain/standing.py`), so a
    transfer recorded days after it arrived must carry the day it arrived: noon WIB of `paid_on`, or `now`
    when no day is named or the day is today. Never after `now`, never before the list was written.
    """
    if paid_on is None:
        return now
    zone = _PAID_DAY_TIME.tzinfo
    today = now.astimezone(zone).date()
    if paid_on > today:
        raise PaidOnError(f"{paid_on:%Y-%m-%d} is after today ({today:%Y-%m-%d})")
    written = (written_at if written_at.tzinfo else written_at.replace(tzinfo=UTC)).astimezone(zone).date()
    if paid_on < written:
        raise PaidOnError(f"{paid_on:%Y-%m-%d} is before the list was written ({written:%Y-%m-%d})")
    return min(datetime.combine(paid_on, _PAID_DAY_TIME), now)
