"""The payment decision: does a channel's notice pay this participant's next months, and which? Pure.

Repositories load the participant and store what was decided; the rules live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.coverage import amount_due, months_paid_by
from bot.domain.participants import ParticipantStatus, Terms
from bot.domain.reminders import Kind
from bot.domain.rules import Rules


@dataclass(frozen=True)
class PaymentNotice:
    """A payment as a channel reports it (webhook JSON or a reconciliation CSV row)."""

    reference: str
    channel: str
    nik: str
    amount: int
    months: int
    paid_at: datetime


class Refusal(StrEnum):
    """Why a well-formed notice could not be applied; it is kept for an operator."""

    UNKNOWN_NIK = "unknown_nik"
    DECEASED = "deceased"
    MONTHS = "months"
    WRONG_AMOUNT = "wrong_amount"


@dataclass(frozen=True)
class Payer:
    """What the decision needs to know about the participant a NIK belongs to."""

    registration_number: str
    status: ParticipantStatus
    deceased: bool
    timezone: str
    first_month: date
    paid_through: date | None
    terms: Terms
    registered_at: datetime


@dataclass(frozen=True)
class Accepted:
    """The notice pays `months`; `notice` is what to tell the worker (None when nothing changes)."""

    months: tuple[date, ...]
    notice: Kind | None


@dataclass(frozen=True)
class Rejected:
    """The notice contradicts the register (paid before the participant existed): answered, not kept."""

    detail: str


@dataclass(frozen=True)
class Refused:
    """The notice becomes an exception for an operator."""

    reason: Refusal
    detail: str


# A channel may stamp a payment a little before our registration row's time (clocks drift).
REGISTRATION_SKEW = timedelta(minutes=10)


def decide(notice: PaymentNotice, payer: Payer | None, rules: Rules) -> Accepted | Refused | Rejected:
    """Decide what a notice pays: the participant's next unpaid months (arrears first), each at its rate.

    `paid_at` only says which months had passed when the money came (arrears, or a nonaktif restart);
    it never moves the months paid beyond the next unpaid one.
    """
    if payer is None:
        return Refused(Refusal.UNKNOWN_NIK, "no participant has this NIK")
    if payer.deceased:
        return Refused(Refusal.DECEASED, f"participant {payer.registration_number} is deceased")
    registered = (
        payer.registered_at if payer.registered_at.tzinfo else payer.registered_at.replace(tzinfo=UTC)
    )
    if notice.paid_at < registered - REGISTRATION_SKEW:
        return Rejected(f"paid_at: before the participant registered ({registered:%Y-%m-%d})")
    if notice.months not in rules.payment_months:
        allowed = "/".join(map(str, rules.payment_months))
        return Refused(Refusal.MONTHS, f"{notice.months} months; allowed {allowed}")
    paid_on = notice.paid_at.astimezone(ZoneInfo(payer.timezone)).date()
    months = months_paid_by(payer.first_month, payer.paid_through, paid_on, notice.months, rules)
    expected = amount_due(payer.terms, months, rules)
    if notice.amount != expected:
        detail = f"paid {notice.amount}, expected {expected} for {months[0]:%Y-%m}..{months[-1]:%Y-%m}"
        return Refused(Refusal.WRONG_AMOUNT, detail)
    if payer.status is ParticipantStatus.ACTIVE:
        kind = None
    else:
        kind = Kind.ACTIVATED if payer.paid_through is None else Kind.REACTIVATED
    return Accepted(tuple(months), kind)
