"""Where a participant stands on a day: the one standing model every right is read from.

From the register's record (the first iuran month, the terms, every payment with the day it was paid) and a
day, it says the months of membership with paid iuran that have passed, the consecutive arrears by due
dates and what they cost, the months paid ahead (refunded with a death claim), and aktif or nonaktif.
`bot/domain/rights.py` turns a standing into what each programme pays. Claims, `/manfaat`, `/iuran`, the
reminders and the operator views read these two modules; nothing else decides standing.

The rules (domain.md §0, §2): protection starts with the first recorded payment (PP 44/2015 Pasal 11);
arrears of up to `Rules.max_arrears_months` keep the rights with conditions (Pasal 39(1), 42(1)); more make
the participant nonaktif (Pasal 39(2), 42(2)); full JKM needs 3 months of membership with paid iuran that
have *passed* at the date of death, never months bought ahead (Permenaker 1/2025).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.coverage import (
    add_months,
    amount_due,
    coverage,
    last_passed_month,
    month_start,
    months_between,
)
from bot.domain.participants import PaidMonths, Participant, ParticipantStatus, Terms
from bot.domain.rules import Rules


@dataclass(frozen=True)
class PaymentRecord:
    """A participant's iuran record: from which month they owe iuran, their terms, their payments."""

    first_month: date
    terms: Terms
    payments: tuple[PaidMonths, ...]

    @property
    def income(self) -> int:
        """Return the declared income in force now."""
        return self.terms.income


@dataclass(frozen=True)
class Standing:
    """A participant's standing on `on`, from the payments recorded by then."""

    on: date
    status: ParticipantStatus  # REGISTERED (nothing paid by then), ACTIVE or INACTIVE
    membership: int  # paid iuran months that ended before `on` (since the last lapse)
    arrears: tuple[date, ...]  # consecutive months whose due date passed unpaid
    owed: int  # what the arrears cost, each month at its own rate
    ahead: tuple[date, ...]  # paid months after `on`'s month: not membership yet
    refund: int  # what those months cost (refunded to the heirs with a death claim)
    paid_through: date | None
    next_month: date  # the next iuran month to pay
    income: int  # the declared income in force in `on`'s month (the JKK base)
    lapsed: bool = False  # nonaktif once, paying again: whether earlier months count is BPJS's to say

    @property
    def protected(self) -> bool:
        """Tell whether JKK and JKM rights exist (possibly conditional on paying the arrears)."""
        return self.status is ParticipantStatus.ACTIVE

    @property
    def in_arrears(self) -> bool:
        """Tell whether rights hold only on condition that the arrears are paid."""
        return self.protected and bool(self.arrears)


def paid_months(record: PaymentRecord, on: date) -> list[date]:
    """Return the iuran months paid by payments made on or before `on`, in order."""
    months = {
        add_months(payment.first_month, offset)
        for payment in record.payments
        if payment.paid_on <= on
        for offset in range(payment.months)
    }
    return sorted(months)


def standing_on(record: PaymentRecord, on: date, rules: Rules) -> Standing:
    """Return the participant's standing on `on` (a date of death or accident, or today)."""
    months = paid_months(record, on)
    paid = set(months)
    this_month = month_start(on)
    state = coverage(record.first_month, months[-1] if months else None, on, rules)
    # Arrears: the unpaid months counted back from the last month whose due date has passed.
    arrears: list[date] = []
    month = last_passed_month(on, rules)
    while months and month >= record.first_month and month not in paid:
        arrears.append(month)
        month = add_months(month, -1)
    arrears.reverse()
    if not months:
        status = ParticipantStatus.REGISTERED
    elif len(arrears) > rules.max_arrears_months:
        status = ParticipantStatus.INACTIVE
    else:
        status = ParticipantStatus.ACTIVE
    # A gap longer than the arrears that keep the rights is a lapse: the participant was nonaktif and paid
    # again. Membership counts from the last lapse (whether BPJS counts the earlier run is unclear), and
    # only months that have passed: months bought ahead are not membership yet.
    lived = [month for month in months if month <= this_month]
    run_start = 0
    for index in range(1, len(lived)):
        if months_between(lived[index - 1], lived[index]) - 1 > rules.max_arrears_months:
            run_start = index
    ahead = tuple(month for month in months if month > this_month)
    return Standing(
        on=on,
        status=status,
        membership=sum(1 for month in lived[run_start:] if month < this_month),
        arrears=tuple(arrears),
        owed=amount_due(record.terms, arrears, rules),
        ahead=ahead,
        refund=amount_due(record.terms, list(ahead), rules),
        paid_through=months[-1] if months else None,
        next_month=state.current_month,
        income=record.terms.income_in(this_month),
        lapsed=run_start > 0,
    )


def standing_of(participant: Participant, on: date, rules: Rules) -> Standing:
    """Return a registered participant's standing on `on` (today, for `/iuran` and `/manfaat`)."""
    record = PaymentRecord(participant.first_month, participant.terms, participant.payments)
    return standing_on(record, on, rules)
