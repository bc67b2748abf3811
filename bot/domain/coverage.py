"""Coverage: which iuran months are paid, what is owed, and whether protection is aktif or nonaktif."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.iuran import due_date
from bot.domain.participants import ParticipantStatus, Terms
from bot.domain.rules import Rules


def month_start(day: date) -> date:
    """Return the first day of `day`'s month."""
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    """Return the first day of the month `count` months after `month` (negative goes back)."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> int:
    """Return how many months `last` is after `first` (0 when the same month)."""
    return (last.year - first.year) * 12 + last.month - first.month


def last_passed_month(today: date, rules: Rules) -> date:
    """Return the latest iuran month whose due date is before `today`."""
    month = month_start(today)
    return month if due_date(month, rules) < today else add_months(month, -1)


@dataclass(frozen=True)
class Coverage:
    """Where a participant stands on `today`."""

    status: ParticipantStatus
    paid_through: date | None
    unpaid_months: tuple[date, ...]  # months whose due date passed without payment
    current_month: date  # the next iuran month to pay

    @property
    def arrears(self) -> int:
        """Return how many passed months are unpaid."""
        return len(self.unpaid_months)


def coverage(first_month: date, paid_through: date | None, today: date, rules: Rules) -> Coverage:
    """Work out status, arrears and the next month to pay."""
    last_passed = last_passed_month(today, rules)
    start = add_months(paid_through, 1) if paid_through else first_month
    unpaid = []
    month = start
    while month <= last_passed:
        unpaid.append(month)
        month = add_months(month, 1)
    if paid_through is None:
        status = ParticipantStatus.REGISTERED
    elif len(unpaid) > rules.max_arrears_months:
        status = ParticipantStatus.INACTIVE
    else:
        status = ParticipantStatus.ACTIVE
    current = max(start, add_months(last_passed, 1)) if status is ParticipantStatus.INACTIVE else start
    return Coverage(status, paid_through, tuple(unpaid), current)


def months_paid_by(
    first_month: date, paid_through: date | None, paid_on: date, count: int, rules: Rules
) -> list[date]:
    """Return the iuran months a payment of `count` months covers.

    Arrears first; a nonaktif participant restarts from the current month (arrears are not collected,
    reactivation is confirmed with BPJS: domain.md §0).
    """
    state = coverage(first_month, paid_through, paid_on, rules)
    start = state.current_month
    if state.status is ParticipantStatus.INACTIVE:
        start = max(start, month_start(paid_on))
    return [add_months(start, offset) for offset in range(count)]


def amount_due(terms: Terms, months: list[date], rules: Rules) -> int:
    """Return what those months cost, each at its own rate (discounts apply per month)."""
    return sum(terms.iuran(month, rules) for month in months)


def inactive_cutoff(today: date, rules: Rules) -> date:
    """Return the latest paid-through month that makes an active participant nonaktif on `today`.

    Nonaktif once more than `rules.max_arrears_months` passed months are unpaid (as `coverage` says).
    """
    return add_months(last_passed_month(today, rules), -rules.max_arrears_months - 1)
