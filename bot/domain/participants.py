"""The participant register's types: what a registration holds, and where a participant stands. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stdnum import damm

from bot.domain.iuran import Programme, monthly_iuran
from bot.domain.rules import Rules


class ParticipantStatus(StrEnum):
    """A participant's standing, as stored and as worked out from the payments."""

    REGISTERED = "terdaftar"  # no payment yet: not protected
    ACTIVE = "aktif"
    INACTIVE = "nonaktif"  # more than 3 consecutive unpaid months: no JKK/JKM rights
    ANONYMISED = "anonim"  # asked to be forgotten after paying: payments kept, nothing that identifies


# Keys only: the labels the worker sees are msgids in `bot/flows/labels.py`.
OCCUPATION_KEYS: tuple[str, ...] = (
    "ojol",
    "ojek_pangkalan",
    "kurir",
    "sopir",
    "becak",
    "pedagang",
    "pkl",
    "petani",
    "nelayan",
    "buruh",
    "lainnya",
)
# PP 44/2015 Pasal 40(2) [R1]: spouse or child first, then parents/grandparents/grandchildren, siblings,
# parents-in-law, and whoever the participant's will names.
HEIR_RELATION_KEYS: tuple[str, ...] = (
    "pasangan",
    "anak",
    "orang_tua",
    "kakek_nenek",
    "cucu",
    "saudara",
    "mertua",
    "wasiat",
)


@dataclass(frozen=True)
class Heir:
    """An heir the participant names."""

    name: str
    relation: str
    phone: str | None = None


@dataclass(frozen=True)
class PaidMonths:
    """One payment as the register holds it: the months it covers and the day it was paid."""

    first_month: date
    months: int
    paid_on: date


@dataclass(frozen=True)
class Terms:
    """What a participant pays for; income and programme changes wait for `pending_from`."""

    income: int
    programme: str
    occupations: tuple[str, ...]
    pending_income: int | None = None
    pending_programme: str | None = None
    pending_from: date | None = None

    def _pending(self, month: date) -> bool:
        return self.pending_from is not None and month >= self.pending_from

    def income_in(self, month: date) -> int:
        """Return the declared income in force in `month`."""
        return self.pending_income if self._pending(month) and self.pending_income else self.income

    def iuran(self, month: date, rules: Rules) -> int:
        """Return the iuran of `month` under these terms."""
        pending = self._pending(month)
        programme = self.pending_programme if pending and self.pending_programme else self.programme
        return monthly_iuran(
            self.income_in(month), Programme(programme), self.occupations, month, rules
        ).total


@dataclass(frozen=True)
class ParticipantChange:
    """A correction from `/datasaya`; only the fields given change.

    Income and programme apply from `effective_from` (the next iuran month).
    """

    phone: str | None = None
    regency_code: str | None = None
    address: str | None = None
    occupations: tuple[str, ...] | None = None
    occupation_other: str | None = None
    income: int | None = None
    programme: str | None = None
    heirs: tuple[Heir, ...] | None = None
    effective_from: date | None = None


@dataclass(frozen=True)
class Registration:
    """Everything a confirmed registration stores."""

    nik: str
    birth_date: date
    female: bool
    name: str
    phone: str
    regency_code: str
    address: str
    occupations: tuple[str, ...]
    occupation_other: str | None
    income: int
    programme: str
    heirs: tuple[Heir, ...]
    consent_version: str
    consent_at: str
    language: str
    first_month: date


@dataclass(frozen=True)
class SponsoredMonths:
    """The months a sponsor pays for this participant, and their answer at the handover (`aktif`, ...)."""

    sponsor: str
    first_month: date
    last_month: date
    state: str


@dataclass(frozen=True)
class Participant:
    """A registered participant as the register holds it: identity unsealed, standing and settings.

    The runner loads the chat's participant before every turn, so flows read it from their context.
    """

    registration_number: str
    status: ParticipantStatus
    nik_last4: str
    name: str
    birth_date: date
    female: bool
    phone: str
    regency_code: str
    address: str
    occupation_other: str | None
    heirs: tuple[Heir, ...]
    consent_at: str
    terms: Terms
    first_month: date
    paid_through: date | None
    reminders_on: bool
    reminder_days: int
    reminder_hour: int
    timezone: str
    payments: tuple[PaidMonths, ...] = ()
    deceased_on: date | None = None  # a death recorded on the participant
    deceased_source: str | None = None  # what recorded it (the claim number)
    death_reported: str | None = None  # a death reported, not yet checked (the claim number)
    sponsored: SponsoredMonths | None = None  # enrolled through a sponsor's link

    @property
    def occupations(self) -> tuple[str, ...]:
        """Return the occupation keys."""
        return self.terms.occupations

    @property
    def income(self) -> int:
        """Return the declared income in force now."""
        return self.terms.income

    @property
    def programme(self) -> str:
        """Return the programme in force now."""
        return self.terms.programme


def registration_number(sequence: int, registered: date, salt: int) -> str:
    """Return YYMM + a four-digit random salt + a six-digit sequence + a Damm check digit (15 digits).

    The sequence keeps every number unique; the salt (drawn by the caller from `secrets`) makes a computed
    number land only by chance, one in 10,000. The check digit catches any one mistyped digit or swap.
    Numbers issued before the salt (11 digits: YYMM + sequence + check) keep working.
    """
    body = f"{registered:%y%m}{salt % 10_000:04d}{sequence:06d}"
    return body + damm.calc_check_digit(body)


REGISTRATION_NUMBER_LENGTHS = (11, 15)


def is_registration_number(text: str) -> bool:
    """Tell whether `text` is a well-formed registration number (its Damm check digit matches)."""
    digits = "".join(c for c in text if not c.isspace())
    return (
        digits.isascii()
        and digits.isdigit()
        and len(digits) in REGISTRATION_NUMBER_LENGTHS
        and damm.is_valid(digits)
    )
