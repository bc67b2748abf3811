"""Monthly iuran and its due date: pure arithmetic over the rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache

import holidays

from bot.domain.rules import Rules


class Programme(StrEnum):
    """The packages a BPU worker can choose."""

    JKK_JKM = "jkk_jkm"
    JKK_JKM_JHT = "jkk_jkm_jht"


@dataclass(frozen=True)
class Iuran:
    """One month's iuran, by programme, in whole rupiah."""

    jkk: int
    jkm: int
    jht: int
    discounted: bool

    @property
    def total(self) -> int:
        """Return what the worker pays for the month."""
        return self.jkk + self.jkm + self.jht


def whole_rupiah(amount: Decimal) -> int:
    """Round to whole rupiah, half up (there is no sen)."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def is_transport(occupations: tuple[str, ...], rules: Rules) -> bool:
    """Tell whether the worker's sector is transport for the discount (any of their occupations)."""
    return any(o in rules.transport_occupations for o in occupations)


def discounted(month: date, occupations: tuple[str, ...], rules: Rules) -> bool:
    """Tell whether PP 50/2025 applies to this iuran month and sector."""
    period = rules.transport_discount if is_transport(occupations, rules) else rules.other_discount
    return period.covers(month)


def monthly_iuran(
    income: int, programme: Programme, occupations: tuple[str, ...], month: date, rules: Rules
) -> Iuran:
    """Compute one month's iuran: JKK 1% + JKM flat (+ JHT 2%), discount on JKK and JKM only."""
    factor = Decimal(1) - rules.discount_rate if discounted(month, occupations, rules) else Decimal(1)
    jkk = whole_rupiah(Decimal(income) * rules.jkk_rate * factor)
    jkm = whole_rupiah(Decimal(rules.jkm_flat) * factor)
    jht = whole_rupiah(Decimal(income) * rules.jht_rate) if programme is Programme.JKK_JKM_JHT else 0
    return Iuran(jkk, jkm, jht, factor != 1)


@cache
def _indonesian_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("ID", years=[year, year + 1])


def is_working_day(day: date) -> bool:
    """Tell whether `day` is neither a weekend nor an Indonesian public holiday."""
    return day.weekday() < 5 and day not in _indonesian_holidays(day.year)


def due_date(month: date, rules: Rules) -> date:
    """Return the due date of iuran month `month`: the 15th, or the next working day."""
    day = date(month.year, month.month, rules.due_day)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def first_iuran_month(today: date, rules: Rules) -> date:
    """Return the first iuran month of a new registration: this month, or next once its due date passed."""
    this_month = today.replace(day=1)
    if today <= due_date(this_month, rules):
        return this_month
    return (this_month + timedelta(days=32)).replace(day=1)


def next_month(month: date) -> date:
    """Return the first day of the month after `month`."""
    return (month.replace(day=1) + timedelta(days=32)).replace(day=1)


@dataclass(frozen=True)
class Price:
    """What a worker pays from `month`: this month's iuran, until when a discount lasts, and after it."""

    now: int
    discount_until: date | None  # the last discounted iuran month, when `month` is discounted
    after: int | None  # the monthly iuran once the discount has ended


def price_from(
    income: int, programme: Programme, occupations: tuple[str, ...], month: date, rules: Rules
) -> Price:
    """Return the iuran of `month`; when discounted, also the month the discount ends and the price after."""
    now = monthly_iuran(income, programme, occupations, month, rules)
    if not now.discounted:
        return Price(now.total, None, None)
    period = rules.transport_discount if is_transport(occupations, rules) else rules.other_discount
    last = period.last_month
    after = monthly_iuran(income, programme, occupations, next_month(last), rules).total
    return Price(now.total, last, after)


def becak_uncertain(occupations: tuple[str, ...], rules: Rules) -> bool:
    """Tell whether the price hangs on the unconfirmed becak-as-transport rule (domain.md §8.7)."""
    others = tuple(o for o in occupations if o != "becak")
    return "becak" in occupations and not is_transport(others, replace(rules, becak_is_transport=False))
